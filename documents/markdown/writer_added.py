"""The sections Tailor adds to the format, in canonical form (docs/resume-format.md)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

from documents.markdown.tree import escape_text
from documents.model import Award, Month, Publication, Resume, Volunteering
from documents.section_names import (
    AWARDS,
    INTERESTS,
    LANGUAGES,
    PUBLICATIONS,
    SKILLS,
    VOLUNTEERING,
    canonical_heading,
)


class Chunks(Protocol):
    def block(self, heading: str, body: str) -> None: ...

    def heading(self, heading: str) -> None: ...

    def text(self, body: str) -> None: ...


Fields = Callable[[Iterable[tuple[str, str | Month | None]]], str]


def _items(items: Iterable[str]) -> str:
    return "\n".join(f"* {item}" for item in items)


def _text(lines: Iterable[str]) -> str:
    return "\n".join(escape_text(line) for line in lines)


def _award(award: Award, fields: Fields, out: Chunks) -> None:
    out.block("## Award", fields([("Title", award.title), ("Issuer", award.issuer),
                                  ("Date", award.date)]))
    out.block("### Description", _text(award.description))


def _volunteering(item: Volunteering, fields: Fields, out: Chunks) -> None:
    out.block("## Volunteering", fields([
        ("Organization", item.organization), ("Role", item.role), ("Location", item.location),
        ("Start date", item.start), ("End date", item.end)]))
    out.block("### Summary", _text(item.summary))
    out.block("### Responsibilities", _items(item.tasks))


def _publication(item: Publication, fields: Fields, out: Chunks) -> None:
    out.block("## Publication", fields([
        ("Title", item.title), ("Publisher", item.publisher), ("Date", item.date),
        ("Url", item.url)]))
    out.block("### Description", _text(item.description))


def write_added_sections(resume: Resume, fields: Fields, out: Chunks) -> None:
    """Skills, Languages, Awards, Volunteering, Publications, Interests, each when non-empty."""
    if resume.skills:
        out.heading(f"# {canonical_heading(SKILLS)}")
        for group in resume.skills:
            if group.name is None:  # the model keeps an unnamed group first
                out.text(_items(group.items))
            else:
                out.block(f"## {group.name}", _items(group.items))
    if resume.languages:
        out.block(f"# {canonical_heading(LANGUAGES)}", _items(
            f"{language.name}: {language.level}" if language.level else language.name
            for language in resume.languages))
    for section, items, write in (
        (AWARDS, resume.awards, _award),
        (VOLUNTEERING, resume.volunteering, _volunteering),
        (PUBLICATIONS, resume.publications, _publication),
    ):
        if items:
            out.heading(f"# {canonical_heading(section)}")
            for item in items:
                write(item, fields, out)
    if resume.interests:
        out.block(f"# {canonical_heading(INTERESTS)}", _items(resume.interests))
