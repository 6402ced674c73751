"""Every export prints the sections Tailor adds (docs/resume-format.md), in the default order that
follows the person, and a date given as a year alone stays a year in print."""

from __future__ import annotations

import io
import json

import docx
import pytest
from pypdf import PdfReader

from documents.inclusion import NOT_RELEVANT_PLACEHOLDER, item_key
from documents.jsonresume import to_json_resume
from documents.markdown import load_resume, write_resume
from documents.model import Inclusion, Resume
from documents.render import ExportOptions, render_docx, render_pdf
from documents.render.samples import full_resume


def _docx(resume: Resume, options: ExportOptions) -> str:
    data = render_docx(resume, options)
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def _pdf(resume: Resume, options: ExportOptions) -> str:
    pages = PdfReader(io.BytesIO(render_pdf(resume, options))).pages
    return "\n".join(page.extract_text() for page in pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


EXPORTS = {
    "docx-ats": lambda r, o: _docx(r, o.model_copy(update={"word_layout": "ats"})),
    "docx-plain": lambda r, o: _docx(r, o.model_copy(update={"word_layout": "plain"})),
    "pdf-classic": lambda r, o: _pdf(r, o.model_copy(update={"pdf_look": "classic"})),
    "pdf-modern": lambda r, o: _pdf(r, o.model_copy(update={"pdf_look": "modern"})),
    "markdown": lambda r, o: write_resume(r),
    "json": lambda r, o: json.dumps(to_json_resume(r), ensure_ascii=False),
}
PRINTED = sorted(set(EXPORTS) - {"markdown", "json"})


@pytest.fixture(params=sorted(EXPORTS))
def export(request: pytest.FixtureRequest):
    return request.param, EXPORTS[request.param]


def test_every_export_carries_every_added_section(export) -> None:
    _name, render = export
    text = _flat(render(full_resume(), ExportOptions()))
    for expected in ("PostgreSQL", "Airflow", "Linux", "Tamil", "Fluent",
                     "Regional Data Challenge, 2nd place", "Example Data Guild",
                     "Team of three, 40 teams.", "Columbus Code Club", "Mentor",
                     "Taught Python basics to 25 students", "Nightly Batch Without Tears",
                     "Example Data Journal", "Chess", "Trail running",
                     "Certified Kubernetes Administrator"):
        assert expected in text, expected


@pytest.mark.parametrize("name", PRINTED)
def test_printed_exports_show_headings_in_the_persons_order(name: str) -> None:
    text = _flat(EXPORTS[name](full_resume(), ExportOptions()))
    headings = ["Work History", "Projects", "Education", "Certifications", "Skills", "Awards",
                "Publications", "Volunteering", "Languages", "Interests"]
    if name.startswith("pdf-modern"):
        headings = [h.upper() for h in headings]  # the modern look sets headings in capitals
    position = 0
    for heading in headings:  # each after the one before ("Skills:" lines come earlier too)
        found = text.find(heading, position)
        assert found >= 0, f"{heading} missing after: {text[position:][:200]}"
        position = found + len(heading)


def test_word_headings_are_real_headings_for_every_added_section() -> None:
    data = render_docx(full_resume(), ExportOptions())
    headings = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs
                if p.style.name == "Heading 1"]
    assert headings == ["Summary", "Work History", "Projects", "Education", "Certifications",
                        "Skills", "Awards", "Publications", "Volunteering", "Languages",
                        "Interests"]


@pytest.mark.parametrize("name", PRINTED)
def test_year_only_dates_stay_years_in_print(name: str) -> None:
    text = _flat(EXPORTS[name](full_resume(), ExportOptions()))
    # The certification issued "2019" and the award of "2015": no month appears beside them.
    for invented in ("January 2019", "01/2019", "January 2015", "01/2015", "December 2018",
                     "12/2018"):
        assert invented not in text
    assert "2019" in text and "2015" in text
    assert "2016 - 2018" in text  # the volunteering span, years as written
    assert ("September 2021" if name != "docx-ats" else "09/2021") in text


def test_markdown_and_json_keep_year_only_dates() -> None:
    resume = full_resume()
    markdown = write_resume(resume)
    assert "Issued: 2019\n" in markdown and "Start date: 2016\nEnd date: 2018\n" in markdown
    assert load_resume(markdown) == resume
    data = to_json_resume(resume)
    assert data["certificates"][-1]["date"] == "2019"
    assert data["awards"][0]["date"] == "2015"


@pytest.mark.parametrize("name", PRINTED)
def test_inclusion_reaches_the_added_items(name: str) -> None:
    resume = full_resume()
    options = ExportOptions(inclusion={
        item_key(resume.awards[0]): Inclusion.OMIT,
        item_key(resume.volunteering[0]): Inclusion.NOT_RELEVANT,
        item_key(resume.skills[1]): Inclusion.OMIT,
    })
    text = _flat(EXPORTS[name](resume, options))
    assert "Regional Data Challenge" not in text
    assert "Columbus Code Club" in text and "Taught Python basics" not in text
    assert NOT_RELEVANT_PLACEHOLDER in text
    assert "dbt, Airflow" not in text and "Python, SQL" in text


def test_education_first_when_the_person_asks_or_has_no_roles() -> None:
    asked = _flat(EXPORTS["docx-ats"](full_resume(), ExportOptions(education_at_end=False)))
    assert asked.index("Education") < asked.index("Work History")
    student = full_resume().model_copy(update={"roles": ()})
    text = _flat(EXPORTS["docx-ats"](student, ExportOptions()))
    assert text.index("Education") < text.index("Projects") < text.index("Skills")
