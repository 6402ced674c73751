"""The ATS_FRIENDLY Word layout (RESUME_FORMAT.md section 9): for web-form parsers.

Plain paragraphs in reading order with real Heading styles and nothing a parser trips on: no
tables, columns, text boxes, icons or hyperlink fields. It is as compact as the PDF: contact
details share one line, and each item is two lines, its name with its dates pushed to the right
margin by a tab stop, then its title or degree with the location. A tab stop is one paragraph,
so parsers read "Company<TAB>04/2020 - Present" as one line, in order. Role summaries are left
out because parsers tend to glue them onto the job title.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.shared import Pt

from documents.locale import Paper
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
from documents.render.docx_common import BULLET, HEADING, TITLE, new_document, text_width
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
SEPARATOR = " | "


def _lines(body: BodyWriter, texts: list[str | None]) -> None:
    for text in texts:
        if text:
            body.line(text)


def _joined(parts: list[str | None]) -> str:
    return SEPARATOR.join(part for part in parts if part)


def _tabbed(body: BodyWriter, left: str, right: str | None, *, first: bool = False) -> None:
    """``left<TAB>right``, the right part flush with the right margin; the item's first line is
    bold and opens the item with a gap."""
    paragraph = body.paragraph(right_tab=body.text_width if right else None,
                               space_before=ITEM_GAP if first else None)
    body.run(paragraph, left, bold=first)
    if right:
        body.run(paragraph, "\t" + right)


def _item_title(body: BodyWriter, text: str, right: str | None = None) -> None:
    _tabbed(body, text, right, first=True)


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
            _lines(body, [_joined([contact.email, contact.phone, contact.location])])
    if options.shows(PersonalBlock.WEBSITES):
        _lines(body, [_joined([f"{kind}: {url}"
                               for kind, url in website_links(personal.websites)])])
    if options.shows(PersonalBlock.VISA) and personal.visa is not None:
        _lines(body, [visa_line(personal.visa.work_authorization,
                                personal.visa.require_sponsorship)])
    summary = list(personal.banner) if options.shows(PersonalBlock.BANNER) else []
    summary += list(personal.note) if options.shows(PersonalBlock.NOTE) else []
    if summary:
        body.line("Summary", HEADING)
        _lines(body, summary)


def _degree(body: BodyWriter, degree: Degree) -> None:
    _item_title(body, degree.school, numeric_span(degree.start, degree.end))
    _lines(body, [_joined([
        ", ".join(part for part in (degree.degree, degree.major) if part),
        f"GPA: {degree.gpa}" if degree.gpa else None,
    ])])


def _certification(body: BodyWriter, certification: Certification) -> None:
    issued = f"Issued: {certification.issued}" if certification.issued else None
    _item_title(body, certification.name, issued)
    _lines(body, [_joined([
        certification.issuer,
        f"Expires: {certification.expires}" if certification.expires else None,
        f"Certification ID: {certification.certification_id}"
        if certification.certification_id else None,
    ])])


def _second_line(body: BodyWriter, left: list[str | None], right: str | None) -> None:
    text = _joined(left)
    if text or right:
        _tabbed(body, text, right)


def _role(body: BodyWriter, role: Role) -> None:
    _item_title(body, role.company, numeric_span(role.start, role.end))
    _second_line(body, [role.title, role.employment_type,
                        f"Agency: {role.agency}" if role.agency else None], role.location)
    _lines(body, list(role.situation))
    for task in role.tasks:
        body.line(task, BULLET)
    _skills(body, role.skills)


def _project(body: BodyWriter, project: Project) -> None:
    _item_title(body, project.title, numeric_span(project.start, project.end))
    _lines(body, [project.url])
    _lines(body, list(project.description))
    _skills(body, project.skills)


def _skill_group(body: BodyWriter, group: SkillGroup) -> None:
    label, text = skill_line(group.name, group.items)
    body.line(f"{label}: {text}" if label else text)


def _language(body: BodyWriter, language: Language) -> None:
    body.line(language_line(language.name, language.level))


def _award(body: BodyWriter, award: Award) -> None:
    _item_title(body, award.title, date_text(award.date))
    _lines(body, [award.issuer, *award.description])


def _volunteering(body: BodyWriter, item: Volunteering) -> None:
    # Like a role: organization and dates, then role and location, then the text.
    _item_title(body, item.organization, numeric_span(item.start, item.end))
    _second_line(body, [item.role], item.location)
    _lines(body, list(item.summary))
    for task in item.tasks:
        body.line(task, BULLET)


def _publication(body: BodyWriter, item: Publication) -> None:
    _item_title(body, item.title, date_text(item.date))
    _lines(body, [_joined([item.publisher, item.url]), *item.description])


def _interests(body: BodyWriter, interests: tuple[str, ...]) -> None:
    body.line(", ".join(interests))


def build_ats(resume: Resume, options: ExportOptions, paper: Paper) -> WordDocument:
    document = new_document(f"{resume.name or 'Resume'} - Resume", resume.name, paper)
    body = BodyWriter(document, text_width(paper))
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
