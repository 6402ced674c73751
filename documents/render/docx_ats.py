"""The ATS_FRIENDLY Word layout (RESUME_FORMAT.md section 9): for web-form parsers.

One field per line, in reading order, with real Heading styles and nothing a parser trips on: no
tables, columns, text boxes, icons, tab-aligned text or hyperlink fields. Role summaries are left
out because parsers tend to glue them onto the job title.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.shared import Pt

from documents.model import Certification, Degree, Project, Resume, Role
from documents.render.docx_common import BULLET, HEADING, TITLE, new_document, styled
from documents.render.layout import Section, numeric_span, section_order, visa_line, website_links
from documents.render.options import ExportOptions, PersonalBlock

ITEM_GAP = Pt(6)


def _line(document: WordDocument, text: str, *, bold: bool = False, first: bool = False) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(text).bold = bold or None
    if first:
        paragraph.paragraph_format.space_before = ITEM_GAP


def _lines(document: WordDocument, texts: list[str | None]) -> None:
    for text in texts:
        if text:
            _line(document, text)


def _skills(document: WordDocument, skills: tuple[str, ...]) -> None:
    if skills:
        _line(document, "Skills: " + ", ".join(skills))


def _header(document: WordDocument, resume: Resume, options: ExportOptions) -> None:
    personal = resume.personal
    if personal is None:
        return
    contact = personal.contact
    if contact is not None:
        styled(document, contact.name, TITLE)
        if options.shows(PersonalBlock.CONTACT):
            _lines(document, [contact.email, contact.phone, contact.location])
    if options.shows(PersonalBlock.WEBSITES):
        _lines(document, [f"{kind}: {url}" for kind, url in website_links(personal.websites)])
    if options.shows(PersonalBlock.VISA) and personal.visa is not None:
        _lines(document, [visa_line(personal.visa.work_authorization,
                                    personal.visa.require_sponsorship)])
    summary = list(personal.banner) if options.shows(PersonalBlock.BANNER) else []
    summary += list(personal.note) if options.shows(PersonalBlock.NOTE) else []
    if summary:
        styled(document, "Summary", HEADING)
        _lines(document, summary)


def _degree(document: WordDocument, degree: Degree) -> None:
    _line(document, degree.school, bold=True, first=True)
    _lines(document, [
        ", ".join(part for part in (degree.degree, degree.major) if part),
        numeric_span(degree.start, degree.end),
        f"GPA: {degree.gpa}" if degree.gpa else None,
    ])


def _certification(document: WordDocument, certification: Certification) -> None:
    _line(document, certification.name, bold=True, first=True)
    _lines(document, [
        certification.issuer,
        f"Issued: {certification.issued}" if certification.issued else None,
        f"Expires: {certification.expires}" if certification.expires else None,
        f"Certification ID: {certification.certification_id}"
        if certification.certification_id else None,
    ])


def _role(document: WordDocument, role: Role) -> None:
    _line(document, role.company, bold=True, first=True)
    _lines(document, [
        role.title,
        numeric_span(role.start, role.end),
        role.location,
        role.employment_type,
        f"Agency: {role.agency}" if role.agency else None,
    ])
    _lines(document, list(role.situation))
    for task in role.tasks:
        styled(document, task, BULLET)
    _skills(document, role.skills)


def _project(document: WordDocument, project: Project) -> None:
    _line(document, project.title, bold=True, first=True)
    _lines(document, [project.url, numeric_span(project.start, project.end)])
    _lines(document, list(project.description))
    _skills(document, project.skills)


def build_ats(resume: Resume, options: ExportOptions) -> WordDocument:
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
