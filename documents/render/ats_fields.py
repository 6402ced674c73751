"""What an applicant tracking system must read back from an export: the fields of the resume as
the renderer printed them (after the same inclusion, date range and section order), grouped by
item so the check can tell a field that drifted into another item from one that is missing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from documents.model import Resume
from documents.render.layout import Section, numeric_span, prepare, section_order, worded_span
from documents.render.options import ExportOptions, PersonalBlock

# The file as rendered: a PDF (either look), or a Word file in one of its layouts.
Rendering = Literal["pdf", "docx-ats", "docx-plain"]


@dataclass(frozen=True)
class Field:
    label: str  # what it is, for the person: 'Work History 1: title'
    text: str  # the words as the renderer printed them
    in_sequence: bool = False  # bullets keep their order inside their item


@dataclass(frozen=True)
class Item:
    fields: tuple[Field, ...]


def rendering_of(fmt: str, options: ExportOptions) -> Rendering:
    return "pdf" if fmt == "pdf" else ("docx-plain" if options.word_layout == "plain"
                                       else "docx-ats")


def expected_items(resume: Resume, options: ExportOptions, rendering: Rendering) -> list[Item]:
    """The header, then every exported item of every section, in the renderer's order."""
    exported = prepare(resume, options)
    # The ATS Word layout prints numeric dates (04/2020); the PDF and plain Word print words.
    span = numeric_span if rendering == "docx-ats" else worded_span
    items = [_header(exported, options)]
    for section in section_order(exported, options):
        for number, item in enumerate(_section_items(exported, section), start=1):
            fields = tuple(
                Field(f"{section.value} {number}: {what}", text, what.startswith(("bullet",
                                                                                   "line")))
                for what, text in _fields(section, item, span) if text
            )
            if fields:
                items.append(Item(fields))
    return [item for item in items if item.fields]


def _header(resume: Resume, options: ExportOptions) -> Item:
    contact = resume.personal.contact if resume.personal else None
    if contact is None:
        return Item(())
    fields = [Field("name", contact.name)]
    if options.shows(PersonalBlock.CONTACT):
        fields += [Field(what, text) for what, text in (("email", contact.email),
                                                         ("phone", contact.phone)) if text]
    return Item(tuple(fields))


def _section_items(resume: Resume, section: Section) -> tuple:
    return {
        Section.EDUCATION: resume.degrees,
        Section.CERTIFICATIONS: resume.certifications,
        Section.WORK: resume.roles,
        Section.PROJECTS: resume.projects,
        Section.SKILLS: resume.skills,
        Section.AWARDS: resume.awards,
        Section.PUBLICATIONS: resume.publications,
        Section.VOLUNTEERING: resume.volunteering,
    }.get(section, ())


def _fields(section: Section, item, span) -> list[tuple[str, str | None]]:
    if section is Section.WORK:
        return [("title", item.title), ("company", item.company),
                ("dates", span(item.start, item.end)),
                *((f"bullet {n}", task) for n, task in enumerate(item.tasks, start=1))]
    if section is Section.EDUCATION:
        studies = ", ".join(part for part in (item.degree, item.major) if part)
        return [("school", item.school), ("degree", studies), ("dates", span(item.start, item.end))]
    if section is Section.PROJECTS:
        return [("title", item.title), ("dates", span(item.start, item.end)),
                *((f"line {n}", line) for n, line in enumerate(item.description, start=1))]
    if section is Section.VOLUNTEERING:
        return [("organization", item.organization), ("role", item.role),
                ("dates", span(item.start, item.end)),
                *((f"bullet {n}", task) for n, task in enumerate(item.tasks, start=1))]
    if section is Section.SKILLS:
        return [("skills", ", ".join(item.items))]
    if section is Section.CERTIFICATIONS:
        return [("name", item.name)]
    return [("title", item.title)]  # awards and publications
