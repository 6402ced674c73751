"""The resume and cover letter as the plain JSON data the Typst template lays out.

Every decision about wording (dates, labels, which lines show) is made here in Python, so the
template only places strings and both looks print the same words.
"""

from __future__ import annotations

from typing import Any

from documents.locale import Paper, language_code
from documents.model import (
    Award,
    Certification,
    CoverLetter,
    Degree,
    Project,
    Publication,
    Resume,
    Role,
    Volunteering,
)
from documents.render.layout import (
    Section,
    date_text,
    is_web_link,
    language_line,
    letter_date,
    link_label,
    section_items,
    section_order,
    skill_line,
    visa_line,
    website_links,
    worded_span,
)
from documents.render.options import ExportOptions, PersonalBlock

Json = dict[str, Any]


def _link(url: str, label: str | None = None) -> Json:
    return {"url": url if is_web_link(url) else None, "label": label or link_label(url)}


def _entry(title: str, **fields: Any) -> Json:
    entry: Json = {
        "title": title, "title-note": None, "right": None, "sub": None, "sub-right": None,
        "link": None, "summary": [], "lines": [], "bullets": [], "skills": None,
    }
    entry.update(fields)
    return entry


def _skills(skills: tuple[str, ...]) -> str | None:
    return ", ".join(skills) if skills else None


def _degree(degree: Degree) -> Json:
    studies = ", ".join(part for part in (degree.degree, degree.major) if part)
    return _entry(
        degree.school,
        right=worded_span(degree.start, degree.end) or None,
        sub=studies or None,
        **{"sub-right": f"GPA {degree.gpa}" if degree.gpa else None},
    )


def _certification(certification: Certification) -> Json:
    dates = []
    if certification.issued:
        dates.append(f"Issued {certification.issued.label}")
    if certification.expires:
        dates.append(f"expires {certification.expires.label}")
    identifier = certification.certification_id
    return _entry(
        certification.name,
        right=", ".join(dates) or None,
        sub=certification.issuer,
        lines=[f"Certification ID: {identifier}"] if identifier else [],
    )


def _role(role: Role) -> Json:
    return _entry(
        role.title,
        right=f"{role.company} (via {role.agency})" if role.agency else role.company,
        sub=worded_span(role.start, role.end),
        summary=list(role.summary),
        bullets=list(role.tasks),
        skills=_skills(role.skills),
        **{
            "title-note": f"({role.employment_type})" if role.employment_type else None,
            "sub-right": role.location,
        },
    )


def _project(project: Project) -> Json:
    return _entry(
        project.title,
        right=worded_span(project.start, project.end) or None,
        link=_link(project.url, project.url_description) if project.url else None,
        lines=list(project.description),
        skills=_skills(project.skills),
    )


def _worded(month) -> str | None:
    return date_text(month, lambda m: m.label)


def _award(award: Award) -> Json:
    return _entry(award.title, right=_worded(award.date), sub=award.issuer,
                  lines=list(award.description))


def _volunteering(item: Volunteering) -> Json:
    return _entry(
        item.role or item.organization,
        right=item.organization if item.role else None,
        sub=worded_span(item.start, item.end) or None,
        summary=list(item.summary),
        bullets=list(item.tasks),
        **{"sub-right": item.location},
    )


def _publication(item: Publication) -> Json:
    return _entry(item.title, right=_worded(item.date), sub=item.publisher,
                  link=_link(item.url) if item.url else None, lines=list(item.description))


def _line(label: str | None, text: str) -> Json:
    return {"label": label, "text": text}


def _compact_lines(resume: Resume, section: Section) -> list[Json]:
    """Skills, languages and interests print as lines (``Cloud: AWS, GCP``), not entries."""
    if section is Section.SKILLS:
        return [_line(*skill_line(group.name, group.items)) for group in resume.skills]
    if section is Section.LANGUAGES:
        return [_line(None, language_line(lang.name, lang.level)) for lang in resume.languages]
    return [_line(None, ", ".join(resume.interests))]


def _header(name: str, details: list[str], links: list[Json], visa: str | None) -> Json:
    return {"name": name, "details": details, "links": links, "visa": visa}


_TYPST_PAPER = {"a4": "a4", "letter": "us-letter"}


def resume_data(resume: Resume, options: ExportOptions, look: str, paper: Paper) -> Json:
    """JSON for main.typ; ``resume`` must already be filtered (layout.prepare)."""
    personal = resume.personal
    contact = personal.contact if personal else None
    details: list[str] = []
    if contact and options.shows(PersonalBlock.CONTACT):
        details = [part for part in (contact.email, contact.phone, contact.location) if part]
    links: list[Json] = []
    visa = None
    if personal and options.shows(PersonalBlock.WEBSITES):
        links = [_link(url) for _kind, url in website_links(personal.websites)]
    if personal and personal.visa and options.shows(PersonalBlock.VISA):
        visa = visa_line(personal.visa.work_authorization, personal.visa.require_sponsorship)
    builders = {
        Section.EDUCATION: _degree,
        Section.CERTIFICATIONS: _certification,
        Section.WORK: _role,
        Section.PROJECTS: _project,
        Section.AWARDS: _award,
        Section.VOLUNTEERING: _volunteering,
        Section.PUBLICATIONS: _publication,
    }
    sections = []
    for section in section_order(resume, options):
        build = builders.get(section)
        if build is None:
            sections.append({"title": section.value, "entries": [],
                             "lines": _compact_lines(resume, section)})
        else:
            sections.append({"title": section.value, "lines": [],
                             "entries": [build(item) for item in section_items(resume, section)]})
    name = resume.name or ""
    return {
        "kind": "resume",
        "look": look,
        "paper": _TYPST_PAPER[paper],
        "lang": "en",
        "title": f"{name} - Resume" if name else "Resume",
        "author": [name] if name else [],
        "header": _header(name, details, links, visa or None),
        "banner": list(personal.banner) if personal and options.shows(PersonalBlock.BANNER) else [],
        "note": list(personal.note) if personal and options.shows(PersonalBlock.NOTE) else [],
        "sections": sections,
    }


def letter_data(letter: CoverLetter, look: str, paper: Paper) -> Json:
    details = [
        part for part in (letter.sender_email, letter.sender_phone, letter.sender_location) if part
    ]
    recipient = [
        part for part in (letter.recipient_name, letter.company, letter.company_location) if part
    ]
    return {
        "kind": "letter",
        "look": look,
        "paper": _TYPST_PAPER[paper],
        "lang": language_code(letter.language),
        "title": f"{letter.sender_name} - Cover letter to {letter.company}",
        "author": [letter.sender_name],
        "header": _header(letter.sender_name, details, [], None),
        "date": letter_date(letter),
        "recipient": recipient,
        "greeting": letter.greeting,
        "paragraphs": list(letter.paragraphs),
        "closing": letter.closing,
        "signature": letter.signature,
    }
