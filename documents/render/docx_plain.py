"""The PLAIN Word layout (RESUME_FORMAT.md section 9): for people to read.

Centred header with clickable links; each item as a bold left part with its counterpart pushed to
the right margin by a right tab stop (not a table, so it still copies and parses as one line);
only task bullets, with the role's own skills in bold where they occur.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.shared import Pt
from lxml import etree

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
from documents.render.docx_common import (
    BULLET,
    HEADING,
    LINK_COLOUR,
    TITLE,
    new_document,
    text_width,
)
from documents.render.docx_writer import BodyWriter, write_sections
from documents.render.emphasis import Piece, inline_markdown, mark_skills
from documents.render.layout import (
    Section,
    date_text,
    is_web_link,
    link_label,
    skill_line,
    visa_line,
    website_links,
    worded_span,
)
from documents.render.options import ExportOptions, PersonalBlock

ITEM_GAP = Pt(6)
SMALL = Pt(9)
SEPARATOR = " | "


def _pieces(body: BodyWriter, paragraph: etree._Element, pieces: list[Piece]) -> None:
    for piece in pieces:
        body.run(paragraph, piece.text, bold=piece.bold, italic=piece.italic)


def _two_sided(
    body: BodyWriter, left: list[Piece], right: str | None, *, first: bool = False
) -> None:
    """``left<TAB>right`` with the right part flush with the right margin."""
    paragraph = body.paragraph(right_tab=body.text_width, space_before=ITEM_GAP if first else None)
    _pieces(body, paragraph, left)
    if right:
        body.run(paragraph, "\t" + right)


def _small_italic(body: BodyWriter, text: str) -> None:
    body.line(text, italic=True, size=SMALL)


def _skills(body: BodyWriter, skills: tuple[str, ...]) -> None:
    if skills:
        _small_italic(body, "Skills: " + ", ".join(skills))


def _link_or_text(
    body: BodyWriter, paragraph: etree._Element, url: str, label: str | None = None
) -> None:
    if is_web_link(url):
        body.hyperlink(paragraph, url, label or link_label(url), LINK_COLOUR)
    else:
        body.run(paragraph, label or url)


def _header(body: BodyWriter, resume: Resume, options: ExportOptions) -> None:
    personal = resume.personal
    if personal is None:
        return
    contact = personal.contact
    if contact is not None:
        body.run(body.paragraph(TITLE, centred=True), contact.name)
        details = [part for part in (contact.email, contact.phone, contact.location) if part]
        if options.shows(PersonalBlock.CONTACT) and details:
            body.line(SEPARATOR.join(details), centred=True)
    links = website_links(personal.websites) if options.shows(PersonalBlock.WEBSITES) else []
    if links:
        paragraph = body.paragraph(centred=True)
        for index, (_kind, url) in enumerate(links):
            if index:
                body.run(paragraph, SEPARATOR)
            _link_or_text(body, paragraph, url)
    if options.shows(PersonalBlock.VISA) and personal.visa is not None:
        visa = personal.visa
        body.line(visa_line(visa.work_authorization, visa.require_sponsorship),
                  centred=True, size=SMALL)
    if options.shows(PersonalBlock.BANNER):
        for line in personal.banner:
            _pieces(body, body.paragraph(), inline_markdown(line))
    if options.shows(PersonalBlock.NOTE):
        for line in personal.note:
            _small_italic(body, line)


def _degree(body: BodyWriter, degree: Degree) -> None:
    _two_sided(body, [Piece(degree.school, bold=True)],
               worded_span(degree.start, degree.end), first=True)
    studies = ", ".join(part for part in (degree.degree, degree.major) if part)
    if studies or degree.gpa:
        _two_sided(body, [Piece(studies)], f"GPA {degree.gpa}" if degree.gpa else None)


def _certification(body: BodyWriter, certification: Certification) -> None:
    left = [Piece(certification.name, bold=True)]
    if certification.issuer:
        left.append(Piece(f", {certification.issuer}"))
    dates = []
    if certification.issued:
        dates.append(f"Issued {certification.issued.label}")
    if certification.expires:
        dates.append(f"expires {certification.expires.label}")
    _two_sided(body, left, ", ".join(dates) or None, first=True)
    if certification.certification_id:
        _small_italic(body, f"Certification ID: {certification.certification_id}")


def _role(body: BodyWriter, role: Role) -> None:
    left = [Piece(role.title, bold=True)]
    if role.employment_type:
        left.append(Piece(f" ({role.employment_type})"))
    company = f"{role.company} (via {role.agency})" if role.agency else role.company
    _two_sided(body, left, company, first=True)
    _two_sided(body, [Piece(worded_span(role.start, role.end))], role.location)
    for line in role.summary:
        body.line(line, bold=True, italic=True)
    for task in role.tasks:
        _pieces(body, body.paragraph(BULLET), mark_skills(task, role.skills))
    _skills(body, role.skills)


def _project(body: BodyWriter, project: Project) -> None:
    _two_sided(body, [Piece(project.title, bold=True)],
               worded_span(project.start, project.end) or None, first=True)
    if project.url:
        _link_or_text(body, body.paragraph(), project.url, project.url_description)
    for line in project.description:
        body.line(line)
    _skills(body, project.skills)


def _labelled(body: BodyWriter, label: str | None, text: str) -> None:
    """``**Label:** text`` on one line (no label: the text alone)."""
    paragraph = body.paragraph()
    if label:
        body.run(paragraph, f"{label}: ", bold=True)
    body.run(paragraph, text)


def _skill_group(body: BodyWriter, group: SkillGroup) -> None:
    _labelled(body, *skill_line(group.name, group.items))


def _language(body: BodyWriter, language: Language) -> None:
    _labelled(body, language.name if language.level else None,
              language.level or language.name)


def _award(body: BodyWriter, award: Award) -> None:
    left = [Piece(award.title, bold=True)]
    if award.issuer:
        left.append(Piece(f", {award.issuer}"))
    _two_sided(body, left, date_text(award.date, lambda month: month.label), first=True)
    for line in award.description:
        body.line(line)


def _volunteering(body: BodyWriter, item: Volunteering) -> None:
    title = item.role or item.organization
    _two_sided(body, [Piece(title, bold=True)], item.organization if item.role else None,
               first=True)
    span = worded_span(item.start, item.end)
    if span or item.location:
        _two_sided(body, [Piece(span)], item.location)
    for line in item.summary:
        body.line(line, italic=True)
    for task in item.tasks:
        body.line(task, BULLET)


def _publication(body: BodyWriter, item: Publication) -> None:
    _two_sided(body, [Piece(item.title, bold=True)],
               date_text(item.date, lambda month: month.label), first=True)
    if item.publisher:
        body.line(item.publisher, italic=True)
    if item.url:
        _link_or_text(body, body.paragraph(), item.url)
    for line in item.description:
        body.line(line)


def _interests(body: BodyWriter, interests: tuple[str, ...]) -> None:
    body.line(", ".join(interests))


def build_plain(resume: Resume, options: ExportOptions, paper: Paper) -> WordDocument:
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
