"""Which of the misread expectations in misreads.json hold on the extractor as it is today.

    python evals/requirements/check_misreads.py [--verbose]

Prints one line per expectation (held / FAILS) and a count; with --verbose also what the
extractor returned for each case. Always exits 0: most expectations are meant to fail until the
extractor is fixed; the file is the specification the unit tests will be generated from.

Baseline on 2026-12-04 (main @ ae36deb): 16/32 expectations hold; all 14 misread cases fail
(each has at least one failing expectation); the 3 controls hold.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

CASES = Path(__file__).resolve().parent / "misreads.json"


# --- adapter: the only place that knows where the extractor lives and what it returns -------

@dataclass(frozen=True)
class Item:
    text: str
    kind: str
    required: bool
    members: tuple[str, ...] = ()  # alternatives, any one of which satisfies the requirement


def extract(posting_text: str) -> list[Item]:
    """Today's deterministic extractor. A future Requirement with alternatives is read from an
    `alternatives` attribute; today there is none, so every item has no members."""
    from engine.requirements import extract_requirements

    return [Item(r.text, r.kind, r.required, tuple(getattr(r, "alternatives", ()) or ()))
            for r in extract_requirements(posting_text)]


def key(term: str) -> str:
    from engine.requirements_vocab import canonical

    return canonical(term)


# --- checks --------------------------------------------------------------------------------

def _matches(item: Item, text: str, match: str) -> bool:
    if match == "mention":
        return text.lower() in item.text.lower()
    return key(item.text) == key(text)


def holds(expectation: dict[str, object], items: list[Item]) -> bool:
    check = expectation["check"]
    kind = expectation.get("kind")
    required = expectation.get("required")
    if check == "one_of":
        members = {key(str(m)) for m in expectation["members"]}  # type: ignore[attr-defined]
        grouped = [i for i in items if {key(m) for m in i.members} == members]
        alone = [i for i in items if not i.members and key(i.text) in members]
        return (len(grouped) == 1 and not alone
                and (kind is None or grouped[0].kind == kind)
                and (required is None or grouped[0].required == required))
    text = str(expectation["text"])
    match = str(expectation.get("match", "key"))
    hits = [i for i in items if _matches(i, text, match)]
    if check == "absent":
        return not [i for i in hits if kind is None or i.kind == kind]
    if check == "present":
        return any((kind is None or i.kind == kind)
                   and (required is None or i.required == required) for i in hits)
    raise ValueError(f"unknown check {check!r} in {CASES.name}")


def describe(expectation: dict[str, object]) -> str:
    what = (" | ".join(expectation["members"])  # type: ignore[arg-type]
            if expectation["check"] == "one_of" else str(expectation["text"]))
    details = [str(expectation[k]) for k in ("kind",) if k in expectation]
    if "required" in expectation:
        details.append("required" if expectation["required"] else "preferred")
    return f"{expectation['check']:<7} {what}" + (f" ({', '.join(details)})" if details else "")


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv
    cases = json.loads(CASES.read_text(encoding="utf-8"))["cases"]
    held = total = controls_failed = 0
    for case in cases:
        items = extract(case["posting"])
        tag = " [control]" if case.get("control") else ""
        print(f"{case['id']}{tag}")
        if verbose:
            print("    extracted: " + ", ".join(
                f"{i.text} ({i.kind}, {'required' if i.required else 'preferred'})"
                for i in items))
        for expectation in case["expect"]:
            ok = holds(expectation, items)
            held += ok
            total += 1
            controls_failed += bool(case.get("control")) and not ok
            print(f"    {'held ' if ok else 'FAILS'}  {describe(expectation)}")
    failing_cases = sum(
        not all(holds(e, extract(c["posting"])) for e in c["expect"]) for c in cases)
    print(f"\n{held}/{total} expectations hold today; {failing_cases}/{len(cases)} cases have "
          f"at least one failing expectation; controls failing: {controls_failed}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
