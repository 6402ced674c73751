"""The starting template: valid, canonical, and obviously not a real person."""

from __future__ import annotations

from documents.markdown import parse_resume, write_resume
from documents.template import TEMPLATE_RESUME_MARKDOWN, template_resume


def test_template_reads_without_any_problem_and_is_canonical() -> None:
    result = parse_resume(TEMPLATE_RESUME_MARKDOWN)
    assert result.problems == ()
    assert write_resume(result.resume) == TEMPLATE_RESUME_MARKDOWN


def test_template_is_an_obvious_placeholder_with_every_part_to_fill() -> None:
    resume = template_resume()
    assert resume.name == "Your Name"
    assert resume.personal.contact.email.endswith("@example.com")
    assert {role.company for role in resume.roles} == {"Example Company",
                                                       "Example Previous Company"}
    assert resume.roles[0].is_current
    assert resume.roles[0].situation and resume.roles[0].tasks
    assert resume.degrees[0].school == "Example University"
    assert resume.projects[0].title == "Example Project"
    assert resume.certifications[0].name == "Example Certification"


def test_template_shows_the_added_sections_once() -> None:
    resume = template_resume()
    assert [group.name for group in resume.skills] == ["Example Skill Group"]
    assert len(resume.languages) == len(resume.awards) == len(resume.volunteering) == 1
    assert len(resume.publications) == len(resume.interests) == 1
    assert resume.awards[0].date.year_only
