"""The person's skills, languages, awards, volunteering and publications in the engine: they are
source material for the fact check and the score, tailoring keeps them, and selection orders
them for the job."""

from __future__ import annotations

import pytest

from assistant.workflows.factcheck import fact_check_resume
from assistant.workflows.requirements import requirements_from_analysis
from assistant.workflows.scoring import score_match
from assistant.workflows.tailoring_select import order_supporting
from documents.model import Award, Language, Month, Publication, Resume, SkillGroup, Volunteering

from .scripts import faithful_rule
from .test_engine_tailoring import run


@pytest.fixture
def person(resume: Resume) -> Resume:
    return resume.model_copy(update={
        "skills": (SkillGroup(items=("Linux", "Bash")),
                   SkillGroup(name="Frontend", items=("React", "CSS")),
                   SkillGroup(name="Infrastructure", items=("Helm", "Terraform", "Ansible"))),
        "languages": (Language(name="French", level="Fluent"),
                      Language(name="Spanish")),
        "awards": (Award(title="Hackathon winner", date=Month(year=2014)),
                   Award(title="Kafka Summit speaker award", issuer="Kafka Summit",
                         date=Month(year=2021), description=("Talk on Kafka consumer lag",))),
        "volunteering": (Volunteering(organization="Code Club", role="Mentor",
                                      start=Month(year=2016), tasks=("Taught Scratch",)),),
        "publications": (Publication(title="Notes on Redis eviction", date=Month(year=2019)),),
        "interests": ("Chess",),
    })


def test_a_skill_listed_in_top_level_skills_supports_it_on_a_role(person: Resume) -> None:
    roles = list(person.roles)
    roles[0] = roles[0].model_copy(update={"skills": (*roles[0].skills, "Terraform", "Rust")})
    checked, report = fact_check_resume(person, person.model_copy(update={"roles": tuple(roles)}),
                                        [])
    assert "Terraform" in checked.roles[0].skills  # the person lists it under Infrastructure
    assert "Rust" not in checked.roles[0].skills
    assert report.repaired == [
        "Senior Platform Engineer at Riverbend Logistics: skill “Rust” dropped (no source)"]


def test_the_fact_check_keeps_the_added_sections_and_restores_inventions(person: Resume) -> None:
    checked, report = fact_check_resume(person, person, [])
    assert checked == person and report.repaired == []

    invented = person.model_copy(update={
        "awards": (*person.awards, Award(title="Turing Award")),
        "skills": (person.skills[0], person.skills[1].model_copy(update={"items": ("Rust",)}),
                   person.skills[2]),
    })
    checked, report = fact_check_resume(person, invented, [])
    assert checked.awards == person.awards and checked.skills == person.skills
    assert "awards restored from your resume (an item was added or changed)" in report.repaired
    assert any(r.startswith("skills restored") for r in report.repaired)


def test_a_banner_may_draw_on_an_award(person: Resume) -> None:
    banner = ("Platform engineer; Kafka Summit speaker award winner.",)
    candidate = person.model_copy(update={
        "personal": person.personal.model_copy(update={"banner": banner})})
    checked, report = fact_check_resume(person, candidate, [])
    assert checked.personal.banner == banner, report.repaired


def test_top_level_skills_count_as_listed_and_awards_as_shown(person: Resume, analysis) -> None:
    requirements = requirements_from_analysis(analysis)
    alone = Resume(skills=person.skills, awards=person.awards)
    report = score_match(alone, requirements)
    by_text = {m.requirement.text: m for m in report.matched}
    assert not by_text["Terraform"].strong  # only listed: half credit
    assert by_text["Kafka"].strong  # the award's own line shows it
    assert by_text["Kafka"].evidence[0].section == "Awards"


def test_selection_puts_what_the_job_asks_for_first(person: Resume, analysis) -> None:
    chosen = order_supporting(person, requirements_from_analysis(analysis))
    unnamed, first, second = chosen["skills"]
    assert unnamed.name is None  # the plain list stays first: the text has no other place
    assert (first.name, first.items[0]) == ("Infrastructure", "Terraform")
    assert second.name == "Frontend"
    assert [a.title for a in chosen["awards"]] == ["Kafka Summit speaker award",
                                                   "Hackathon winner"]
    # Nothing is dropped: leaving an item out is the person's call.
    assert len(chosen["awards"]) == 2 and chosen["interests"] == ("Chess",)


async def test_tailoring_keeps_the_added_sections(scripted_llm, conn, person, analysis) -> None:
    scripted_llm.add_rule(faithful_rule(person.roles))
    outcome, _ = await run(conn, person, analysis)
    tailored = outcome.resume
    assert tailored.awards[0].title == "Kafka Summit speaker award"
    assert set(tailored.awards) == set(person.awards)
    assert tailored.volunteering == person.volunteering
    assert tailored.publications == person.publications
    assert tailored.languages and tailored.interests == ("Chess",)
    assert {g.name for g in tailored.skills} == {g.name for g in person.skills}
    assert outcome.report.repaired == []
