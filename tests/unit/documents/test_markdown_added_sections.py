"""The sections Tailor adds to the format (docs/resume-format.md) as a person meets them:
the documented examples, the lenient input forms, and problems by line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from documents.markdown import load_resume, parse_resume, write_resume
from documents.model import Award, Language, Month, Publication, Resume, SkillGroup, Volunteering

DOC = Path(__file__).resolve().parents[3] / "docs" / "resume-format.md"
CONTACT = "# Personal\n## Contact Information\nName: Ada\n"


def _documented_examples() -> str:
    blocks = re.findall(r"```markdown\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    assert len(blocks) == 4, "docs/resume-format.md should show four Markdown examples"
    return CONTACT + "\n".join(blocks)


def test_documented_examples_read_into_the_model_field_by_field() -> None:
    result = parse_resume(_documented_examples())
    assert result.problems == ()
    resume = result.resume
    assert resume.skills == (
        SkillGroup(items=("Git", "Linux")),
        SkillGroup(name="Languages", items=("Python", "Go")),
        SkillGroup(name="Cloud", items=("AWS", "Terraform")),
    )
    assert resume.languages == (Language(name="English", level="Native"),
                                Language(name="Spanish", level="B2"), Language(name="Portuguese"))
    assert resume.awards == (Award(
        title="ICPC World Finals, 14th place", issuer="ICPC Foundation", date=Month(year=2015),
        description=("Team of three; solved 7 of 12 problems.",)),)
    assert resume.volunteering == (Volunteering(
        organization="Red Cross", role="First-aid volunteer", location="Lyon, France",
        start=Month(year=2015), end=Month(year=2016),
        summary=("Weekend first-aid cover at public events.",),
        tasks=("Trained 40 new volunteers in basic first aid",)),)
    assert resume.publications == (Publication(
        title="Incremental Views over Event Streams",
        publisher="Proceedings of the Example Data Conference", date=Month(year=2019, month=6),
        url="https://example.org/papers/incremental-views",
        description=("Short paper with two co-authors.",)),)
    assert resume.interests == ("Chess", "Trail running")


def test_documented_examples_are_canonical_text() -> None:
    text = _documented_examples()
    written = write_resume(load_resume(text))
    assert written == write_resume(load_resume(written))
    # The writer emits exactly the documented blocks, in the documented order.
    assert [line for line in written.splitlines() if line] == [
        line for line in text.replace("## Contact Information", "\n## Contact Information")
        .splitlines() if line]


@pytest.mark.parametrize("heading", ["# HONORS & AWARDS", "# Honours", "# Achievements",
                                     "# Competitions"])
def test_award_headings_people_use_are_read_as_awards(heading: str) -> None:
    resume = load_resume(CONTACT + f"{heading}\n* ICPC World Finalist, 2015\n")
    assert resume.awards == (Award(title="ICPC World Finalist, 2015"),)
    assert "# Awards\n\n## Award\n\nTitle: ICPC World Finalist, 2015\n" in write_resume(resume)


@pytest.mark.parametrize(("heading", "field"), [
    ("# Technical Skills", "skills"), ("# Core Competencies", "skills"),
    ("# Community", "volunteering"), ("# Volunteer Experience", "volunteering"),
    ("# Community Involvement", "volunteering"), ("# Hobbies & Interests", "interests"),
    ("# Selected Publications", "publications"), ("# language skills", "languages"),
])
def test_section_synonyms_are_read_and_written_canonically(heading: str, field: str) -> None:
    resume = load_resume(CONTACT + f"{heading}\n* Something I did\n")
    assert len(getattr(resume, field)) == 1


def test_grouped_skills_as_people_type_them() -> None:
    resume = load_resume(CONTACT + "# Skills\nLanguages: Python (pandas, NumPy), Go, SQL\n"
                                   "Cloud:\n* AWS\n* GCP\n")
    assert resume.skills == (
        SkillGroup(name="Languages", items=("Python (pandas, NumPy)", "Go", "SQL")),
        SkillGroup(name="Cloud", items=("AWS", "GCP")),
    )


def test_languages_written_loosely_on_one_line() -> None:
    resume = load_resume(CONTACT + "# Languages\nEnglish (native), Spanish - fluent, German: B1, "
                                   "Italian\n")
    assert resume.languages == (
        Language(name="English", level="native"), Language(name="Spanish", level="fluent"),
        Language(name="German", level="B1"), Language(name="Italian"))
    assert write_resume(resume).endswith(
        "# Languages\n\n* English: native\n* Spanish: fluent\n* German: B1\n* Italian\n")


def test_a_year_alone_stays_a_year_in_every_dated_field() -> None:
    text = ("# Certifications\n## Certification\nName: CKA\nIssued: 2019\n"
            "# Experience\n## Roles\n### Role\n#### Basics\nCompany: Acme\nTitle: Dev\n"
            "Start date: 2014\nEnd date: 2014\n")
    result = parse_resume(text)
    assert result.problems == ()
    assert result.resume.certifications[0].issued == Month(year=2019)
    assert (result.resume.roles[0].start, result.resume.roles[0].end) == (Month(year=2014),) * 2
    written = write_resume(result.resume)
    assert "Issued: 2019\n" in written and "Start date: 2014\nEnd date: 2014\n" in written


def test_a_resume_of_only_added_sections_is_a_resume() -> None:
    assert load_resume("# Skills\n* Python\n") == Resume(skills=(SkillGroup(items=("Python",)),))


ERRORS = [
    pytest.param(CONTACT + "# Awards\n## Award\nIssuer: ACM\n",
                 "line 5: `## Award` has no `Title:` line", id="award-without-title"),
    pytest.param(CONTACT + "# Volunteering\n## Volunteering\nRole: Helper\n",
                 "line 5: `## Volunteering` has no `Organization:` line", id="volunteer-no-org"),
    pytest.param(CONTACT + "# Volunteering\n## Volunteering\nOrganization: X\n"
                           "Start date: 2016\nEnd date: 2015\n",
                 "line 8: `End date: 2015` is before `Start date: 2016` (line 7)",
                 id="volunteer-reversed"),
    pytest.param(CONTACT + "# Publications\n## Publication\nTitle: P\nDate: 13/2019\n",
                 "line 7: `Date: 13/2019` is not a month", id="publication-bad-date"),
    pytest.param(CONTACT + "# Awards\n* A\n# Honors\n* B\n",
                 "line 6: `# Honors` is the same section as `# Awards` (line 4)",
                 id="synonym-twice"),
    pytest.param(CONTACT + "# Skills\n### Deep\n* X\n",
                 "line 5: `### Deep` must be inside a `## Group name` heading",
                 id="skills-skipped-level"),
]


@pytest.mark.parametrize(("text", "expected"), ERRORS)
def test_errors_name_their_line_and_refuse_the_document(text: str, expected: str) -> None:
    result = parse_resume(text)
    assert result.resume is None
    assert any(str(p).startswith(expected) for p in result.errors), result.problems


WARNINGS = [
    pytest.param(CONTACT + "# Awards\n* A\nIssuer: ACM\n",
                 "line 6: `Issuer: ACM` directly under `# Awards` ignored", id="loose-field"),
    pytest.param(CONTACT + "# Skills\n* A\n## Empty\n",
                 "line 6: `## Empty` lists no skills; ignored", id="empty-group"),
    pytest.param(CONTACT + "# Awards\n## Award\nTitle: A\nPrize: 5\n",
                 "line 7: unknown field `Prize` in `## Award` ignored", id="unknown-field"),
    pytest.param(CONTACT + "# Awards\n## Award\nTitle: A\n### Photo\nx\n",
                 "line 7: unknown heading `### Photo` in `## Award` ignored", id="unknown-part"),
]


@pytest.mark.parametrize(("text", "expected"), WARNINGS)
def test_warnings_name_their_line_and_the_resume_is_still_read(text: str, expected: str) -> None:
    result = parse_resume(text)
    assert result.resume is not None
    assert any(str(p).startswith(expected) for p in result.warnings), result.problems


def test_model_refuses_what_the_text_could_not_carry() -> None:
    with pytest.raises(ValueError, match="only the first skill group may be unnamed"):
        Resume(skills=(SkillGroup(name="A", items=("x",)), SkillGroup(items=("y",))))
    with pytest.raises(ValueError, match="must not contain a colon"):
        Language(name="English: US")
    with pytest.raises(ValueError, match="end 2015 is before start 2016"):
        Volunteering(organization="X", start=Month(year=2016), end=Month(year=2015))
