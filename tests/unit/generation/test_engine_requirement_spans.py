"""Every requirement cites where the posting says it, and code refuses one that does not."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.job_analysis import JobAnalysis
from engine.requirements import (
    Requirement,
    SpanError,
    check_spans,
    extract_requirements,
    read_analysis,
)
from workflows.generation.analysis import keep_quoted

JOBS = sorted((Path(__file__).resolve().parents[3].parent / "shared" / "fixtures" / "jobs")
              .glob("*.txt"))
WORDS = ["Python", "SQL", "or", "and", "such as", "one of:", "Requirements\n", "Nice to have\n",
         "- ", "years", "3+", "R&D", "Unity Catalog", "workday", "PhD", "experience with",
         "https://example.com/x1", "a@example.com", "(not required)", ", ", ".", "\n",
         "Kubernetes", "Docker", "AWS", "ability to lead teams", "Bonus:", "Spanish", "fluent"]


@pytest.mark.parametrize("path", JOBS, ids=[p.name for p in JOBS])
def test_every_requirement_of_a_real_posting_cites_its_own_words(path: Path) -> None:
    posting = path.read_text(encoding="utf-8")
    found = extract_requirements(posting)
    assert found
    for requirement in found:
        check_spans(requirement, posting)  # raises when a span does not hold its words


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join))
def test_spans_hold_on_any_posting(posting: str) -> None:
    for requirement in extract_requirements(posting):
        assert requirement.spans
        check_spans(requirement, posting)


def test_a_requirement_citing_other_words_is_rejected() -> None:
    posting = "Requirements\n- Python and SQL.\n"
    with pytest.raises(SpanError):
        check_spans(Requirement("Kubernetes", True, "tool", ((15, 21),)), posting)
    with pytest.raises(SpanError):
        check_spans(Requirement("Python", True, "tool", ()), posting)
    check_spans(Requirement("Python", True, "tool", ((15, 21),)), posting)


def test_the_models_unquoted_skills_are_dropped_and_counted() -> None:
    posting = "Requirements\n- Python and PostgreSQL.\nNice to have: Redis.\n"
    analysis = JobAnalysis(required_skills=["Python", "Distributed systems thinking"],
                           preferred_skills=["redis", "Kafka"])
    reading = read_analysis(analysis, posting)
    assert [(r.text, r.required) for r in reading.requirements] == [("Python", True),
                                                                   ("redis", False)]
    assert reading.dropped == ["Distributed systems thinking", "Kafka"]
    assert all(r.spans for r in reading.requirements)
    kept, dropped = keep_quoted(analysis, posting)
    assert kept.required_skills == ["Python"] and kept.preferred_skills == ["redis"]
    assert dropped == ("Distributed systems thinking", "Kafka")


def test_parts_of_a_posting_in_four_languages() -> None:
    posting = ("Über uns\nWir lieben Snowflake.\nDein Profil\n- Python\nWünschenswert\n- dbt\n"
               "Wir bieten\n- Docker Kurse\nPerfil\n- SQL\nDeseable\n- Looker\n"
               "Ce que nous offrons\n- Kubernetes\n")
    found = {r.text: r.required for r in extract_requirements(posting) if r.kind == "tool"}
    assert found == {"Python": True, "SQL": True, "dbt": False, "Looker": False}


def test_kinds_other_than_tools() -> None:
    posting = ("Senior Data Engineer\nRequirements\n- 5+ years of data engineering.\n"
               "- Bachelor's degree in Computer Science.\n- Fluent English and German.\n"
               "- Must be authorized to work in the EU.\n- AWS Certified Solutions Architect.\n")
    kinds = {(r.kind, r.text) for r in extract_requirements(posting)}
    assert ("seniority", "Senior") in kinds
    assert ("years", "5+ years") in kinds
    assert ("degree", "Bachelor's degree in Computer Science") in kinds
    assert {("language", "English"), ("language", "German")} <= kinds
    assert any(k == "authorisation" and "authorized to work" in t for k, t in kinds)
    assert any(k == "certification" and "Certified" in t for k, t in kinds)
