"""Checks the planted-fault set is well formed, then prints the count per rule.

Pure stdlib. When run from the repository with its environment (`.venv/bin/python -m
evals.factcheck.validate` or `python3 evals/factcheck/validate.py` with the package importable),
every source and every generated resume is also read by our own Markdown parser, so a case can
never fail an eval because its document does not parse. Exit status 1 on any problem.

What it checks, per case: the JSON shape and types; the id matches the file name; the persona and
posting files exist; each planted rule is in the closed list; each generated_line is a substring of
generated and each source_line a substring of the persona's source; roles named in a finding exist
in the source and, for a moved achievement or an anachronism, hold the generated line in the
generated resume; each anachronism's tool is in release_years.json and really postdates the end of
the role it is placed in. Then the minimums of issue 20 (3 per rule, 45 faults, 18 clean).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
RULES = (
    "invented_skill", "invented_employer", "changed_title", "invented_degree",
    "invented_certification", "number_changed", "unit_changed", "scope_raised", "anachronism",
    "moved_achievement", "years_inflated", "letter_claim_unsourced",
)
KINDS = ("resume", "cover_letter")
FIELDS = {"id": str, "persona": str, "kind": str, "posting": (str, type(None)),
          "confirmed_facts": list, "generated": str, "planted": list}
OPTIONAL = {"base": str, "about": str}
PLANTED_FIELDS = {"rule": str, "generated_line": str, "source_line": (str, type(None)),
                  "note": str}
PLANTED_OPTIONAL = {"also_rules": list, "source_role": str, "generated_role": str, "tool": str}
MIN_PER_RULE, MIN_FAULTS, MIN_CLEAN = 3, 45, 18
# The fact check itself reads this list (package data), so the cases are checked against it.
RELEASE_YEARS = HERE.parents[1] / "engine" / "factcheck" / "release_years.json"


def role_blocks(markdown: str) -> list[dict[str, str]]:
    """Each `### Role` block of a resume: its company, title, end year and whole text."""
    blocks = []
    for chunk in re.split(r"^### Role\s*$", markdown, flags=re.M)[1:]:
        chunk = re.split(r"^#{1,3} ", chunk, maxsplit=1, flags=re.M)[0]
        fields = dict(re.findall(r"^(Company|Title|End date): *(.+)$", chunk, flags=re.M))
        blocks.append({"company": fields.get("Company", ""), "title": fields.get("Title", ""),
                       "end": fields.get("End date", ""), "text": chunk})
    return blocks


def find_role(blocks: list[dict[str, str]], name: str) -> dict[str, str] | None:
    company, _, title = name.partition(" / ")
    return next((b for b in blocks if (b["company"], b["title"]) == (company, title)), None)


def end_year(value: str) -> int | None:
    match = re.search(r"(\d{4})", value)
    return int(match.group(1)) if match else None


def parser():
    """Our own resume parser when the package is importable, else None (stdlib-only run)."""
    sys.path.insert(0, str(HERE.parents[1]))
    try:
        from documents.markdown import parse_resume
    except ImportError:
        return None
    return parse_resume


def parse_problems(parse, text: str) -> list[str]:
    if parse is None:
        return []
    result = parse(text)
    if result.resume is not None:
        return []
    return [str(p) for p in result.problems if p.is_error]


def check_case(path: Path, case: dict, releases: dict[str, int], parse) -> list[str]:
    problems: list[str] = []
    for name, kind in FIELDS.items():
        if not isinstance(case.get(name), kind):
            problems.append(f"field {name} missing or not {kind}")
    for name, kind in OPTIONAL.items():
        if name in case and not isinstance(case[name], kind):
            problems.append(f"field {name} not {kind}")
    unknown = set(case) - set(FIELDS) - set(OPTIONAL)
    if unknown:
        problems.append(f"unknown fields {sorted(unknown)}")
    if problems:
        return problems
    if case["id"] != path.stem:
        problems.append(f"id {case['id']} does not match the file name")
    if case["kind"] not in KINDS:
        problems.append(f"kind {case['kind']!r} not in {KINDS}")
    source_path = HERE / case["persona"]
    if not source_path.is_file():
        return problems + [f"persona {case['persona']} not found"]
    if case["posting"] is not None and not (HERE / case["posting"]).is_file():
        problems.append(f"posting {case['posting']} not found")
    if not all(isinstance(f, str) and f.strip() for f in case["confirmed_facts"]):
        problems.append("confirmed_facts must be non-empty strings")
    is_clean = path.stem.startswith("clean-")
    if is_clean == bool(case["planted"]):
        problems.append("clean cases plant nothing; fault cases plant at least one fault")
    source = source_path.read_text()
    generated = case["generated"]
    if case["kind"] == "resume":
        problems += [f"generated resume does not parse: {p}"
                     for p in parse_problems(parse, generated)]
    source_roles, generated_roles = role_blocks(source), role_blocks(generated)
    for n, item in enumerate(case["planted"], 1):
        problems += [f"planted {n}: {p}" for p in check_planted(
            item, generated, source, source_roles, generated_roles, case["kind"], releases)]
    return problems


def check_planted(item: dict, generated: str, source: str, source_roles: list, generated_roles:
                  list, kind: str, releases: dict[str, int]) -> list[str]:
    problems = []
    for name, expected in PLANTED_FIELDS.items():
        if not isinstance(item.get(name), expected):
            problems.append(f"field {name} missing or not {expected}")
    for name, expected in PLANTED_OPTIONAL.items():
        if name in item and not isinstance(item[name], expected):
            problems.append(f"field {name} not {expected}")
    unknown = set(item) - set(PLANTED_FIELDS) - set(PLANTED_OPTIONAL)
    if unknown:
        problems.append(f"unknown fields {sorted(unknown)}")
    if problems:
        return problems
    rule = item["rule"]
    if rule not in RULES:
        problems.append(f"rule {rule!r} not in the closed list")
    problems += [f"also_rules {r!r} not in the closed list"
                 for r in item.get("also_rules", []) if r not in RULES]
    if item["generated_line"] not in generated:
        problems.append(f"generated_line not in generated: {item['generated_line']!r}")
    if item["source_line"] is not None and item["source_line"] not in source:
        problems.append(f"source_line not in the source: {item['source_line']!r}")
    if rule == "letter_claim_unsourced" and kind != "cover_letter":
        problems.append("letter_claim_unsourced belongs to cover letters")
    if "source_role" in item and find_role(source_roles, item["source_role"]) is None:
        problems.append(f"source_role {item['source_role']!r} is not a role of the source")
    if rule in ("moved_achievement", "anachronism"):
        if "generated_role" not in item:
            return problems + ["needs generated_role"]
        placed = find_role(generated_roles, item["generated_role"])
        if placed is None or item["generated_line"] not in placed["text"]:
            problems.append(f"generated_line is not under {item['generated_role']!r}")
    if rule == "moved_achievement" and "source_role" not in item:
        problems.append("needs source_role")
    if rule == "anachronism":
        tool = item.get("tool")
        if tool not in releases:
            return problems + [f"tool {tool!r} missing from release_years.json"]
        role = find_role(source_roles, item["generated_role"])
        ended = end_year(role["end"]) if role else None
        if ended is None or ended >= releases[tool]:
            problems.append(f"{tool} ({releases[tool]}) does not postdate the role's end "
                            f"({role and role['end']})")
    return problems


def load_releases() -> tuple[dict[str, int], list[str]]:
    problems = []
    entries = json.loads(RELEASE_YEARS.read_text())
    releases = {}
    for entry in entries:
        missing = {"name", "first_public_release", "source"} - set(entry)
        if missing:
            problems.append(f"release_years.json: {entry.get('name')} lacks {sorted(missing)}")
            continue
        releases[entry["name"]] = int(str(entry["first_public_release"])[:4])
    return releases, problems


def table(cases: list[dict]) -> str:
    by_rule = Counter((p["rule"], c["kind"]) for c in cases for p in c["planted"])
    lines = [f"{'rule':<24} {'resume':>7} {'letter':>7} {'total':>6}", "-" * 47]
    for rule in RULES:
        resume, letter = by_rule[(rule, "resume")], by_rule[(rule, "cover_letter")]
        lines.append(f"{rule:<24} {resume:>7} {letter:>7} {resume + letter:>6}")
    faults = [c for c in cases if c["planted"]]
    clean = [c for c in cases if not c["planted"]]
    lines.append("-" * 47)
    lines.append(f"{'planted faults':<24} {sum(by_rule.values()):>22}")
    lines.append(f"{'fault cases':<24} {len(faults):>22}")
    lines.append(f"{'clean cases':<24} {len(clean):>22}  "
                 f"({sum(c['kind'] == 'cover_letter' for c in clean)} cover letters)")
    lines.append(f"{'personas':<24} {len({c['persona'] for c in cases}):>22}")
    return "\n".join(lines)


def main() -> int:
    parse = parser()
    releases, problems = load_releases()
    for source in sorted((HERE / "sources").glob("*.md")):
        problems += [f"{source.name}: {p}" for p in parse_problems(parse, source.read_text())]
    cases = []
    for path in sorted((HERE / "cases").glob("*.json")):
        case = json.loads(path.read_text())
        problems += [f"{path.name}: {p}" for p in check_case(path, case, releases, parse)]
        cases.append(case)
    print(table(cases))
    counts = Counter(p["rule"] for c in cases for p in c["planted"])
    problems += [f"rule {r}: {counts[r]} planted, need {MIN_PER_RULE}"
                 for r in RULES if counts[r] < MIN_PER_RULE]
    if sum(1 for c in cases if c["planted"]) < MIN_FAULTS:
        problems.append(f"fewer than {MIN_FAULTS} fault cases")
    if sum(1 for c in cases if not c["planted"]) < MIN_CLEAN:
        problems.append(f"fewer than {MIN_CLEAN} clean cases")
    print("parser: " + ("documents.markdown (sources and resumes parsed)" if parse else
                        "not importable; documents not parsed (stdlib-only run)"))
    for problem in problems:
        print(f"PROBLEM: {problem}")
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
