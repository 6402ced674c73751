"""Property tests: the writer's text reads back into the same model, and the parser survives
any input, raising nothing (and `load_resume` only `ResumeFormatError`)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from resume_strategies import resumes

from documents.markdown import load_resume, parse_resume, write_resume
from documents.model import Resume
from documents.problems import ResumeFormatError

PROPERTY = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@PROPERTY
@given(resumes)
def test_written_text_reads_back_into_the_same_resume(resume: Resume) -> None:
    text = write_resume(resume)
    result = parse_resume(text)
    assert result.problems == (), text
    assert result.resume == resume
    assert write_resume(result.resume) == text


_JUNK_LINES = [
    "# Personal", "# Education", "# Certifications", "# Experience", "# Skills", "# personal",
    "## Contact Information", "## Websites", "## Visa Status", "## Banner", "## Note",
    "## Degrees", "## Degree", "### Degree", "## Certification", "## Certifications",
    "## Projects", "## Roles", "### Project", "### Role", "#### Overview", "#### Description",
    "#### Basics", "#### Summary", "#### Responsibilities", "#### Skills", "##### Deep",
    "Name: Ada", "Name:", "Name : Ada", "School: Uni", "Company: Acme", "Title: Engineer",
    "Start date: 04/2020", "Start date: 2020", "End date: 13/2020", "End date: Present",
    "Start date: Present", "End date: 01/2019", "Issued: June 2020", "Expires: 2019-01",
    "Require sponsorship: maybe", "Require sponsorship: YES", "GitHub: https://x.example",
    "* task", "- item", "-item", "*", "plain text", "\\# escaped", "#NoSpace", "#", "",
    "   \tSchool:\tIndented  ", "Certification ID: 12:34", "Url: http://a.example/b?c=d:e",
    # The added sections (docs/resume-format.md).
    "# Awards", "# Honors & Awards", "# Languages", "# Volunteering", "# Community",
    "# Publications", "# Interests", "# Technical Skills", "## Award", "## Volunteering",
    "## Publication", "## Cloud", "### Description", "### Summary", "### Responsibilities",
    "Title: Best Paper", "Organization: Red Cross", "Date: 2019", "Date: 13/2019",
    "Publisher: ACM", "Languages: Python, Go", "Cloud:", "* English: Native", "* : x",
    "English (native), Spanish - B2", "Role: Mentor", "Start date: 2016", "End date: 2015",
]

junk_documents = st.builds(
    lambda lines, crlf: ("\r\n" if crlf else "\n").join(lines),
    st.lists(st.sampled_from(_JUNK_LINES) | st.text(max_size=20), max_size=40),
    st.booleans(),
)



@st.composite
def mutated_documents(draw: st.DrawFn) -> str:
    """A valid written resume with junk inserted, lines dropped, re-cased and re-indented."""
    lines = write_resume(draw(resumes)).split("\n")
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(lines)))
        action = draw(st.sampled_from(["insert", "drop", "upper", "indent", "dash"]))
        if action == "insert":
            lines.insert(at, draw(st.sampled_from(_JUNK_LINES)))
        elif at < len(lines):
            line = lines[at]
            lines[at] = {"drop": "", "upper": line.upper(), "indent": "\t  " + line,
                         "dash": line.replace("* ", "- ", 1)}[action]
    return "\n".join(lines)


@settings(max_examples=250, deadline=None)
@given(st.text() | junk_documents | mutated_documents())
def test_parser_never_raises_and_whatever_it_accepts_is_stable(text: str) -> None:
    result = parse_resume(text)
    assert (result.resume is None) == bool(result.errors)
    if result.resume is not None:
        again = parse_resume(write_resume(result.resume))
        assert again.problems == ()
        assert again.resume == result.resume


@settings(max_examples=150, deadline=None)
@given(junk_documents)
def test_load_resume_raises_only_the_format_error_listing_every_error(text: str) -> None:
    try:
        load_resume(text)
    except ResumeFormatError as refused:
        assert refused.problems
        for problem in refused.problems:
            if problem.is_error:
                assert str(problem) in str(refused)


def test_windows_line_endings_and_indentation_read_like_plain_text() -> None:
    text = "# Personal\r\n\r\n  ## Contact Information\r\n\r\n\tName : Ada Lovelace  \r\n"
    assert load_resume(text).name == "Ada Lovelace"


@pytest.mark.parametrize("line", ["# of users grew 10x", "* not a task", "- not a task",
                                  "\\# already has a backslash", "#hashtag"])
def test_body_lines_that_look_like_markup_are_escaped_and_read_back(line: str) -> None:
    resume = Resume.model_validate({"roles": [{
        "company": "Acme", "title": "Engineer", "start": {"year": 2020, "month": 1},
        "summary": [line], "situation": [line], "tasks": [line]}]})
    text = write_resume(resume)
    assert f"\n\\{line}\n" in text
    assert load_resume(text) == resume
