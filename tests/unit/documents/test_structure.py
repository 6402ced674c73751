"""The deterministic resume reader: common shapes are read, nothing is invented or guessed."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from documents.model import Month
from documents.structure import SourceLine, structure_lines, structure_text

CLASSIC = """\
J O R D A N   R E Y E S
 jordan.reyes@example.com | (415) 555-0173 | Oakland, CA
linkedin.com/in/jordan-reyes

PROFESSIONAL SUMMARY
Platform engineer with nine years of payments experience.

Work Experience
Staff Engineer, Globex Systems LLC | Mar 2021 - Present
• Led the payments platform migration across 14 regional services
• Cut median deploy time from 42 minutes to 9 minutes

Initech Analytics — Senior Engineer
Jun 2017 - Feb 2021
- Rebuilt the ingest pipeline handling 3M events per day

EDUCATION
B.S. in Computer Science, Ridgemont State University
Aug 2013 - May 2017

Volunteer, Red Cross 2015-2016
"""


def test_reads_name_contact_roles_and_degree_in_common_shapes() -> None:
    result = structure_text(CLASSIC)
    resume = result.resume
    assert resume is not None
    contact = resume.personal.contact
    assert (contact.name, contact.email, contact.phone, contact.location) == (
        "JORDAN REYES", "jordan.reyes@example.com", "(415) 555-0173", "Oakland, CA")
    assert resume.personal.websites.linkedin == "linkedin.com/in/jordan-reyes"
    assert resume.personal.banner == ("Platform engineer with nine years of payments experience.",)
    first, second = resume.roles
    assert (first.title, first.company, first.start, first.end) == (
        "Staff Engineer", "Globex Systems LLC", Month(year=2021, month=3), None)
    assert first.tasks[1] == "Cut median deploy time from 42 minutes to 9 minutes"
    assert (second.title, second.company, second.end) == (
        "Senior Engineer", "Initech Analytics", Month(year=2021, month=2))
    assert second.tasks == ("Rebuilt the ingest pipeline handling 3M events per day",)
    degree = resume.degrees[0]
    assert (degree.degree, degree.school) == (
        "B.S. in Computer Science", "Ridgemont State University")


def test_a_line_that_fits_nowhere_is_listed_not_guessed() -> None:
    result = structure_text(CLASSIC)
    assert "Volunteer, Red Cross 2015-2016" in result.unplaced


def test_date_on_its_own_line_before_the_role_and_mononym() -> None:
    text = ("Etta\netta@example.com • (312) 555-0123 • Chicago, IL\n\nEXPERIENCE\n"
            "Northwind Labs Jan 2021 - Present\nSenior Software Engineer\n"
            "Led migration of the ingestion pipeline to a streaming architecture, cutting\n"
            "latency by 40%.\nDesigned the schema registry adopted by 30 teams.\n")
    resume = structure_text(text).resume
    assert resume.name == "Etta"
    role = resume.roles[0]
    assert (role.title, role.company) == ("Senior Software Engineer", "Northwind Labs")
    assert role.tasks[0] == ("Led migration of the ingestion pipeline to a streaming "
                             "architecture, cutting latency by 40%.")


def test_headings_in_other_wordings_and_styles() -> None:
    lines = [SourceLine("Ana Lima", size=20), SourceLine("ana@example.com"),
             SourceLine("Employment History", style="Heading 1"),
             SourceLine("Data Analyst at Contoso Ltd, 09/2019 to 05/2021"),
             SourceLine("Built the weekly dashboard", style="List Bullet")]
    role = structure_lines(lines).resume.roles[0]
    assert (role.title, role.company) == ("Data Analyst", "Contoso Ltd")
    assert (role.start, role.end) == (Month(year=2019, month=9), Month(year=2021, month=5))
    assert role.tasks == ("Built the weekly dashboard",)


def test_a_role_without_dates_is_not_given_invented_ones() -> None:
    text = "Jo Park\njo@example.com\n\nExperience\nProduction Intern\nExample Opera Company\n" \
           "• Supported ticketing\n"
    [role] = structure_text(text).resume.roles
    # Kept as the file says it: a title, a company, a bullet, and no dates at all.
    assert (role.title, role.company, role.start, role.end) == (
        "Production Intern", "Example Opera Company", None, None)
    assert not role.is_current


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in _strings(item)]
    if isinstance(value, list | tuple):
        return [s for item in value for s in _strings(item)]
    return []


_WORDS = st.sampled_from([
    "Experience", "EDUCATION", "Skills", "Summary", "Engineer", "Manager", "Acme Inc",
    "University", "B.S.", "Jan 2020", "2019", "Present", "-", "|", "—", ",", "•", "Led",
    "the", "team", "Ana", "Lima", "ana@example.com", "(312) 555-0100", "Austin, TX", "at",
    "Ülkü", "Żaneta", "Mar", "05/2018", "Projects", "Certifications", "github.com/ana",
])
_LINES = st.lists(st.lists(_WORDS, min_size=1, max_size=8).map(" ".join), max_size=30)


@given(_LINES)
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
def test_structuring_never_invents_text(lines: list[str]) -> None:
    source = _squash("\n".join(lines))
    result = structure_lines([SourceLine(line) for line in lines])
    produced = _strings(result.resume.model_dump(mode="json")) if result.resume else []
    for text in produced + result.unplaced:
        assert _squash(text) in source, text


def test_a_year_stays_a_year_and_top_level_sections_are_kept() -> None:
    text = ("Jane Smith\njane@example.com\n\nEXPERIENCE\nGlobex Corporation\n"
            "Software Engineer · 2022 – Present\n• Worked on the platform team.\n\n"
            "Skills\nLanguages: Python, Go\nDocker, Distributed\nSystems\n\n"
            "Honors & Awards\n• First place, Regional Programming Contest (2019)\n\n"
            "Community\nCode Club — Volunteer Mentor\n2016 - 2018\n• Taught Python to teenagers\n")
    resume = structure_text(text).resume
    role = resume.roles[0]
    assert (role.start, role.end) == (Month(year=2022), None)
    assert [(group.name, group.items) for group in resume.skills] == [
        (None, ("Docker", "Distributed Systems")), ("Languages", ("Python", "Go"))]
    assert resume.awards[0].title == "First place"
    assert resume.awards[0].date == Month(year=2019)
    volunteering = resume.volunteering[0]
    assert (volunteering.organization, volunteering.role) == ("Code Club", "Volunteer Mentor")
    assert volunteering.tasks == ("Taught Python to teenagers",)


def test_skills_laid_out_in_columns_are_one_skill_per_cell() -> None:
    # Word templates set skills in a grid: the columns reach the text as wide gaps or tabs.
    text = ("Lee Park\nlee@example.com\n\nSkills\n"
            "Budget planning      Vendor relations      Scheduling\n"
            "Payroll\tRecords management\tTraining\n\n"
            "Languages\nKorean (native)      English (fluent)\n")
    resume = structure_text(text).resume
    assert resume.skills[0].items == ("Budget planning", "Vendor relations", "Scheduling",
                                      "Payroll", "Records management", "Training")
    assert [(lang.name, lang.level) for lang in resume.languages] == [
        ("Korean", "native"), ("English", "fluent")]


def test_right_aligned_dates_and_places_beside_a_role() -> None:
    text = ("Ana Lima\nana@example.com\n\nExperience\n"
            "Nexus AI, Co-Founder & CTO   San Francisco, CA\n"
            "• Built the inference platform   June 2023 – present\n"
            "• Raised the Series A\n")
    role = structure_text(text).resume.roles[0]
    assert (role.title, role.company, role.location) == (
        "Co-Founder & CTO", "Nexus AI", "San Francisco, CA")
    assert role.start == Month(year=2023, month=6)
    assert role.tasks == ("Built the inference platform", "Raised the Series A")
