"""The format as a person meets it: the documented example, and the lenient input rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from documents.markdown import load_resume, parse_resume, write_resume
from documents.model import Month


@pytest.fixture(scope="module")
def example_text(fixtures_dir: Path) -> str:
    # The format description lives beside the fixtures; its section 10 is canonical text.
    spec = (fixtures_dir.parent / "RESUME_FORMAT.md").read_text(encoding="utf-8")
    match = re.search(r"```markdown\n(.*?)```", spec, re.DOTALL)
    assert match, "the example block of RESUME_FORMAT.md section 10 was not found"
    return match[1]


def test_documented_example_reads_into_the_model_field_by_field(example_text: str) -> None:
    result = parse_resume(example_text)
    assert result.problems == ()
    resume = result.resume
    personal = resume.personal
    assert personal.contact.name == "Priya Natarajan"
    assert personal.contact.email == "priya.natarajan@example.org"
    assert personal.contact.phone == "+1 555 010 4477"
    assert personal.contact.location == "Columbus, OH"
    assert personal.websites.github == "https://github.com/pnatarajan-example"
    assert personal.websites.linkedin == "https://www.linkedin.com/in/pnatarajan-example"
    assert personal.websites.website == "https://priya.example.org"
    assert personal.websites.twitter is None
    assert personal.visa.work_authorization == "US Permanent Resident"
    assert personal.visa.require_sponsorship is False
    assert personal.banner == (
        "Data engineer who turns messy operational data into reliable pipelines.",
        "Comfortable owning a platform end to end, from ingestion to dashboards.",
    )
    assert personal.note == ("Open to hybrid roles in the Columbus area.",)

    (degree,) = resume.degrees
    assert (degree.school, degree.degree, degree.major, degree.gpa) == (
        "Ohio Valley University", "Master of Science", "Computer Science", "3.8")
    assert (degree.start, degree.end) == (Month(year=2012, month=8), Month(year=2014, month=5))

    (cert,) = resume.certifications
    assert (cert.name, cert.issuer) == ("Cloud Data Engineer Professional",
                                        "Example Cloud Academy")
    assert (cert.issued, cert.expires) == (Month(year=2021, month=6), Month(year=2024, month=6))
    assert cert.certification_id is None

    (project,) = resume.projects
    assert project.title == "Open Transit Feed Validator"
    assert project.url == "https://github.com/pnatarajan-example/transit-validator"
    assert project.url_description == "transit-validator on GitHub"
    assert (project.start, project.end) == (Month(year=2022, month=3), Month(year=2022, month=11))
    assert project.description[1] == "Adopted by two regional transit agencies."
    assert project.skills == ("Python", "pytest")

    current, previous = resume.roles
    assert (current.company, current.title) == ("Riverbend Logistics, Inc.",
                                                "Senior Data Engineer")
    assert (current.employment_type, current.job_category, current.location) == (
        "Full-time", "Data Engineering", "Columbus, OH")
    assert current.start == Month(year=2020, month=4)
    assert current.is_current
    assert current.summary == (
        "Leads the data platform team that feeds routing and billing analytics.",)
    assert current.situation == ("Owns the nightly batch platform and its on-call rotation.",)
    assert len(current.tasks) == 3
    assert current.tasks[0] == "Migrated 40 legacy cron jobs to Airflow, cutting failed runs by 70%"
    assert current.skills == ("Airflow", "dbt", "PostgreSQL", "Python")
    assert previous.agency == "Brightline Staffing, LLC"
    assert previous.reason_for_change == "Contract ended"
    assert previous.end == Month(year=2020, month=3)
    assert previous.situation == ()
    assert previous.tasks[1] == "Maintained Tableau dashboards for clinic managers"


def test_documented_example_is_canonical(example_text: str) -> None:
    assert write_resume(load_resume(example_text)) == example_text


LENIENT = """Some notes before the first section are ignored.
## A sub-heading before any section is ignored too
# EXPERIENCE
   ## roles
\t### Job
  #### BASICS
\tcompany : Example Company
TITLE: Engineer
start DATE:   April 2019
End Date: Present
Employment type:
#### Skills
- Python
*   SQL
#### Responsibilities
\\# of users grew tenfold under my watch.
- Kept the lights on
# personal
## Visa status
Require Sponsorship: YES
## Contact Information
Name: Ada: Countess of Lovelace
#Personal is text here, not a heading
"""


def test_lenient_input_reads_as_the_person_meant() -> None:
    result = parse_resume(LENIENT)
    assert result.errors == []
    resume = result.resume
    (role,) = resume.roles
    assert (role.company, role.title, role.start, role.end) == (
        "Example Company", "Engineer", Month(year=2019, month=4), None)
    assert role.employment_type is None  # an empty value means absent
    assert role.skills == ("Python", "SQL")
    assert role.situation == ("# of users grew tenfold under my watch.",)
    assert role.tasks == ("Kept the lights on",)
    assert resume.personal.visa.require_sponsorship is True
    assert resume.name == "Ada: Countess of Lovelace"
    assert [str(w) for w in result.warnings] == [
        "line 23: `#Personal is text here, not a heading` in `## Contact Information` is not a "
        "`Label: value` line; ignored"]


def test_canonical_output_orders_sections_and_fields() -> None:
    text = write_resume(load_resume(LENIENT))
    assert text.index("# Personal") < text.index("# Experience")
    assert text.index("## Contact Information") < text.index("## Visa Status")
    assert "Company: Example Company\nTitle: Engineer\nStart date: 04/2019\n\n" in text
    assert "#### Responsibilities\n\n\\# of users grew" in text
    assert "* Kept the lights on" in text
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert load_resume(text) == load_resume(LENIENT)
