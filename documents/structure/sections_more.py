"""Skills, languages, interests, awards, volunteering and publications."""

from __future__ import annotations

import re

from pydantic import ValidationError

from documents.model import Award, Language, Publication, SkillGroup, Volunteering
from documents.structure.blocks import Numbered, entries, header_parts, paragraphs
from documents.structure.dates import as_month
from documents.structure.fields import is_location, join_state, org_score, title_score
from documents.structure.lines import bullet_text
from documents.structure.sections import Placed

_ITEM_SPLIT = re.compile(r"\s*[,;|•·●▪]\s*|\s{3,}")
_LABEL = re.compile(r"^([^:\d][^:]{0,30}):\s+(.+)$")


def _items(text: str) -> list[str]:
    return [item.strip(" .") for item in _ITEM_SPLIT.split(text) if item.strip(" .")]


_CELL_GAP = re.compile(r"[ \t]{3,}|\t")
_GAP = "   "  # what _ITEM_SPLIT reads as a gap between two items


def _cells(text: str) -> str:
    """Whitespace evened out inside each item, but a wide gap or a tab (a grid of skills laid
    out in columns) kept as the gap that separates two items."""
    return _GAP.join(" ".join(cell.split()) for cell in _CELL_GAP.split(text.strip()))


def _plain_lines(lines: list[Numbered]) -> list[tuple[set[int], str]]:
    """Lines without bullet marks, a short wrapped tail joined to the list it ends."""
    out: list[tuple[set[int], str]] = []
    for number, line in lines:
        text = _cells(bullet_text(line.text) or line.text)
        wraps = (out and len(_items(out[-1][1])) >= 2 and not out[-1][1].rstrip().endswith(",")
                 and len(text.split()) <= 3 and len(_items(text)) == 1 and ":" not in text)
        if wraps:
            out[-1] = (out[-1][0] | {number}, f"{out[-1][1]} {text}")
        else:
            out.append(({number}, text))
    return out


def read_skills(lines: list[Numbered]) -> Placed:
    placed = Placed()
    plain: list[str] = []
    groups: list[SkillGroup] = []
    for numbers, text in _plain_lines(lines):
        label = _LABEL.match(text)
        if label and _items(label[2]):
            groups.append(SkillGroup(name=label[1].strip(), items=tuple(_items(label[2]))))
        elif _items(text):
            plain += _items(text)
        else:
            continue
        placed.used |= numbers
    if plain:
        groups.insert(0, SkillGroup(items=tuple(plain)))
    placed.items = groups
    return placed


def read_languages(lines: list[Numbered]) -> Placed:
    placed = Placed()
    for numbers, text in _plain_lines(lines):
        for item in _items(text):
            match = re.fullmatch(r"(.+?)\s*(?:\((.+)\)|[:–—-]\s*(.+))", item)
            name, level = (match[1], match[2] or match[3]) if match else (item, None)
            try:
                placed.items.append(Language(name=name, level=level))
            except ValidationError:
                placed.leftover.append(item)
        placed.used |= numbers
    return placed


def read_interests(lines: list[Numbered]) -> Placed:
    placed = Placed()
    for numbers, text in _plain_lines(lines):
        placed.items += _items(text)
        placed.used |= numbers
    return placed


def read_awards(lines: list[Numbered]) -> Placed:
    placed = Placed()
    for number, line in lines:
        parts = header_parts([(number, line)])
        if not parts.fields:
            continue
        date = as_month(parts.span.end or parts.span.start) if parts.span else None
        issuer = parts.fields[1][1] if len(parts.fields) == 2 else None
        placed.items.append(Award(title=parts.fields[0][1], issuer=issuer, date=date))
        placed.used.add(number)
        placed.leftover += [text for _, text in parts.fields[2:]]
    return placed


def read_volunteering(lines: list[Numbered]) -> Placed:
    placed = Placed()
    for entry in entries(lines):
        parts = header_parts(entry.header)
        texts = join_state([text for _, text in parts.fields])
        location = next((text for text in texts if is_location(text)), None)
        rest = [text for text in texts if text != location]
        if not rest:
            continue
        if len(rest) >= 2 and title_score(rest[0]) - org_score(rest[0]) > \
                title_score(rest[1]) - org_score(rest[1]):
            role, organization = rest[0], rest[1]
        else:
            organization, role = rest[0], rest[1] if len(rest) >= 2 else None
        bullets, prose = paragraphs(entry.body)
        span = parts.span
        try:
            item = Volunteering(
                organization=organization, role=role, location=location,
                start=as_month(span.start or span.end) if span else None,
                end=as_month(span.end) if span and span.start else None,
                summary=tuple(prose), tasks=tuple(bullets))
        except ValidationError:
            continue
        placed.items.append(item)
        placed.used |= {number for number, _ in entry.header + entry.body}
        placed.leftover += rest[2:]
    return placed


def read_publications(lines: list[Numbered]) -> Placed:
    placed = Placed()
    for entry in entries(lines):
        parts = header_parts(entry.header)
        if not parts.fields:
            continue
        bullets, prose = paragraphs(entry.body)
        date = as_month(parts.span.end or parts.span.start) if parts.span else None
        extra = [text for _, text in parts.fields[1:]]
        placed.items.append(Publication(title=parts.fields[0][1], date=date,
                                        description=tuple(extra + prose + bullets)))
        placed.used |= {number for number, _ in entry.header + entry.body}
    return placed
