"""The two Word layouts, reopened with python-docx, against RESUME_FORMAT.md section 9."""

from __future__ import annotations

import io

import docx
import pytest
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Inches, Pt

from documents.render import ExportOptions, render_docx
from documents.render.samples import sample_resume, two_page_resume

# The default order follows the person: the sample has roles, so work history leads.
SECTION_HEADINGS = ["Work History", "Projects", "Education", "Certifications"]


def _open(layout: str, **options) -> WordDocument:
    data = render_docx(sample_resume(), ExportOptions(word_layout=layout, **options))
    return docx.Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def ats() -> WordDocument:
    return _open("ats")


@pytest.fixture(scope="module")
def plain() -> WordDocument:
    return _open("plain")


def _paragraph(document: WordDocument, starts_with: str):
    return next(p for p in document.paragraphs if p.text.startswith(starts_with))


@pytest.mark.parametrize("layout", ["ats", "plain"])
def test_page_setup_and_font(layout: str) -> None:
    document = _open(layout)
    section = document.sections[0]
    for margin in (section.left_margin, section.right_margin, section.top_margin,
                   section.bottom_margin):
        assert margin == Inches(0.5)
    normal = document.styles["Normal"].font
    assert (normal.name, normal.size) == ("Calibri", Pt(10.5))
    properties = document.core_properties
    assert properties.author == "Priya Natarajan"
    assert properties.comments == "" and properties.created.year >= 2025


def test_ats_sections_are_real_headings(ats: WordDocument) -> None:
    headings = [p.text for p in ats.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Summary", *SECTION_HEADINGS]


def test_ats_has_nothing_a_parser_trips_on(ats: WordDocument) -> None:
    body = ats.element.body
    assert ats.tables == []
    for tag in ("w:tbl", "w:txbxContent", "w:drawing", "w:pict", "w:hyperlink"):
        assert body.findall(".//" + qn(tag)) == [], tag
    columns = body.findall(".//" + qn("w:cols"))
    assert all(int(c.get(qn("w:num"), "1")) == 1 for c in columns)
    # The only tabs push dates and places to the right margin, inside one paragraph.
    for paragraph in ats.paragraphs:
        if "\t" in paragraph.text:
            assert paragraph.text.count("\t") == 1 and _right_tab_at_margin(paragraph)


def test_ats_is_compact_contact_on_one_line_items_on_two(ats: WordDocument) -> None:
    texts = [p.text for p in ats.paragraphs]
    assert texts[1] == "priya.natarajan@example.org | +1 555 010 4477 | Columbus, OH"
    start = texts.index("Riverbend Logistics, Inc.\t04/2020 - Present")
    assert texts[start + 1] == "Senior Data Engineer | Full-time\tColumbus, OH"
    assert ats.paragraphs[start].runs[0].bold
    agency = next(t for t in texts if t.startswith("Data Analyst"))
    assert "Agency: Brightline Staffing, LLC" in agency
    assert "Skills: Airflow, dbt, PostgreSQL, Python" in texts
    # Role summaries are left out; situation and tasks are kept as text.
    assert not any("Leads the data platform team" in t for t in texts)
    assert "Owns the nightly batch platform and its on-call rotation." in texts
    bullets = [p.text for p in ats.paragraphs if p.style.name == "List Bullet"]
    assert bullets[0] == "Migrated 40 legacy cron jobs to Airflow, cutting failed runs by 70%"


def test_plain_header_centred_with_real_links(plain: WordDocument) -> None:
    title = plain.paragraphs[0]
    assert (title.text, title.style.name, title.alignment) == (
        "Priya Natarajan", "Title", WD_ALIGN_PARAGRAPH.CENTER)
    contact = plain.paragraphs[1]
    assert contact.text == "priya.natarajan@example.org | +1 555 010 4477 | Columbus, OH"
    assert contact.alignment == WD_ALIGN_PARAGRAPH.CENTER

    links = plain.paragraphs[2].hyperlinks
    assert [link.address for link in links] == [
        "https://github.com/pnatarajan-example",
        "https://www.linkedin.com/in/pnatarajan-example",
        "https://priya.example.org",
    ]
    assert [link.text for link in links][0] == "github.com/pnatarajan-example"
    relationships = plain.part.rels
    for element in plain.element.body.iter(qn("w:hyperlink")):
        relationship = relationships[element.get(qn("r:id"))]
        assert relationship.is_external and relationship.target_ref.startswith("https://")


def test_plain_project_link_uses_its_description(plain: WordDocument) -> None:
    paragraph = _paragraph(plain, "transit-validator on GitHub")
    assert paragraph.hyperlinks[0].address.endswith("/transit-validator")


def _right_tab_at_margin(paragraph) -> bool:
    stops = paragraph.paragraph_format.tab_stops
    return any(s.alignment == WD_TAB_ALIGNMENT.RIGHT and s.position == Inches(7.5) for s in stops)


def test_plain_role_lines_use_right_tab_stops(plain: WordDocument) -> None:
    title_line = _paragraph(plain, "Senior Data Engineer")
    assert title_line.text == "Senior Data Engineer (Full-time)\tRiverbend Logistics, Inc."
    assert _right_tab_at_margin(title_line)
    assert title_line.runs[0].text == "Senior Data Engineer" and title_line.runs[0].bold
    dates_line = _paragraph(plain, "April 2020")
    assert dates_line.text == "April 2020 - Present\tColumbus, OH"
    assert _right_tab_at_margin(dates_line)
    agency_line = _paragraph(plain, "Data Analyst")
    assert agency_line.text.endswith("\tLakeview Health Network (via Brightline Staffing, LLC)")


def test_plain_summary_bold_italic_and_only_task_bullets(plain: WordDocument) -> None:
    summary = _paragraph(plain, "Leads the data platform team")
    assert all(run.bold and run.italic for run in summary.runs)
    texts = [p.text for p in plain.paragraphs]
    assert "Owns the nightly batch platform and its on-call rotation." not in texts
    bullets = [p.text for p in plain.paragraphs if p.style.name == "List Bullet"]
    assert len(bullets) == 5


def test_plain_skills_bold_inside_bullets(plain: WordDocument) -> None:
    bullet = _paragraph(plain, "Built a dbt model layer")
    bold = [run.text for run in bullet.runs if run.bold]
    assert bold == ["dbt", "PostgreSQL"]
    assert "".join(run.text for run in bullet.runs) == (
        "Built a dbt model layer on PostgreSQL used by finance and operations")
    # Each role's bullets are matched against that role's own skills.
    claims = _paragraph(plain, "Automated weekly claims reports")
    assert [run.text for run in claims.runs if run.bold] == ["Python", "SQL"]


def test_plain_skills_line_small_italics(plain: WordDocument) -> None:
    line = _paragraph(plain, "Skills: Airflow")
    assert line.text == "Skills: Airflow, dbt, PostgreSQL, Python"
    assert all(run.italic and run.font.size == Pt(9) for run in line.runs)


def test_plain_banner_honours_inline_markdown() -> None:
    resume = sample_resume()
    personal = resume.personal.model_copy(update={"banner": ("I **lead** *data* teams",)})
    data = render_docx(resume.model_copy(update={"personal": personal}),
                       ExportOptions(word_layout="plain"))
    banner = _paragraph(docx.Document(io.BytesIO(data)), "I lead data teams")
    styled = [(run.text, bool(run.bold), bool(run.italic)) for run in banner.runs]
    assert styled == [("I ", False, False), ("lead", True, False), (" ", False, False),
                      ("data", False, True), (" teams", False, False)]


def test_non_web_links_stay_text() -> None:
    resume = sample_resume()
    websites = resume.personal.websites.model_copy(update={"website": "javascript:alert(1)"})
    personal = resume.personal.model_copy(update={"websites": websites})
    data = render_docx(resume.model_copy(update={"personal": personal}),
                       ExportOptions(word_layout="plain"))
    document = docx.Document(io.BytesIO(data))
    addresses = [link.address for p in document.paragraphs for link in p.hyperlinks]
    assert not any(address.startswith("javascript") for address in addresses)
    assert "javascript:alert(1)" in document.paragraphs[2].text


def test_ats_layout_is_no_longer_than_the_plain_one() -> None:
    # The plain layout runs to the PDF's page count; the ATS one used to put every field on its
    # own line and ran a page longer. Paragraphs are what fill its pages.
    resume = two_page_resume()
    ats, plain = (docx.Document(io.BytesIO(render_docx(resume, ExportOptions(word_layout=layout))))
                  for layout in ("ats", "plain"))
    assert len(ats.paragraphs) <= len(plain.paragraphs)
