"""The PLAIN Word layout (RESUME_FORMAT.md section 9): for people to read.

Centred header with clickable links; each item as a bold left part with its counterpart pushed to
the right margin by a right tab stop (not a table, so it still copies and parses as one line);
only task bullets, with the role's own skills in bold where they occur.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from documents.model import Certification, Degree, Project, Resume, Role
from documents.render.docx_common import (
    BULLET,
    HEADING,
    TITLE,
    add_hyperlink,
    add_right_tab,
    new_document,
    styled,
)
from documents.render.emphasis import Piece, inline_markdown, mark_skills
from documents.render.layout import (
    Section,
    is_web_link,
    link_label,
    section_order,
    visa_line,
    website_links,
    worded_span,
)
from documents.render.options import ExportOptions, PersonalBlock

ITEM_GAP = Pt(6)
SMALL = Pt(9)
SEPARATOR = " | "


def _pieces(paragraph: Paragraph, pieces: list[Piece]) -> None:
    for piece in pieces:
        run = paragraph.add_run(piece.text)
        run.bold = piece.bold or None
        run.italic = piece.italic or None


def _two_sided(
    document: WordDocument, left: list[Piece], right: str | None, *, first: bool = False
) -> Paragraph:
    """``left<TAB>right`` with the right part flush with the right margin."""
    paragraph = document.add_paragraph()
    add_right_tab(paragraph)
    _pieces(paragraph, left)
    if right:
        paragraph.add_run("\t" + right)
    if first:
        paragraph.paragraph_format.space_before = ITEM_GAP
    return paragraph


def _centred(document: WordDocument) -> Paragraph:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def _small_italic(document: WordDocument, text: str) -> None:
    run = document.add_paragraph().add_run(text)
    run.italic = True
    run.font.size = SMALL


def _skills(document: WordDocument, skills: tuple[str, ...]) -> None:
    if skills:
        _small_italic(document, "Skills: " + ", ".join(skills))


def _link_or_text(paragraph: Paragraph, url: str, label: str | None = None) -> None:
    if is_web_link(url):
        add_hyperlink(paragraph, url, label or link_label(url))
    else:
        paragraph.add_run(label or url)


def _header(document: WordDocument, resume: Resume, options: ExportOptions) -> None:
    personal = resume.personal
    if personal is None:
        return
    contact = personal.contact
    if contact is not None:
        styled(document, contact.name, TITLE).alignment = WD_ALIGN_PARAGRAPH.CENTER
        details = [contact.email, contact.phone, contact.location]
        if options.shows(PersonalBlock.CONTACT) and any(details):
            _centred(document).add_run(SEPARATOR.join(part for part in details if part))
    links = website_links(personal.websites) if options.shows(PersonalBlock.WEBSITES) else []
    if links:
        paragraph = _centred(document)
        for index, (_kind, url) in enumerate(links):
            if index:
                paragraph.add_run(SEPARATOR)
            _link_or_text(paragraph, url)
    if options.shows(PersonalBlock.VISA) and personal.visa is not None:
        visa = personal.visa
        run = _centred(document).add_run(visa_line(visa.work_authorization,
                                                   visa.require_sponsorship))
        run.font.size = SMALL
    if options.shows(PersonalBlock.BANNER):
        for line in personal.banner:
            _pieces(document.add_paragraph(), inline_markdown(line))
    if options.shows(PersonalBlock.NOTE):
        for line in personal.note:
            _small_italic(document, line)


def _degree(document: WordDocument, degree: Degree) -> None:
    _two_sided(document, [Piece(degree.school, bold=True)],
               worded_span(degree.start, degree.end), first=True)
    studies = ", ".join(part for part in (degree.degree, degree.major) if part)
    if studies or degree.gpa:
        _two_sided(document, [Piece(studies)], f"GPA {degree.gpa}" if degree.gpa else None)


def _certification(document: WordDocument, certification: Certification) -> None:
    left = [Piece(certification.name, bold=True)]
    if certification.issuer:
        left.append(Piece(f", {certification.issuer}"))
    dates = []
    if certification.issued:
        dates.append(f"Issued {certification.issued.label}")
    if certification.expires:
        dates.append(f"expires {certification.expires.label}")
    _two_sided(document, left, ", ".join(dates) or None, first=True)
    if certification.certification_id:
        _small_italic(document, f"Certification ID: {certification.certification_id}")


def _role(document: WordDocument, role: Role) -> None:
    left = [Piece(role.title, bold=True)]
    if role.employment_type:
        left.append(Piece(f" ({role.employment_type})"))
    company = f"{role.company} (via {role.agency})" if role.agency else role.company
    _two_sided(document, left, company, first=True)
    _two_sided(document, [Piece(worded_span(role.start, role.end))], role.location)
    for line in role.summary:
        run = document.add_paragraph().add_run(line)
        run.bold = run.italic = True
    for task in role.tasks:
        _pieces(styled(document, "", BULLET), mark_skills(task, role.skills))
    _skills(document, role.skills)


def _project(document: WordDocument, project: Project) -> None:
    _two_sided(document, [Piece(project.title, bold=True)],
               worded_span(project.start, project.end) or None, first=True)
    if project.url:
        _link_or_text(document.add_paragraph(), project.url, project.url_description)
    for line in project.description:
        document.add_paragraph(line)
    _skills(document, project.skills)


def build_plain(resume: Resume, options: ExportOptions) -> WordDocument:
    document = new_document(f"{resume.name or 'Resume'} - Resume", resume.name)
    _header(document, resume, options)
    writers = {
        Section.EDUCATION: (resume.degrees, _degree),
        Section.CERTIFICATIONS: (resume.certifications, _certification),
        Section.WORK: (resume.roles, _role),
        Section.PROJECTS: (resume.projects, _project),
    }
    for section in section_order(resume, options):
        styled(document, section.value, HEADING)
        items, write = writers[section]
        for item in items:
            write(document, item)
    return document
