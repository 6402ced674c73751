"""The fact check over the planted-fault set in evals/factcheck (see its README for the format).

Each case's generated resume or letter goes through the real fact check with the case's
confirmed facts and posting. A planted fault is caught when some finding's generated line holds
the planted line; it has the right rule when that finding's rule is the planted rule or one of
its `also_rules`. A clean case passes when the check finds nothing; a finding in a fault case
that touches no planted line is a false alarm. Reference month: 12/2026, as the labels assume.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from documents.markdown import load_resume
from documents.model import CoverLetter, Resume
from engine.factcheck.check import fact_check_letter, fact_check_resume
from engine.factcheck.repair import Finding

HERE = Path(__file__).resolve().parent / "factcheck"
RULES = (
    "invented_skill", "invented_employer", "changed_title", "invented_degree",
    "invented_certification", "number_changed", "unit_changed", "scope_raised", "anachronism",
    "moved_achievement", "years_inflated", "letter_claim_unsourced",
)
TODAY = dt.date(2026, 12, 15)


@dataclass
class CaseResult:
    case: dict
    findings: list[Finding]
    caught: list[bool] = field(default_factory=list)
    right_rule: list[bool] = field(default_factory=list)
    false_alarms: list[Finding] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.case["planted"]

    @property
    def passed(self) -> bool:
        return all(self.caught) and not self.false_alarms


def load_cases() -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted((HERE / "cases").glob("*.json"))]


def _letter(source: Resume, case: dict, posting: str | None) -> CoverLetter:
    contact = source.personal.contact if source.personal and source.personal.contact else None
    company = posting.splitlines()[1].split(" - ")[0].strip() if posting else "the company"
    paragraphs = tuple(p.strip() for p in case["generated"].split("\n\n") if p.strip())
    name = contact.name if contact else "Applicant"
    return CoverLetter(
        sender_name=name, sender_email=contact.email if contact else None,
        sender_phone=contact.phone if contact else None,
        sender_location=contact.location if contact else None, date=TODAY, company=company,
        greeting="Dear hiring team,", paragraphs=paragraphs, signature=name)


def check_case(case: dict) -> list[Finding]:
    source = load_resume((HERE / case["persona"]).read_text())
    posting = (HERE / case["posting"]).read_text() if case["posting"] else None
    facts = case["confirmed_facts"]
    if case["kind"] == "resume":
        _, report = fact_check_resume(source, load_resume(case["generated"]), facts,
                                      posting=posting, today=TODAY)
    else:
        _, report = fact_check_letter(source, _letter(source, case, posting), facts,
                                      posting=posting, today=TODAY)
    return report.findings


def _plain(text: str) -> str:
    return " ".join(text.removeprefix("* ").split()).casefold()


def touches(finding: Finding, planted_line: str) -> bool:
    return _plain(planted_line) in _plain(finding.generated_line)


def score_case(case: dict) -> CaseResult:
    result = CaseResult(case, check_case(case))
    for planted in case["planted"]:
        hits = [f for f in result.findings if touches(f, planted["generated_line"])]
        rules = {planted["rule"], *planted.get("also_rules", [])}
        result.caught.append(bool(hits))
        result.right_rule.append(any(f.rule in rules for f in hits))
    result.false_alarms = [f for f in result.findings
                           if not any(touches(f, p["generated_line"]) for p in case["planted"])]
    return result


def run() -> list[CaseResult]:
    return [score_case(case) for case in load_cases()]


def table(results: list[CaseResult]) -> str:
    planted, caught, right = Counter(), Counter(), Counter()
    for result in results:
        for item, hit, ok in zip(result.case["planted"], result.caught, result.right_rule,
                                 strict=True):
            planted[item["rule"]] += 1
            caught[item["rule"]] += hit
            right[item["rule"]] += ok
    lines = [f"{'rule':<24} {'planted':>7} {'caught':>7} {'right rule':>10}", "-" * 51]
    lines += [f"{rule:<24} {planted[rule]:>7} {caught[rule]:>7} {right[rule]:>10}"
              for rule in RULES]
    lines.append("-" * 51)
    lines.append(f"{'all faults':<24} {sum(planted.values()):>7} {sum(caught.values()):>7} "
                 f"{sum(right.values()):>10}")
    clean = [r for r in results if r.clean]
    faults = [r for r in results if not r.clean]
    lines.append(f"clean passed: {sum(not r.findings for r in clean)} / {len(clean)}")
    lines.append(f"false alarms in fault cases: {sum(len(r.false_alarms) for r in faults)}")
    return "\n".join(lines)


def problems(results: list[CaseResult]) -> list[str]:
    out = []
    for result in results:
        case = result.case
        for item, hit, ok in zip(case["planted"], result.caught, result.right_rule, strict=True):
            if not hit:
                out.append(f"{case['id']}: {item['rule']} not caught: {item['generated_line']}")
            elif not ok:
                got = sorted({f.rule for f in result.findings
                              if touches(f, item["generated_line"])})
                out.append(f"{case['id']}: {item['rule']} caught as {', '.join(got)}")
        out += [f"{case['id']}: false alarm {f.rule}: {f.generated_line} ({f.detail})"
                for f in result.false_alarms]
    return out


def main() -> bool:
    results = run()
    print("Fact check over the planted-fault set (evals/factcheck):")
    print(table(results))
    found = problems(results)
    for problem in found:
        print(f"PROBLEM: {problem}")
    return not found


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
