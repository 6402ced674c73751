"""Decisions every renderer shares: which items and sections appear, in what order, and how dates
and links read. Keeping them here makes the Word and PDF exports of one resume agree."""

from __future__ import annotations

from enum import StrEnum

from documents.inclusion import apply_export_filter
from documents.model import CoverLetter, Month, Resume, Websites
from documents.render.options import ExportOptions

PRESENT = "Present"


class Section(StrEnum):
    EDUCATION = "Education"
    CERTIFICATIONS = "Certifications"
    WORK = "Work History"
    PROJECTS = "Projects"


def prepare(resume: Resume, options: ExportOptions) -> Resume:
    """The resume as exported: inclusion, date range and the projects switch applied."""
    filtered = apply_export_filter(resume, options.inclusion, options.date_range)
    if not options.include_projects and filtered.projects:
        filtered = filtered.model_copy(update={"projects": ()})
    return filtered


def section_order(resume: Resume, options: ExportOptions) -> list[Section]:
    """Non-empty sections in export order (education first unless asked for at the end)."""
    experience = [Section.WORK, Section.PROJECTS]
    if options.projects_first:
        experience.reverse()
    education = [Section.EDUCATION, Section.CERTIFICATIONS]
    order = experience + education if options.education_at_end else education + experience
    present = {
        Section.EDUCATION: bool(resume.degrees),
        Section.CERTIFICATIONS: bool(resume.certifications),
        Section.WORK: bool(resume.roles),
        Section.PROJECTS: bool(resume.projects),
    }
    return [section for section in order if present[section]]


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
    """``March 14, 2026``."""
    return f"{letter.date:%B} {letter.date.day}, {letter.date.year}"
