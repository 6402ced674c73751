"""One test per misread case in evals/requirements/misreads.json (issue 15): each case is a short
posting and what a correct reading must and must not contain. The misread cases failed on the
extractor before the rewrite; the controls (R, Workday, Unity really asked for) held and must
keep holding, so a fix cannot pass by dropping the names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.requirements.check_misreads import describe, extract, holds

CASES = json.loads((Path(__file__).resolve().parents[3] / "evals" / "requirements"
                    / "misreads.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_the_posting_is_read_as_a_person_would(case: dict) -> None:
    items = extract(case["posting"])
    failing = [describe(e) for e in case["expect"] if not holds(e, items)]
    read = [f"{i.text} ({i.kind}, {'required' if i.required else 'preferred'})" for i in items]
    assert not failing, f"{case['misread']}: {failing}; read as {read}"
