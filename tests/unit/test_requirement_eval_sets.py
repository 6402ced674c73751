"""The requirement bench's data and arithmetic: if these break, its figures mean nothing.

The occupation resumes must be valid resumes in our format, the labels must name files that
exist, the misread cases must be checkable, and the span arithmetic must count what its
docstring says on a sentence small enough to count by hand.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from functools import cache
from pathlib import Path

import pytest

from documents.markdown.document import parse_resume
from evals.requirements.check_misreads import extract, holds

ROOT = Path(__file__).resolve().parents[2]
OCCUPATIONS = ROOT / "evals" / "occupations"
LABELS = json.loads((OCCUPATIONS / "labels.json").read_text(encoding="utf-8"))
MISREADS = json.loads(
    (ROOT / "evals" / "requirements" / "misreads.json").read_text(encoding="utf-8"))["cases"]
RESUMES = sorted((OCCUPATIONS / "resumes").glob("*.md"))


@cache
def _bench():
    # bench/ is scripts, not a package; dataclasses need the module registered while it loads.
    spec = importlib.util.spec_from_file_location(
        "requirements_quality", ROOT / "bench" / "requirements_quality.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("path", RESUMES, ids=[p.name for p in RESUMES])
def test_occupation_resume_reads_cleanly_in_our_format(path: Path) -> None:
    result = parse_resume(path.read_text(encoding="utf-8"))
    assert result.resume is not None and result.problems == ()
    assert result.resume.roles, "a resume with no roles cannot show any requirement in use"
    assert result.resume.personal.contact.email.endswith("@example.com")


def test_labels_cover_every_resume_and_name_real_postings() -> None:
    bench = _bench()
    postings = set(bench.postings())
    assert set(LABELS["resumes"]) == {p.name for p in RESUMES}
    assert len({label["occupation"].split(" (")[0] for label in LABELS["resumes"].values()}) >= 6
    for label in LABELS["resumes"].values():
        assert set(label["own"]) <= postings and label["style"] in {"close", "far"}
    assert LABELS["teacher_resume"] in LABELS["resumes"]
    assert set(LABELS["engineering_postings"]) <= postings


@pytest.mark.parametrize("case", MISREADS, ids=[c["id"] for c in MISREADS])
def test_misread_case_is_checkable(case: dict) -> None:
    items = extract(case["posting"])
    for expectation in case["expect"]:
        assert isinstance(holds(expectation, items), bool)
    if case.get("control"):
        # A fix that simply forgets R, Workday or Unity must not look like progress.
        assert all(holds(e, items) for e in case["expect"])


def test_span_counts_exact_and_overlap_by_hand() -> None:
    bench = _bench()
    tags = ["O", "B", "I", "O", "I", "B", "B"]
    assert bench._bio_spans(tags) == {(1, 2), (4, 4), (5, 5), (6, 6)}
    text, offsets = bench.token_offsets(("Use", "AWS", "and", "Apache", "Spark"))
    assert text == "Use AWS and Apache Spark"
    assert bench.to_token_span((4, 7), offsets) == (1, 1)
    assert bench.to_token_span((4, 8), offsets) == (1, 1)  # a trailing space takes no token
    assert bench.to_token_span((12, 24), offsets) == (3, 4)
    tally = bench.Tally()
    # Gold: "AWS" and "Apache Spark"; predicted: "AWS" and just "Spark".
    tally.add({(1, 1), (4, 4)}, frozenset({(1, 1), (3, 4)}))
    assert tally.exact() == (0.5, 0.5, 0.5)
    assert tally.overlap() == (1.0, 1.0, 1.0)


def test_alias_is_located_where_the_posting_spells_it() -> None:
    bench = _bench()
    item = bench.Item("Amazon Web Services", "tool", True)
    assert bench.locate(item, "Deploy on AWS daily") == [(10, 13)]


def test_top1_counts_a_tie_at_the_top_as_a_miss() -> None:
    bench = _bench()
    assert bench.placed({"own.txt": 0, "other.txt": 0}, ["own.txt"]) == (False, "other.txt")
    assert bench.placed({"own.txt": 30, "other.txt": 20}, ["own.txt"]) == (True, "own.txt")


def test_tfidf_yardstick_prefers_the_posting_that_shares_rare_words() -> None:
    rows = _bench().tfidf_rows({"cv": "phonics storytelling classes"},
                               {"teach.txt": "phonics classes for children",
                                "eng.txt": "Python services on AWS"})
    assert rows["cv"]["teach.txt"] > rows["cv"]["eng.txt"] == 0
