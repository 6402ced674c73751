"""The match a person can act on: buckets, alternatives, years and level, blockers, parts, and a
score that adding evidence never lowers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from documents.model import Degree, Month, Project, Resume, Role
from engine.requirements import Requirement, extract_requirements
from engine.scoring import score_match, verify_citation
from engine.scoring_evidence import index

NOW = Month(year=2026, month=12)


def _role(*tasks: str, skills: tuple[str, ...] = (), start: int = 2020, title: str = "Engineer",
          end: Month | None = None) -> Role:
    return Role(company="Acme", title=title, start=Month(year=start, month=1), end=end,
                tasks=tasks or ("Worked on things",), skills=skills)


def test_one_of_is_met_by_any_member_and_counted_once() -> None:
    posting = "Requirements\n- Scripting in one of: Python, Perl, PHP.\n"
    resume = Resume(roles=(_role("Wrote Perl jobs that reconcile invoices"),))
    report = score_match(resume, extract_requirements(posting), as_of=NOW)
    assert report.score == 100 and len(report.matched) == 1
    assert report.matched[0].evidence[0].line.startswith("Wrote Perl")


def test_buckets_shown_listed_gap() -> None:
    reqs = [Requirement("Python", True, "tool"), Requirement("Docker", True, "tool"),
            Requirement("Rust", True, "tool")]
    resume = Resume(roles=(_role("Built Python services", skills=("Docker",)),))
    report = score_match(resume, reqs, as_of=NOW)
    assert [(m.requirement.text, m.bucket) for m in report.matched] == [
        ("Python", "shown"), ("Docker", "listed")]
    assert [(m.requirement.text, m.bucket) for m in report.missing] == [("Rust", "gap")]
    assert report.score == 50  # (2 + 1 + 0) / 6


def test_years_come_from_dated_roles_and_scale_with_the_rest() -> None:
    posting = "Requirements\n- 5+ years of Python.\n"
    short = Resume(roles=(_role("Built Python services", start=2024),))
    long = Resume(roles=(_role("Built Python services", start=2015,
                               end=Month(year=2019, month=12)),
                         _role("Ran Python teams", start=2019)))
    reqs = extract_requirements(posting)
    low, high = score_match(short, reqs, as_of=NOW), score_match(long, reqs, as_of=NOW)
    assert low.score == 50 and high.score == 100
    [years] = [m for m in low.missing if m.requirement.kind == "years"]
    assert "3.0 years" in years.suggestion and years.bucket == "gap"
    assert dict((p, (e, w)) for p, e, w in high.parts) == {
        "required": (2.0, 2.0), "years/level/degree": (2.0, 2.0)}
    # A teacher with many years but none of the rest earns nothing for the years.
    teacher = Resume(roles=(_role("Taught reading to year 3", start=2005),))
    assert score_match(teacher, reqs, as_of=NOW).score == 0


def test_level_not_checked_when_titles_say_nothing() -> None:
    posting = "Senior Backend Engineer\nRequirements\n- Python\n"
    report = score_match(Resume(roles=(_role("Built Python services"),)),
                         extract_requirements(posting), as_of=NOW)
    [unchecked] = [m for m in report.missing if m.bucket == "not checked"]
    assert unchecked.requirement.kind == "seniority"
    assert report.score < 100 and "Not checked" in report.to_markdown()


def test_required_degree_absent_caps_the_score_and_says_so() -> None:
    posting = "Requirements\n- PhD in Physics.\n- Python\n- SQL\n- Docker\n- Linux\n"
    resume = Resume(roles=(_role("Python, SQL, Docker and Linux in production"),))
    report = score_match(resume, extract_requirements(posting), as_of=NOW)
    assert report.score == 40 and report.blockers
    assert "Blocker" in report.to_markdown() and "PhD in Physics" in report.blockers[0]
    with_phd = resume.model_copy(update={"degrees": (Degree(school="Uni", degree="PhD",
                                                             major="Physics"),)})
    assert score_match(with_phd, extract_requirements(posting), as_of=NOW).score == 100


def test_work_authorisation_not_shown_is_not_checked_and_blocks() -> None:
    posting = "Requirements\n- Must be authorized to work in Canada.\n- Python\n"
    resume = Resume(roles=(_role("Built Python services"),))
    report = score_match(resume, extract_requirements(posting), as_of=NOW)
    assert report.score <= 40 and report.blockers
    confirmed = score_match(resume, extract_requirements(posting),
                            facts=["I am authorized to work in Canada"], as_of=NOW)
    assert confirmed.score == 100 and not confirmed.blockers


def test_a_model_cited_line_counts_only_when_it_is_the_persons_and_on_topic() -> None:
    resume = Resume(roles=(_role("Ran Kafka clusters for payments"),))
    lines = index(resume, ["Led the Spanish-speaking support team"])
    assert verify_citation("Apache Kafka", "Ran Kafka clusters for payments", lines)
    assert verify_citation("Apache Kafka", "Ran Kafka clusters at Google", lines) is None
    assert verify_citation("Rust", "Ran Kafka clusters for payments", lines) is None
    assert verify_citation("Spanish", "Led the Spanish-speaking support team", lines)


_REQS = [Requirement("Python", True, "tool"), Requirement("Kafka", False, "tool"),
         Requirement("stakeholder management", True, "skill"),
         Requirement("AWS or GCP", True, "tool", alternatives=("AWS", "GCP")),
         Requirement("5+ years", True, "years", years=5),
         Requirement("Senior", True, "seniority"),
         Requirement("Bachelor's degree", True, "degree"),
         Requirement("Docker", True, "tool", part="duties")]
_LINES = ["Built Python services", "Ran Kafka clusters", "Managed stakeholder expectations",
          "Deployed to GCP", "Docker everywhere", "Mentored juniors", "Senior things"]


@st.composite
def _resumes(draw) -> tuple[Resume, Resume]:
    tasks = draw(st.lists(st.sampled_from(_LINES), min_size=1, max_size=4))
    skills = draw(st.lists(st.sampled_from(["Python", "AWS", "Docker", "Kafka"]), max_size=3))
    start = draw(st.integers(2010, 2026))
    base = Resume(roles=(_role(*tasks, skills=tuple(skills), start=start),))
    extra = draw(st.sampled_from(["task", "role", "project", "degree", "skill"]))
    line = draw(st.sampled_from(_LINES))
    if extra == "task":
        more = base.model_copy(update={"roles": (_role(*tasks, line, skills=tuple(skills),
                                                       start=start),)})
    elif extra == "role":
        title = draw(st.sampled_from(["Senior Engineer", "Junior Engineer", "Engineer"]))
        more = base.model_copy(update={"roles": (*base.roles, _role(line, start=2008,
                                                                     title=title,
                                                                     end=Month(year=2010,
                                                                               month=6)))})
    elif extra == "project":
        more = base.model_copy(update={"projects": (Project(title="P", description=(line,)),)})
    elif extra == "degree":
        more = base.model_copy(update={"degrees": (Degree(school="U", degree="BSc"),)})
    else:
        more = base.model_copy(update={"roles": (_role(*tasks, skills=(*skills, "GCP"),
                                                       start=start),)})
    return base, more


@settings(max_examples=200, deadline=None)
@given(_resumes(), st.lists(st.sampled_from(["Used Kafka daily", "I have AWS experience"]),
                            max_size=2))
def test_adding_evidence_never_lowers_the_score(pair, facts) -> None:
    base, more = pair
    before = score_match(base, _REQS, facts, as_of=NOW)
    after = score_match(more, _REQS, facts, as_of=NOW)
    assert after.score >= before.score
    assert score_match(more, _REQS, [*facts, "Python at work"], as_of=NOW).score >= after.score
    assert score_match(base, _REQS, facts, as_of=NOW) == before  # same inputs, same score


def test_a_phrase_spread_over_one_role_is_shown_there() -> None:
    posting = "Responsibilities\n- Resolve shortages in carrier invoices.\n"
    resume = Resume(roles=(_role("Reconciled 400 carrier invoices a month",
                                 "Resolved damage claims within a day"),))
    report = score_match(resume, extract_requirements(posting), as_of=NOW)
    [match] = report.matched
    assert match.bucket == "shown" and "carrier invoices" in match.evidence[0].line
    # The same words spread over two different roles show nothing.
    other = Resume(roles=(_role("Reconciled 400 carrier invoices a month", title="Clerk"),
                          _role("Resolved damage claims within a day", start=2018,
                                title="Agent",
                                end=Month(year=2019, month=12))))
    assert not score_match(other, extract_requirements(posting), as_of=NOW).matched


def test_a_phrase_naming_a_tool_needs_that_tool() -> None:
    posting = "Responsibilities\n- Own training PyTorch models for ranking.\n"
    resume = Resume(roles=(_role("Trained ranking models in TensorFlow"),))
    report = score_match(resume, extract_requirements(posting), as_of=NOW)
    assert not [m for m in report.matched if "PyTorch" in m.requirement.text]
    torch = Resume(roles=(_role("Trained ranking models in PyTorch"),))
    assert [m.requirement.text for m in score_match(torch, extract_requirements(posting),
                                                    as_of=NOW).matched]
