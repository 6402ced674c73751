"""Every error and warning of RESUME_FORMAT.md sections 1-6, each at the line a person must fix."""

from __future__ import annotations

import pytest

from documents.markdown import load_resume, parse_resume
from documents.problems import Problem, ResumeFormatError

ROLE = """# Experience

## Roles

### Role

#### Basics

Company: Example Company
Title: Engineer
Start date: 01/2020
"""


def problems_of(text: str, severity: str) -> list[str]:
    result = parse_resume(text)
    found = result.errors if severity == "error" else result.warnings
    if severity == "error":
        assert result.resume is None
    return [str(problem) for problem in found]


def doc(*lines: str) -> str:
    return "\n".join(lines) + "\n"


ERRORS = [
    pytest.param(doc("# Personal", "## Contact Information", "Email: a@example.com"),
                 "line 2: `## Contact Information` has no `Name:` line", id="contact-without-name"),
    pytest.param(doc("# Education", "## Degrees", "### Degree", "Degree: BSc"),
                 "line 3: `### Degree` has no `School:` line", id="degree-without-school"),
    pytest.param(doc("# Certifications", "## Certification", "Issuer: Example Academy"),
                 "line 2: `## Certification` has no `Name:` line", id="certification-without-name"),
    pytest.param(doc("# Experience", "## Roles", "### Role", "#### Basics", "Company: Acme"),
                 "line 4: `#### Basics` is missing `Title:`", id="role-missing"),
    pytest.param(doc("# Experience", "## Roles", "### Role", "#### Basics", "Company: Acme",
                     "Title: Engineer", "End date: 2020"),
                 "line 4: `#### Basics` has `End date:` but no `Start date:`",
                 id="role-end-without-start"),
    pytest.param(doc("# Experience", "## Roles", "### Role", "#### Summary", "Did things."),
                 "line 3: `### Role` has no `#### Basics` block", id="role-without-basics"),
    pytest.param(doc("# Experience", "## Projects", "### Project", "#### Description", "A tool"),
                 "line 3: `### Project` has no `#### Overview` block", id="project-no-overview"),
    pytest.param(doc("# Experience", "## Projects", "### Project", "#### Overview", "Url: x",
                     "#### Description", "A tool"),
                 "line 4: `#### Overview` has no `Title:` line", id="project-without-title"),
    pytest.param(doc("# Experience", "## Projects", "### Project", "#### Overview", "Title: T"),
                 "line 3: `### Project` needs a `#### Description`", id="project-no-description"),
    pytest.param(ROLE + "End date: 13/2020\n",
                 "line 12: `End date: 13/2020` is not a month; use MM/YYYY", id="bad-month"),
    pytest.param(ROLE.replace("01/2020", "Present"),
                 "line 11: `Start date: Present`: only an end date may be Present",
                 id="start-present"),
    pytest.param(ROLE + "End date: 12/2019\n",
                 "line 12: `End date: 12/2019` is before `Start date: 01/2020` (line 11)",
                 id="end-before-start"),
    pytest.param(doc("# Certifications", "## Certification", "Name: X", "Issued: 05/2021",
                     "Expires: 04/2021"),
                 "line 5: `Expires: 04/2021` is before `Issued: 05/2021`", id="expires-early"),
    pytest.param(ROLE + "\n# Education\n\n# experience\n",
                 "line 15: `# experience` appears twice (first at line 1)", id="duplicate-section"),
    pytest.param(doc("# Experience", "I have a lot of experience.", "# Personal",
                     "## Contact Information", "Name: Ada"),
                 "line 1: `# Experience` has content but nothing in it could be read",
                 id="section-yields-nothing"),
    pytest.param("Just some text\n# Pets\nRex\n", "no resume found", id="document-empty"),
    pytest.param(doc("# Education", "## Degree", "School: Ohio Valley University"),
                 "line 2: `## Degree` directly under `# Education` is not read: put degrees "
                 "inside `## Degrees`", id="degree-without-degrees-wrapper"),
    pytest.param(doc("# Certifications", "## Certifications", "### Certification", "Name: X"),
                 "line 2: `## Certifications` directly under `# Certifications` is a wrapper",
                 id="certifications-wrapper"),
    pytest.param(doc("# Personal", "## Visa Status", "Require sponsorship: maybe"),
                 "line 3: `Require sponsorship: maybe` must be Yes or No", id="sponsorship"),
    pytest.param(doc("# Personal", "## Banner", "One", "## banner", "Two"),
                 "line 4: `## banner` appears twice in `# Personal` (first at line 2)",
                 id="duplicate-subsection"),
    pytest.param(doc("# Experience", "## Roles", "#### Basics", "Company: Acme"),
                 "line 3: `#### Basics` must be inside a `### Role` heading", id="skipped-level"),
]


@pytest.mark.parametrize(("text", "expected"), ERRORS)
def test_error_is_reported_at_its_line_and_refuses_the_document(text: str, expected: str) -> None:
    errors = problems_of(text, "error")
    assert any(error.startswith(expected) for error in errors), errors
    with pytest.raises(ResumeFormatError) as refused:
        load_resume(text)
    assert expected in str(refused.value)


CONTACT = "# Personal\n## Contact Information\nName: Ada\n"

WARNINGS = [
    pytest.param(CONTACT + "# Summary\nPython developer\n",
                 "line 4: unknown section `# Summary` ignored; the summary about you is "
                 "`## Banner`", id="unknown-section"),
    pytest.param(CONTACT + "## Hobbies\nChess\n",
                 "line 4: unknown heading `## Hobbies` in `# Personal` ignored",
                 id="unknown-subsection"),
    pytest.param(CONTACT + "Ada Lovelace\n",
                 "line 4: `Ada Lovelace` in `## Contact Information` is not a `Label: value` line",
                 id="line-without-colon"),
    pytest.param(CONTACT + "Pronouns: she/her\n",
                 "line 4: unknown field `Pronouns` in `## Contact Information` ignored",
                 id="unknown-field"),
    pytest.param(CONTACT + "Name: Ada L.\n", "line 4: `Name` is given twice", id="field-twice"),
    pytest.param(ROLE + "#### Skills\n* Python\n-B\n",
                 "line 14: `-B` in `#### Skills` is not a list item", id="not-a-list-item"),
    pytest.param(CONTACT.replace("# Personal\n", "# Personal\nHello there\n"),
                 "line 2: 1 line(s) of text directly under `# Personal` ignored",
                 id="text-in-container"),
    pytest.param(ROLE + "#### Responsibilities\n* Built the thing\nand kept it running\n",
                 "line 14: a line without `* ` after the task bullets was joined",
                 id="line-after-bullets"),
    pytest.param(CONTACT + "# Education\n", "line 4: `# Education` is empty; ignored",
                 id="empty-section"),
    pytest.param(CONTACT + "##### Aside\n",
                 "line 4: heading `##### Aside` inside `## Contact Information` ignored",
                 id="heading-in-leaf-block"),
]


@pytest.mark.parametrize(("text", "expected"), WARNINGS)
def test_warning_names_its_line_and_the_resume_is_still_read(text: str, expected: str) -> None:
    result = parse_resume(text)
    assert result.resume is not None, result.problems
    warnings = [str(problem) for problem in result.warnings]
    assert any(warning.startswith(expected) for warning in warnings), warnings


def test_every_problem_is_listed_in_document_order() -> None:
    text = doc("# Education", "## Degree", "School: U", "# Experience", "## Roles", "### Role",
               "#### Basics", "Company: Acme", "Title: Dev", "Start date: 2019/04")
    refused = parse_resume(text)
    assert [problem.line for problem in refused.errors] == [2, 10]
    assert refused.resume is None


def test_the_line_after_bullets_joins_the_bullet_above() -> None:
    resume = load_resume(ROLE + "#### Responsibilities\nOwns billing.\n* Built the thing\n"
                                "and kept it running\n* Wrote docs\n")
    role = resume.roles[0]
    assert role.situation == ("Owns billing.",)
    assert role.tasks == ("Built the thing and kept it running", "Wrote docs")


def test_problem_without_a_line_reads_as_its_message() -> None:
    assert str(Problem(None, "error", "no resume found")) == "no resume found"
    assert str(Problem(57, "error", "bad")) == "line 57: bad"


def test_refusal_message_lists_errors_then_notes_for_person_or_model() -> None:
    text = doc("# Summary", "Hi", "# Education", "## Degrees", "### Degree", "Degree: BSc")
    with pytest.raises(ResumeFormatError) as refused:
        load_resume(text)
    assert str(refused.value) == (
        "The resume was not read: 1 error. Fix these and try again:\n"
        "- line 5: `### Degree` has no `School:` line\n"
        "Also noted (not blocking):\n"
        "- line 1: unknown section `# Summary` ignored; the summary about you is `## Banner` "
        "under `# Personal`")
