"""Evidence by meaning: British and American spellings meet, a related word shows the word it
relates to (one direction), and a tool of the same family is named on the gap and earns a
little, never as much as the tool itself."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from documents.model import Month, Resume, Role
from engine.requirements import Requirement
from engine.scoring import score_match

NOW = Month(year=2026, month=12)


def _resume(*tasks: str, skills: tuple[str, ...] = ()) -> Resume:
    return Resume(roles=(Role(company="Acme", title="Worker", start=Month(year=2020, month=1),
                              tasks=tasks, skills=skills),))


def test_british_and_american_spellings_meet() -> None:
    reqs = [Requirement("data modelling", True, "skill")]
    report = score_match(_resume("Owned data modeling for the sales warehouse"), reqs, as_of=NOW)
    assert [m.bucket for m in report.matched] == ["shown"] and report.score == 100


def test_a_related_word_shows_the_word_it_relates_to_one_way() -> None:
    tutor = _resume("Tutored children aged 5 to 11 in reading over video calls")
    report = score_match(tutor, [Requirement("Teaching", True, "skill")], as_of=NOW)
    assert report.score == 100
    assert report.matched[0].evidence[0].line.startswith("Tutored")
    # Teaching a class is not tutoring: the table reads one way only.
    teacher = _resume("Teaching a class of 30 pupils")
    assert score_match(teacher, [Requirement("Tutoring", True, "skill")], as_of=NOW).score == 0


def test_a_similar_tool_is_named_on_the_gap_and_earns_less_than_listing() -> None:
    reqs = [Requirement("React", True, "tool")]
    vue = score_match(_resume("Built the booking app in Vue.js"), reqs, as_of=NOW)
    [gap] = vue.missing
    assert gap.bucket == "gap" and "Vue.js" in gap.suggestion and not vue.matched
    listed = score_match(_resume("Built the booking app in Vue.js", skills=("React",)), reqs,
                         as_of=NOW)
    assert 0 < vue.score < listed.score
    unrelated = score_match(_resume("Wrote payroll reports in COBOL"), reqs, as_of=NOW)
    assert unrelated.score == 0


_REQS = [Requirement("React", True, "tool"), Requirement("Teaching", True, "skill"),
         Requirement("data modelling", True, "skill"), Requirement("Logistics", False, "domain")]
_LINES = ["Built the booking app in Vue.js", "Shipped React components", "Tutored pupils",
          "Owned data modeling", "Booked freight for 40 customers", "Answered the phone"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_LINES), min_size=1, max_size=3), st.sampled_from(_LINES),
       st.lists(st.sampled_from(["React", "Vue.js", "Angular"]), max_size=2))
def test_adding_a_line_never_lowers_the_score(tasks, extra, skills) -> None:
    before = score_match(_resume(*tasks, skills=tuple(skills)), _REQS, as_of=NOW)
    after = score_match(_resume(*tasks, extra, skills=tuple(skills)), _REQS, as_of=NOW)
    more_skills = score_match(_resume(*tasks, skills=(*skills, "Svelte", "React")), _REQS,
                              as_of=NOW)
    assert after.score >= before.score and more_skills.score >= before.score


def test_a_tool_inside_a_longer_name_is_not_that_tool() -> None:
    # "Looker Studio" is another product than Looker; "Vertex AI" is not AI experience.
    studio = _resume("Built sales dashboards in Looker Studio", "Trained models on Vertex AI")
    reqs = [Requirement("Looker", True, "tool"),
            Requirement("Artificial Intelligence", True, "tool")]
    assert not score_match(studio, reqs, as_of=NOW).matched
    both = _resume("Moved reports from Looker Studio to Looker")
    assert [m.requirement.text for m in score_match(both, reqs, as_of=NOW).matched] == ["Looker"]


def test_using_a_tool_shows_the_tool_it_is_built_on() -> None:
    # Star schemas in SQL Server are SQL work; TypeScript is JavaScript; not the other way round.
    resume = _resume("Modelled star schemas in SQL Server", "Components in TypeScript")
    reqs = [Requirement("SQL", True, "tool"), Requirement("JavaScript", True, "tool")]
    report = score_match(resume, reqs, as_of=NOW)
    assert report.score == 100
    js = score_match(_resume("Wrote JavaScript widgets"), [Requirement("TypeScript", True, "tool")],
                     as_of=NOW)
    assert not js.matched
