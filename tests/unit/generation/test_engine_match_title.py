"""The job the posting is for: its title becomes a cited "occupation" requirement, the person's
role titles are its evidence, and it is a fixed share of the score, so a long list of other
requirements cannot drown it."""

from __future__ import annotations

from documents.model import Month, Resume, Role
from engine import scoring
from engine.requirements import check_spans, extract_requirements
from engine.scoring import score_match

NOW = Month(year=2026, month=12)
POSTING = ("Backend Developer - Python/Django\n"
           "Requirements\n- Python\n- PostgreSQL\n- Redis\n- Docker\n- Kubernetes\n- Kafka\n")


def _resume(*titles: str) -> Resume:
    return Resume(roles=tuple(
        Role(company="Acme", title=t, start=Month(year=2015 + i, month=1),
             end=Month(year=2016 + i, month=1), tasks=("Answered customer tickets",))
        for i, t in enumerate(titles)))


def _occupation(posting: str) -> str:
    [title] = [r for r in extract_requirements(posting) if r.kind == "occupation"]
    check_spans(title, posting)  # cited like every other requirement
    return title.text


def test_the_title_is_found_on_the_first_line_or_in_the_hiring_sentence() -> None:
    assert _occupation(POSTING) == "Backend Developer"
    prose = ("We are looking for a Senior Product Manager to drive the strategy of our suite.\n"
             "Requirements\n- SQL\n")
    assert _occupation(prose) == "Senior Product Manager"
    no_job = "About us\nWe sell bicycles.\nRequirements\n- SQL\n"
    assert not [r for r in extract_requirements(no_job) if r.kind == "occupation"]


def test_the_same_work_under_the_postings_title_ranks_above_another_job() -> None:
    reqs = extract_requirements(POSTING)
    developer = score_match(_resume("Backend Developer"), reqs, as_of=NOW)
    teacher = score_match(_resume("Primary Teacher"), reqs, as_of=NOW)
    assert teacher.score == 0 < developer.score
    title_part = dict((p, (e, w)) for p, e, w in developer.parts)["role title"]
    total = sum(w for _, _, w in developer.parts)
    assert round(title_part[1] / total, 2) == scoring.TITLE_SHARE  # whatever the list length
    assert any(m.requirement.kind == "occupation" and "Backend Developer" in m.detail
               for m in developer.matched)


def test_a_title_sharing_part_of_it_earns_part_and_says_which() -> None:
    reqs = extract_requirements(POSTING)
    software = score_match(_resume("Software Engineer"), reqs, as_of=NOW)  # engineer ~ developer
    full = score_match(_resume("Backend Developer"), reqs, as_of=NOW)
    assert 0 < software.score < full.score
    [gap] = [m for m in software.missing if m.requirement.kind == "occupation"]
    assert "Software Engineer" in gap.suggestion and not gap.ask


def test_adding_a_role_never_lowers_the_title_credit() -> None:
    reqs = extract_requirements(POSTING)
    base = score_match(_resume("Software Engineer"), reqs, as_of=NOW).score
    for extra in ("Primary Teacher", "Backend Developer", "Senior Backend Developer"):
        assert score_match(_resume("Software Engineer", extra), reqs, as_of=NOW).score >= base
