"""The ATS check: every export read back by independent extractors, field by field.

Both PDF looks and both Word layouts, the sample and fixture resumes and unusual content must
read back whole; a file that lost its text, or belongs to another resume, or lists items out of
order must be reported with the fields that failed.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfWriter

from documents.model import Contact, Degree, Month, Personal, Project, Resume, Role
from documents.render import ExportOptions, render_docx, render_pdf
from documents.render.ats_check import check_export, headline, lost_cjk_text, normalise
from documents.render.samples import full_resume, sample_resume, two_page_resume
from documents.structure.build import structure_text

RENDERINGS = [
    ("pdf", ExportOptions(pdf_look="classic")),
    ("pdf", ExportOptions(pdf_look="modern")),
    ("docx", ExportOptions(word_layout="ats")),
    ("docx", ExportOptions(word_layout="plain")),
]
RENDERING_IDS = ["pdf-classic", "pdf-modern", "docx-ats", "docx-plain"]


def _render(resume: Resume, fmt: str, options: ExportOptions) -> bytes:
    return render_pdf(resume, options) if fmt == "pdf" else render_docx(resume, options)


def _unusual_resume() -> Resume:
    """Accents, CJK, very long bullets and enough roles for three pages."""
    long_bullet = ("Rebuilt the end-to-end reconciliation of supplier invoices across "
                   "twelve subsidiaries, replacing a fragile spreadsheet chain with audited "
                   "PostgreSQL jobs, state-of-the-art anomaly alerts and a self-service review "
                   "screen that finance now uses daily; closing time fell from nine days to four "
                   "and write-offs from unmatched invoices dropped by two thirds.")
    roles = tuple(
        Role(
            company=company,
            title=title,
            start=Month(year=2024 - 2 * index, month=3),
            end=None if index == 0 else Month(year=2026 - 2 * index, month=2),
            location="Zürich",
            tasks=(long_bullet, f"Pilotage de l'équipe données № {index}: déploiement réussi",
                   "Réduit les coûts de 30 % grâce à l'optimisation des requêtes",
                   "Led the offload to a flow of efficient affine workflows", long_bullet),
        )
        for index, (company, title) in enumerate([
            ("Société Générale Écosse", "Ingénieure données principale"),
            ("Müller & Søn Logistik", "Data Engineer"),
            ("Café Ñandú S.A.", "Analista de Datos"),
            ("Łódź Tramways", "Senior Analyst"),
            ("Örebro Energi AB", "Analyst"),
            ("Ōsaka Freight KK", "Junior Analyst"),
            ("Åland Shipping", "Intern"),
            ("Île-de-France Mobilités", "Stagiaire"),
            ("Česká Data s.r.o.", "Analytik"),
            ("Þór Fisheries", "Assistant"),
        ])
    )
    return Resume(
        personal=Personal(contact=Contact(name="Zoë Łukasiewicz-Ørsted",
                                          email="zoe.lukasiewicz@example.org",
                                          phone="+41 44 555 01 23")),
        roles=roles,
        projects=(Project(title="Übersetzungs-Werkzeug", start=Month(year=2021, month=1),
                          description=("Outil de traduction libre pour les offres d'emploi.",)),),
        degrees=(Degree(school="École polytechnique fédérale de Lausanne",
                        degree="Master of Science", major="Informatique",
                        start=Month(year=2010, month=9), end=Month(year=2012, month=7)),),
    )


def _cjk_resume() -> Resume:
    return Resume(
        personal=Personal(contact=Contact(name="王小明", email="wang@example.org",
                                          phone="+86 10 5555 0100")),
        roles=(Role(company="北京数据科技有限公司", title="高级数据工程师",
                    start=Month(year=2019, month=4),
                    tasks=("负责公司数据平台的设计与开发，每天处理超过十亿条记录，并将报表生成时间"
                           "从四小时缩短到二十分钟，同时为财务和运营团队建立了统一的数据模型",
                           "Led a team of four engineers")),),
    )


def _fixture_resumes(fixtures_dir: Path) -> list[Resume]:
    # The fixtures are other tools' resumes; the structurer reads them into models as an
    # import would, and those models are what a person then exports.
    structured = [structure_text(path.read_text())
                  for path in sorted((fixtures_dir / "resumes/markdown").glob("*.md"))]
    return [item.resume for item in structured if item.resume is not None]


@pytest.mark.parametrize(("fmt", "options"), RENDERINGS, ids=RENDERING_IDS)
@pytest.mark.parametrize("make", [sample_resume, two_page_resume, full_resume, _unusual_resume],
                         ids=["sample", "two-page", "full", "unusual"])
def test_every_field_reads_back(make, fmt: str, options: ExportOptions) -> None:
    resume = make()
    report = check_export(resume, options, fmt, _render(resume, fmt, options))
    assert report.failures == () and report.unreadable is None
    assert report.found == report.expected > 10
    assert headline(report).startswith(f"ATS check: {report.expected}/{report.expected} fields")
    if fmt == "pdf" and shutil.which("pdftotext"):
        assert report.extractors == ("pypdf", "pdftotext")


def test_the_unusual_resume_runs_to_three_pages() -> None:
    from pypdf import PdfReader

    pdf = render_pdf(_unusual_resume())
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 3


def _has_cjk_font() -> bool:
    listing = shutil.which("fc-list") and subprocess.run(
        ["fc-list", ":lang=zh"], capture_output=True, text=True, timeout=10).stdout
    return bool(listing and listing.strip())


def _is_cjk(resume: Resume) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in resume.model_dump_json())


@pytest.mark.parametrize(("fmt", "options"), RENDERINGS, ids=RENDERING_IDS)
def test_fixture_resumes_read_back(fixtures_dir: Path, fmt: str, options: ExportOptions) -> None:
    resumes = _fixture_resumes(fixtures_dir)
    assert len(resumes) >= 4
    for resume in resumes:
        if fmt == "pdf" and _is_cjk(resume) and not _has_cjk_font():
            continue  # test_cjk_in_a_pdf_without_a_cjk_font_is_reported
        report = check_export(resume, options, fmt, _render(resume, fmt, options))
        # pdftotext's reading order is checked on its own below: it moves right-aligned
        # companies of short entries after the section (a real finding of this check).
        failures = [f for f in report.failures if not (f.extractor == "pdftotext"
                                                       and f.problem == "out of order")]
        assert report.unreadable is None and failures == [], (resume.name, failures[:3])


@pytest.mark.parametrize(("fmt", "options"), RENDERINGS, ids=RENDERING_IDS)
def test_cjk_reads_back_from_word_and_from_pdf_with_a_cjk_font(fmt, options) -> None:
    if fmt == "pdf" and not _has_cjk_font():
        pytest.skip("no CJK font: covered by test_cjk_in_a_pdf_without_a_cjk_font_is_reported")
    resume = _cjk_resume()
    report = check_export(resume, options, fmt, _render(resume, fmt, options))
    assert report.passed, report.failures


def test_cjk_in_a_pdf_without_a_cjk_font_is_reported() -> None:
    if _has_cjk_font():
        pytest.skip("this machine has a CJK font: the PDF reads back (test above)")
    # Typst draws empty boxes without a CJK font; the text is lost to every parser, and the
    # person must be told rather than shown a green check.
    resume = _cjk_resume()
    report = check_export(resume, ExportOptions(), "pdf", _render(resume, "pdf", ExportOptions()))
    assert ("name", "pypdf", "missing") in {(f.field.label, f.extractor, f.problem)
                                            for f in report.failures}
    assert report.found < report.expected
    assert lost_cjk_text(report, "pdf")


def test_pdftotext_reading_right_aligned_companies_late_is_reported(fixtures_dir: Path) -> None:
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils is not installed (make test installs it)")
    # In one fixture (a 4-bullet role above a 1-bullet role) poppler reads the right-aligned
    # company column after both roles, so a parser pairs the second title with no company.
    # The check must say so, while pypdf (which reads line by line) reads it all back.
    poppler, pypdf = set(), []
    for resume in _fixture_resumes(fixtures_dir):
        if _is_cjk(resume):
            continue
        report = check_export(resume, ExportOptions(), "pdf", render_pdf(resume))
        poppler |= {f.problem for f in report.failures if f.extractor == "pdftotext"}
        pypdf += [f for f in report.failures if f.extractor == "pypdf"]
    assert poppler == {"out of order"} and pypdf == []


def test_a_pdf_without_its_text_reports_every_field_missing() -> None:
    resume = sample_resume()
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    blank = io.BytesIO()
    writer.write(blank)
    report = check_export(resume, ExportOptions(), "pdf", blank.getvalue())
    assert report.found == 0 and report.expected > 10
    assert {failure.problem for failure in report.failures} == {"missing"}
    assert any(f.field.label == "name" and f.field.text == "Priya Natarajan"
               for f in report.failures)
    assert headline(report).startswith(f"ATS check: 0/{report.expected} fields read back")
    # Latin text lost for another reason is not blamed on a missing CJK font.
    assert not lost_cjk_text(report, "pdf")


@pytest.mark.parametrize(("fmt", "options"), RENDERINGS, ids=RENDERING_IDS)
def test_another_resumes_file_reports_what_is_missing(fmt: str, options: ExportOptions) -> None:
    other = _unusual_resume()
    report = check_export(sample_resume(), options, fmt, _render(other, fmt, options))
    missing = {failure.field.text for failure in report.failures}
    assert {"Priya Natarajan", "priya.natarajan@example.org",
            "Riverbend Logistics, Inc."} <= missing
    assert not report.passed and report.found < report.expected


@pytest.mark.parametrize(("fmt", "options"), RENDERINGS, ids=RENDERING_IDS)
def test_sections_in_another_order_are_out_of_order(fmt: str, options: ExportOptions) -> None:
    resume = sample_resume()
    swapped = options.model_copy(update={"projects_first": True})
    report = check_export(resume, options, fmt, _render(resume, fmt, swapped))
    assert "out of order" in {failure.problem for failure in report.failures}


def test_damaged_files_are_reported_unreadable() -> None:
    for fmt in ("pdf", "docx"):
        report = check_export(sample_resume(), ExportOptions(), fmt, b"not a real file at all")
        assert report.unreadable is not None and report.found == 0
        assert headline(report) == (
            "ATS check: the file could not be read back by its text extractor.")


def test_normalise_evens_out_what_extractors_change() -> None:
    assert normalise("ef\ufb01cient  work\u2013flow") == normalise("efficient work-flow")
    assert normalise("state-of-\nthe-art") == normalise("state-of-the-art")
    assert normalise("• Led   the\nteam") == "led the team"
    assert normalise("April 2020 –\nPresent") == "april 2020 - present"
    assert normalise("数据\n平台") == "数据平台"
    assert normalise("Engi neer") != normalise("Engineer")
