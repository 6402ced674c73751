"""The ATS_FRIENDLY Word layout (RESUME_FORMAT.md section 9): for web-form parsers.

One field per line, in reading order, with real Heading styles and nothing a parser trips on: no
tables, columns, text boxes, icons, tab-aligned text or hyperlink fields. Role summaries are left
out because parsers tend to glue them onto the job title.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.shared import Pt

from documents.model import (
    Award,
    Certification,
    Degree,
    Language,
    Project,
    Publication,
    Resume,
    Role,
    SkillGroup,
    Volunteering,
)
from documents.render.docx_common import BULLET, HEADING, TITLE, new_document
from documents.render.docx_writer import BodyWriter, write_sections
from documents.render.layout import (
    Section,
    date_text,
    language_line,
    numeric_span,
    skill_line,
    visa_line,
    website_links,
)
from documents.render.options import ExportOptions, PersonalBlock

ITEM_GAP = Pt(6)


def _lines(body: BodyWriter, texts: list[str | None]) -> None:
    for text in texts:
        if text:
            body.line(text)


def _item_title(body: BodyWriter, text: str) -> None:
    body.line(text, bold=True, space_before=ITEM_GAP)


def _skills(body: BodyWriter, skills: tuple[str, ...]) -> None:
    if skills:
        body.line("Skills: " + ", ".join(skills))


def _header(body: BodyWriter, resume: Resume, options: ExportOptions) -> None:
    personal = resume.personal
    if personal is None:
        return
    contact = personal.contact
    if contact is not None:
        body.line(contact.name, TITLE)
        if options.shows(PersonalBlock.CONTACT):
            _lines(body, [contact.email, contact.phone, contact.location])
    if options.shows(PersonalBlock.WEBSITES):
        _lines(body, [f"{kind}: {url}" for kind, url in website_links(personal.websites)])
    if options.shows(PersonalBlock.VISA) and personal.visa is not None:
        _lines(body, [visa_line(personal.visa.work_authorization,
                                personal.visa.require_sponsorship)])
    summary = list(personal.banner) if options.shows(PersonalBlock.BANNER) else []
    summary += list(personal.note) if options.shows(PersonalBlock.NOTE) else []
    if summary:
        body.line("Summary", HEADING)
        _lines(body, summary)


def _degree(body: BodyWriter, degree: Degree) -> None:
    _item_title(body, degree.school)
    _lines(body, [
        ", ".join(part for part in (degree.degree, degree.major) if part),
        numeric_span(degree.start, degree.end),
        f"GPA: {degree.gpa}" if degree.gpa else None,
    ])


def _certification(body: BodyWriter, certification: Certification) -> None:
    _item_title(body, certification.name)
    _lines(body, [
        certification.issuer,
        f"Issued: {certification.issued}" if certification.issued else None,
        f"Expires: {certification.expires}" if certification.expires else None,
        f"Certification ID: {certification.certification_id}"
        if certification.certification_id else None,
    ])


def _role(body: BodyWriter, role: Role) -> None:
    _item_title(body, role.company)
    _lines(body, [
        role.title,
        numeric_span(role.start, role.end),
        role.location,
        role.employment_type,
        f"Agency: {role.agency}" if role.agency else None,
    ])
    _lines(body, list(role.situation))
    for task in role.tasks:
        body.line(task, BULLET)
    _skills(body, role.skills)


def _project(body: BodyWriter, project: Project) -> None:
    _item_title(body, project.title)
    _lines(body, [project.url, numeric_span(project.start, project.end)])
    _lines(body, list(project.description))
    _skills(body, project.skills)


def _skill_group(body: BodyWriter, group: SkillGroup) -> None:
    label, text = skill_line(group.name, group.items)
    body.line(f"{label}: {text}" if label else text)


def _language(body: BodyWriter, language: Language) -> None:
    body.line(language_line(language.name, language.level))


def _award(body: BodyWriter, award: Award) -> None:
    _item_title(body, award.title)
    _lines(body, [award.issuer, date_text(award.date), *award.description])


def _volunteering(body: BodyWriter, item: Volunteering) -> None:
    # Like a role: organization, then role and dates on their own lines, then the text.
    _item_title(body, item.organization)
    _lines(body, [item.role, numeric_span(item.start, item.end), item.location, *item.summary])
    for task in item.tasks:
        body.line(task, BULLET)


def _publication(body: BodyWriter, item: Publication) -> None:
    _item_title(body, item.title)
    _lines(body, [item.publisher, date_text(item.date), item.url, *item.description])


def _interests(body: BodyWriter, interests: tuple[str, ...]) -> None:
    body.line(", ".join(interests))


def build_ats(resume: Resume, options: ExportOptions) -> WordDocument:
    document = new_document(f"{resume.name or 'Resume'} - Resume", resume.name)
    body = BodyWriter(document)
    _header(body, resume, options)
    write_sections(body, resume, options, {
        Section.EDUCATION: _degree,
        Section.CERTIFICATIONS: _certification,
        Section.WORK: _role,
        Section.PROJECTS: _project,
        Section.SKILLS: _skill_group,
        Section.LANGUAGES: _language,
        Section.AWARDS: _award,
        Section.VOLUNTEERING: _volunteering,
        Section.PUBLICATIONS: _publication,
        Section.INTERESTS: _interests,
    }, HEADING)
    return document
