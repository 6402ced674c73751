"""`make eval`: golden cases through deterministic scorers, then (with a model) the pipeline.

Offline part (always): every case's known-good tailoring must pass every scorer, and its known-bad
tailoring must fail the scorers its case.json names; then the fact check over the planted-fault
set (evals/factcheck): every planted fault caught, every clean case passed. Exit status 1 when
any of these does not hold.
Live part: with OPENAI_BASE_URL, OPENAI_API_KEY and TAILOR_MODEL_NAME set, each case's posting is
analysed and its resume tailored by the configured model, and the result scored; without them the
runner says so and skips it.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from pydantic import SecretStr

from documents.markdown import load_resume, write_resume
from engine.requirements import Requirement
from evals import factcheck_eval
from evals.extractor import report as extractor_report
from evals.scorers import SCORER_NAMES, Case, Verdict, score_text

CASES = Path(__file__).resolve().parent / "cases"
JOBS = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "jobs"


@dataclass(frozen=True)
class GoldenCase:
    case: Case
    folder: Path
    bad_must_fail: tuple[str, ...]


def load_cases() -> list[GoldenCase]:
    cases = []
    for folder in sorted(p for p in CASES.iterdir() if (p / "case.json").is_file()):
        spec = json.loads((folder / "case.json").read_text())
        requirements = [Requirement(t, True, "tool") for t in spec["required"]]
        requirements += [Requirement(t, False, "tool") for t in spec["preferred"]]
        source = load_resume((folder / "resume.md").read_text())
        cases.append(GoldenCase(Case(folder.name, source, requirements, spec.get("facts", [])),
                                folder, tuple(spec["bad_must_fail"])))
    return cases


COLUMNS = {"schema_valid": "schema", "sections_preserved": "sections",
           "identity_unchanged": "identity", "no_fabricated_employers": "employers",
           "no_fabricated_skills": "skills", "no_fabricated_numbers": "numbers",
           "keyword_coverage": "keywords"}


def _table(rows: list[tuple[str, list[Verdict]]]) -> str:
    width = max(len(name) for name, _ in rows)
    header = f"{'case':<{width}}  " + "  ".join(f"{COLUMNS[n]:>9}" for n in SCORER_NAMES)
    lines = [header, "-" * len(header)]
    for name, verdicts in rows:
        cells = "  ".join(f"{'pass' if v.passed else 'FAIL':>9}" for v in verdicts)
        lines.append(f"{name:<{width}}  {cells}")
    return "\n".join(lines)


def offline() -> bool:
    rows, problems = [], []
    for golden in load_cases():
        good = score_text(golden.case, (golden.folder / "good.md").read_text())
        bad = score_text(golden.case, (golden.folder / "bad.md").read_text())
        rows += [(f"{golden.case.name}/good", good), (f"{golden.case.name}/bad", bad)]
        problems += [f"{golden.case.name}/good: {v.scorer} failed ({v.detail})"
                     for v in good if not v.passed]
        by_name = {v.scorer: v for v in bad}
        problems += [f"{golden.case.name}/bad: {name} did not fire"
                     for name in golden.bad_must_fail if by_name[name].passed]
    print("Golden cases (deterministic scorers):")
    print(_table(rows))
    for problem in problems:
        print(f"PROBLEM: {problem}")
    return not problems


async def live(base_url: str, api_key: str, model: str) -> None:
    from llm.structured import ModelConnection
    from workflows.generation.analysis import analyze_posting
    from workflows.generation.tailoring import InMemoryRoleStore, tailor_role_by_role
    from workflows.progress import RecordingProgress

    conn = ModelConnection(base_url, SecretStr(api_key), model)
    rows = []
    for golden in load_cases():
        posting = (golden.folder / "posting.txt").read_text()
        analysis = (await analyze_posting(conn, posting)).analysis
        outcome = await tailor_role_by_role(conn, resume=golden.case.source, analysis=analysis,
                                      facts=list(golden.case.facts),
                                      progress=RecordingProgress(), store=InMemoryRoleStore())
        verdicts = score_text(golden.case, write_resume(outcome.resume))
        rows.append((f"{golden.case.name}/live", verdicts))
        print(f"{golden.case.name}: score {outcome.score_before.score} -> "
              f"{outcome.score_after.score}; fact check repaired {len(outcome.report.repaired)}")
    print(f"Live run with {conn.label}:")
    print(_table(rows))


def main() -> int:
    if JOBS.is_dir():
        print(extractor_report(JOBS))
        print()
    ok = offline()
    print()
    ok = factcheck_eval.main() and ok
    print()
    settings = {k: os.environ.get(k) for k in ("OPENAI_BASE_URL", "OPENAI_API_KEY",
                                                "TAILOR_MODEL_NAME")}
    if all(settings.values()):
        asyncio.run(live(settings["OPENAI_BASE_URL"], settings["OPENAI_API_KEY"],
                         settings["TAILOR_MODEL_NAME"]))
    else:
        missing = ", ".join(k for k, v in settings.items() if not v)
        print(f"Live run skipped: no model configured ({missing} not set). Set OPENAI_BASE_URL, "
              "OPENAI_API_KEY and TAILOR_MODEL_NAME to tailor the golden cases with a real model.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
