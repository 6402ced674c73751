"""A section's lines cut into entries: header lines (title, organisation, dates) and a body."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from documents.structure.dates import Span, find_span, is_only_date
from documents.structure.fields import is_location, org_score, title_score
from documents.structure.lines import (
    SourceLine,
    bullet_text,
    is_bullet,
    split_fields,
    trailing_segment,
)

Numbered = tuple[int, SourceLine]
MAX_HEADER_WORDS = 14
SHORT_HEADER_WORDS = 8
WRAP_SHARE = 0.8
_TERMINAL = (".", "!", "?", ";")


@dataclass
class Entry:
    header: list[Numbered] = field(default_factory=list)
    body: list[Numbered] = field(default_factory=list)

    @property
    def has_date(self) -> bool:
        return any(find_span(line.text) for _, line in self.header)


def is_header_like(line: SourceLine) -> bool:
    if is_bullet(line):
        return False
    text = line.text.strip()
    if find_span(text):
        return True
    return len(text.split()) <= MAX_HEADER_WORDS and not text.endswith(_TERMINAL)


def entries(lines: list[Numbered]) -> list[Entry]:
    """Consecutive header-like lines open an entry; bullets and prose after them are its body."""
    kept = [(number, line) for number, line in lines if line.text.strip()]
    section_dated = any(find_span(line.text) for _, line in kept)
    out: list[Entry] = []
    for index, (number, line) in enumerate(kept):
        current = out[-1] if out else None
        dated = find_span(line.text) is not None
        complete = current is not None and not current.body and _complete(current) \
            and not _organisation_line(line)
        opens = is_header_like(line) and not _continues(current, line) and (
            dated or not complete)
        if opens and not dated and current is not None and current.body and section_dated:
            # After a body, an undated line opens the next entry only if it is short, like a
            # title or an organisation, and its dates follow, or it heads bullets of its own
            # ("Camp Counsellor", "Lakeview Camp", then bullets: an entry the file gave no
            # dates, to be listed, not glued onto the bullet before it).
            later = kept[index + 1:index + 3]
            opens = len(line.text.split()) <= SHORT_HEADER_WORDS and (
                any(find_span(after.text) for _, after in later) or _heads_bullets(line, later))
        if opens and _wrapped_prose(line, kept[index + 1:index + 2]):
            opens = False
        if opens:
            if (current is None or current.body or len(current.header) >= 3
                    or (dated and current.has_date)):
                out.append(Entry())
            out[-1].header.append((number, line))
        else:
            if current is None:
                out.append(current := Entry())
            moved = _right_aligned_date(current, number, line)
            current.body.append((number, moved))
    return out


def _heads_bullets(line: SourceLine, later: list[Numbered]) -> bool:
    """A capitalised short line, then another short line, then a bullet: a header block."""
    if len(later) < 2 or not line.text.strip()[:1].isupper():
        return False
    (_, second), (_, third) = later
    return (not is_bullet(second) and len(second.text.split()) <= SHORT_HEADER_WORDS
            and second.text.strip()[:1].isupper() and is_bullet(third))


def _organisation_line(line: SourceLine) -> bool:
    """"Northwind Systems   Remote" under "Staff Engineer, Platform   2024": still the header."""
    pieces = split_fields(line.text)
    return len(line.text.split()) <= 6 and bool(pieces) and (
        org_score(pieces[0]) > 0 and title_score(pieces[0]) == 0
        or len(pieces) == 2 and is_location(pieces[1]))


def _wrapped_prose(line: SourceLine, following: list[Numbered]) -> bool:
    text = line.text.rstrip()
    if find_span(text):
        return False
    return text.endswith("-") or bool(following and following[0][1].text.strip()[:1].islower())


def _right_aligned_date(entry: Entry, number: int, line: SourceLine) -> SourceLine:
    """A date set flush right beside a role's first bullet belongs to the role's header."""
    if entry.has_date or not entry.header:
        return line
    split = trailing_segment(line.text)
    if split is None or not is_only_date(split[1]):
        return line
    entry.header.append((number, SourceLine(split[1])))
    return SourceLine(split[0], line.size, line.bold, line.style)


def _continues(entry: Entry | None, line: SourceLine) -> bool:
    """A wrapped line of prose or of a bullet: the body line before it did not end a sentence."""
    if entry is None or not entry.body:
        return False
    before = entry.body[-1][1].text.strip()
    text = line.text.strip()
    return not before.endswith(_TERMINAL) and (text[:1].islower() or text[:1].isdigit()) \
        and find_span(text) is None


def _complete(entry: Entry) -> bool:
    """A header with its dates and at least two pieces: further plain lines are its body."""
    return entry.has_date and len(header_parts(entry.header).fields) >= 2


def paragraphs(body: list[Numbered]) -> tuple[list[str], list[str]]:
    """(bullets, prose paragraphs) with wrapped lines joined back."""
    bullets: list[str] = []
    prose: list[str] = []
    last: list[str] | None = None
    widest = max((len(line.text.strip()) for _, line in body), default=0)
    previous_width = 0
    for _, line in body:
        text = " ".join(line.text.split())
        marked = bullet_text(text)
        # A line that stops well short of the widest one ended there on purpose: the next
        # line starting with a capital is a new sentence, not the rest of this one.
        wrapped = previous_width >= WRAP_SHARE * widest or text[:1].islower() or \
            text[:1].isdigit()
        previous_width = len(line.text.strip())
        if marked is not None or (line.style and "list" in line.style.casefold()):
            bullets.append(marked if marked is not None else text)
            last = bullets
        elif last is not None and last and not last[-1].endswith(_TERMINAL) and wrapped:
            last[-1] = join_wrapped(last[-1], text)
        else:
            prose.append(text)
            last = prose
    return bullets, prose


def join_wrapped(before: str, after: str) -> str:
    # "incident-" + "response" keeps its hyphen: the file shows one, and it may be meant.
    return before + after if before.endswith("-") else f"{before} {after}"


@dataclass(frozen=True)
class HeaderParts:
    fields: list[tuple[int, str]]  # (line number, text) in reading order
    span: Span | None
    trailing: str | None  # prose after the dates on a header line ("(2021 - Present) Leads...")


def header_parts(header: list[Numbered]) -> HeaderParts:
    fields: list[tuple[int, str]] = []
    span: Span | None = None
    trailing: str | None = None
    for number, line in header:
        text = bullet_text(line.text) or line.text.strip()
        found = find_span(text) if span is None else None
        if found is not None:
            span = found
            before, _, after = text.partition(found.text)
            after = after.strip(" )|,;·–—-")
            # Prose after the dates ("(2021 - Present) Leads the guild."), not a title.
            if after[:1].isupper() and (after.endswith(_TERMINAL) or len(after.split()) > 10):
                trailing, after = after, ""
            text = f"{before.rstrip(' (|,;·–—-')} | {after}" if after else before
        for part in split_fields(text.strip(" (|,;·–—-")):
            fields += [(number, piece) for piece in _comma_split(part)]
    return HeaderParts(fields, span, trailing)


def _comma_split(part: str) -> list[str]:
    pieces = [piece.strip() for piece in re.split(r",\s+|\s+at\s+|\s+@\s+", part)]
    return [piece for piece in pieces if piece]
