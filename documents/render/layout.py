"""Decisions every renderer shares: which items and sections appear, in what order, and how dates
and links read. Keeping them here makes the Word and PDF exports of one resume agree."""

from __future__ import annotations

from enum import StrEnum

from documents.inclusion import apply_export_filter
from documents.locale import Paper, long_date, paper_for
from documents.model import CoverLetter, Month, Resume, Websites
from documents.render.options import ExportOptions

PRESENT = "Present"


class Section(StrEnum):
    EDUCATION = "Education"
    CERTIFICATIONS = "Certifications"
    WORK = "Work History"
    PROJECTS = "Projects"
    SKILLS = "Skills"
    AWARDS = "Awards"
    PUBLICATIONS = "Publications"
    VOLUNTEERING = "Volunteering"
    LANGUAGES = "Languages"
    INTERESTS = "Interests"


# After experience and education, in the order recruiters look for them.
_SUPPORTING = (Section.SKILLS, Section.AWARDS, Section.PUBLICATIONS, Section.VOLUNTEERING,
               Section.LANGUAGES, Section.INTERESTS)


def section_items(resume: Resume, section: Section) -> tuple:
    """What a section lists. Interests are one item: the whole list, printed on one line."""
    return {
        Section.EDUCATION: resume.degrees,
        Section.CERTIFICATIONS: resume.certifications,
        Section.WORK: resume.roles,
        Section.PROJECTS: resume.projects,
        Section.SKILLS: resume.skills,
        Section.AWARDS: resume.awards,
        Section.PUBLICATIONS: resume.publications,
        Section.VOLUNTEERING: resume.volunteering,
        Section.LANGUAGES: resume.languages,
        Section.INTERESTS: (resume.interests,) if resume.interests else (),
    }[section]


def prepare(resume: Resume, options: ExportOptions) -> Resume:
    """The resume as exported: inclusion, date range and the projects switch applied."""
    filtered = apply_export_filter(resume, options.inclusion, options.date_range)
    if not options.include_projects and filtered.projects:
        filtered = filtered.model_copy(update={"projects": ()})
    return filtered


def section_order(resume: Resume, options: ExportOptions) -> list[Section]:
    """Non-empty sections in export order.

    The default follows the person: once they have roles, work history leads and education and
    certifications follow it; without roles (a student, a career changer with projects) education
    leads. `education_at_end` set to True or False overrides that; `projects_first` swaps work
    history and projects. Skills, awards, publications, volunteering, languages and interests
    come after both.
    """
    experience = [Section.WORK, Section.PROJECTS]
    if options.projects_first:
        experience.reverse()
    education = [Section.EDUCATION, Section.CERTIFICATIONS]
    education_at_end = options.education_at_end
    if education_at_end is None:
        education_at_end = bool(resume.roles)
    order = experience + education if education_at_end else education + experience
    return [section for section in (*order, *_SUPPORTING) if section_items(resume, section)]


def _span(start: Month | None, end: Month | None, show) -> str:
    if start is None:
        return show(end) if end is not None else ""
    return f"{show(start)} - {show(end) if end is not None else PRESENT}"


def numeric_span(start: Month | None, end: Month | None) -> str:
    """``04/2020 - 03/2022`` or ``04/2020 - Present`` (an item without an end is ongoing)."""
    return _span(start, end, str)


def worded_span(start: Month | None, end: Month | None) -> str:
    """``April 2020 - March 2022`` or ``April 2020 - Present``."""
    return _span(start, end, lambda month: month.label)


def date_text(month: Month | None, show=str) -> str | None:
    """One date as a renderer prints it (a year alone prints as the year)."""
    return show(month) if month is not None else None


def skill_line(name: str | None, items: tuple[str, ...]) -> tuple[str | None, str]:
    """(label, text) of a skill group: ``("Cloud", "AWS, GCP")``; no label when unnamed."""
    return name, ", ".join(items)


def language_line(name: str, level: str | None) -> str:
    return f"{name}: {level}" if level else name


def is_web_link(url: str) -> bool:
    # Only web and mail addresses become clickable; anything else (javascript:, file:) stays text.
    return url.lower().startswith(("https://", "http://", "mailto:"))


def link_label(url: str) -> str:
    """What a link shows: the address without its scheme and trailing slash."""
    for scheme in ("https://", "http://", "mailto:"):
        if url.lower().startswith(scheme):
            url = url[len(scheme):]
            break
    return url.rstrip("/") or url


def website_links(websites: Websites | None) -> list[tuple[str, str]]:
    """(kind, url) pairs in canonical order: GitHub, LinkedIn, Website, Twitter."""
    if websites is None:
        return []
    pairs = [
        ("GitHub", websites.github),
        ("LinkedIn", websites.linkedin),
        ("Website", websites.website),
        ("Twitter", websites.twitter),
    ]
    return [(kind, url) for kind, url in pairs if url]


def visa_line(work_authorization: str | None, require_sponsorship: bool | None) -> str:
    parts = []
    if work_authorization:
        parts.append(f"Work authorization: {work_authorization}")
    if require_sponsorship is not None:
        parts.append("Requires sponsorship" if require_sponsorship else "No sponsorship required")
    return " | ".join(parts)


def letter_date(letter: CoverLetter) -> str:
    """``March 14, 2026``, ``14 mars 2026``: in the letter's language."""
    return long_date(letter.date, letter.language)


def resume_paper(resume: Resume, options: ExportOptions) -> Paper:
    """The options' paper; "auto" here (no job given) follows the person's own location."""
    contact = resume.personal.contact if resume.personal else None
    return paper_for(options.paper, own_location=contact.location if contact else None)


def letter_paper(letter: CoverLetter, paper: Paper | None = None) -> Paper:
    """The given paper, else the one of the company's country or the letter's language."""
    return paper or paper_for(job_location=letter.company_location, job_language=letter.language,
                              own_location=letter.sender_location)
