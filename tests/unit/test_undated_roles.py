"""Roles the file gives no dates for (a template, a student's list of jobs) are kept as written:
imported, printed without "Present", never counted as current nor towards years."""

from __future__ import annotations

import datetime as dt
import io

import docx
from pypdf import PdfReader

from documents import load_resume, parse_resume, write_resume
from documents.model import Month, Resume, Role
from documents.render import ExportOptions, render_docx, render_pdf
from documents.structure.build import structure_text
from engine.requirements import extract_requirements
from engine.scoring import score_match
from engine.scoring_evidence import years_of_experience

DATELESS = (
    "Sam Ortiz\nsam.ortiz@example.com\n\nEXPERIENCE\n"
    "Stage Hand\nRiverside Theatre Company\n• Rigged lights for weekend shows\n"
    "• Kept the prop store in order\n\n"
    "Camp Counsellor\nLakeview Summer Camp\n• Led hikes for groups of twelve\n\n"
    "EDUCATION\nNorthfield College\nBA Theatre Studies\n"
)


def test_a_section_without_any_date_imports_its_roles_undated() -> None:
    result = structure_text(DATELESS)
    roles = result.resume.roles
    assert [(r.title, r.company, r.start, r.end) for r in roles] == [
        ("Stage Hand", "Riverside Theatre Company", None, None),
        ("Camp Counsellor", "Lakeview Summer Camp", None, None)]
    assert roles[0].tasks == ("Rigged lights for weekend shows", "Kept the prop store in order")
    assert not any(r.is_current for r in roles)


def _undated() -> Resume:
    return Resume(roles=(
        Role(company="Riverside Theatre Company", title="Stage Hand",
             tasks=("Rigged lights for weekend shows",)),
        Role(company="Northwind Labs", title="Lab Technician", start=Month(year=2020, month=3),
             end=Month(year=2022, month=2), tasks=("Ran blood panels daily",)),
    ))


def test_undated_roles_round_trip_through_markdown_without_a_warning() -> None:
    text = write_resume(_undated())
    assert "Start date" not in text.split("### Role")[1]
    result = parse_resume(text)
    assert result.problems == () and result.resume == _undated()


def test_an_end_date_without_a_start_is_refused() -> None:
    text = write_resume(_undated()).replace("Title: Stage Hand",
                                            "Title: Stage Hand\nEnd date: 2019")
    assert any("has `End date:` but no `Start date:`" in p.message
               for p in parse_resume(text).errors)


def test_exports_print_no_dates_and_no_present_for_an_undated_role() -> None:
    resume = _undated()
    for fmt, options in (("pdf", ExportOptions()), ("docx", ExportOptions(word_layout="ats")),
                         ("docx", ExportOptions(word_layout="plain"))):
        if fmt == "pdf":
            content = render_pdf(resume, options)
            text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
        else:
            document = docx.Document(io.BytesIO(render_docx(resume, options)))
            text = " ".join(p.text for p in document.paragraphs)
        assert "Riverside Theatre Company" in text and "Present" not in text, fmt


def test_undated_roles_count_no_years_and_leave_years_not_checked() -> None:
    as_of = Month.of(dt.date(2026, 12, 1))
    only_undated = Resume(roles=(_undated().roles[0],))
    assert years_of_experience(only_undated, as_of) is None
    assert years_of_experience(_undated(), as_of) == 2.0
    posting = "Requirements\n- 5+ years of stage work\n- Lighting rigs\n"
    report = score_match(only_undated, extract_requirements(posting), as_of=as_of)
    [years] = [m for m in report.missing if m.requirement.kind == "years"]
    assert years.bucket == "not checked"


def test_the_markdown_written_back_is_the_one_load_resume_reads() -> None:
    assert load_resume(write_resume(_undated())).roles[0].start is None


def test_in_a_dated_section_an_entry_without_dates_is_listed_not_glued_to_the_role_before() -> None:
    text = ("Sam Ortiz\nsam.ortiz@example.com\n\nEXPERIENCE\n"
            "Stage Manager, Riverside Theatre Company\nMarch 2021 - Present\n"
            "• Ran forty performances a season\n\n"
            "Camp Counsellor\nLakeview Summer Camp\n• Led hikes for groups of twelve\n")
    result = structure_text(text)
    [role] = result.resume.roles
    assert role.tasks == ("Ran forty performances a season",) and role.summary == ()
    assert "Camp Counsellor" in result.unplaced and "Lakeview Summer Camp" in result.unplaced
    assert any("no dates" in note for note in result.notes)
