"""Entries of each section to the resume model's items; what does not fit is left unplaced."""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import ValidationError

from documents.model import Certification, Degree, Project, Role
from documents.structure.blocks import Numbered, entries, header_parts, paragraphs
from documents.structure.dates import Span, as_month, find_span
from documents.structure.fields import (
    degree_prefix,
    is_degree,
    is_location,
    is_school,
    join_state,
    org_score,
    title_score,
)
from documents.structure.lines import URL, bullet_text


@dataclass
class Placed:
    """Items read from one section, and the numbers of the lines they used."""

    items: list = field(default_factory=list)
    used: set[int] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    leftover: list[str] = field(default_factory=list)  # pieces of used lines not placed


def read_roles(lines: list[Numbered]) -> Placed:
    placed = Placed()
    # A section with no date anywhere (a template, a student's jobs) has roles without dates;
    # in a dated section an entry without dates is more likely a misread, and is listed.
    undated_section = not any(find_span(line.text) for _, line in lines)
    for entry in entries(lines):
        header = list(entry.header)
        body = list(entry.body)
        parts = header_parts(header)
        if len([f for f in parts.fields]) < 2 and body and _promotable(body[0]):
            # "Mar 2021 - Present" then "• Staff Engineer, Globex": the first bullet is the header.
            header.append(body.pop(0))
            parts = header_parts(header)
        texts = join_state([text for _, text in parts.fields])
        location = next((text for text in texts if is_location(text)), None)
        rest = [text for text in texts if text != location]
        undated = parts.span is None and undated_section and len(rest) == 2 and bool(body)
        if len(rest) < 2 or (parts.span is None and not undated):
            placed.notes.append(_why_not("role", rest, parts.span is None))
            continue
        texts = {number: bullet_text(line.text) or line.text for number, line in header}
        title, company, rest = _title_and_company(parts.fields, rest, texts)
        start = as_month(parts.span.start or parts.span.end) if parts.span else None
        end = None if parts.span is None or parts.span.open_end else as_month(parts.span.end)
        if not undated and (start is None or (end is None and not parts.span.open_end)):
            placed.notes.append(f"the dates '{parts.span.text}' of {title} at {company} cannot "
                                "be stored as written")
            continue
        bullets, prose = paragraphs(body)
        if not bullets and len(prose) >= 2:
            # One sentence per line and no bullet marks: the lines are the achievements.
            bullets, prose = prose, []
        summary = ([parts.trailing] if parts.trailing else []) + prose
        try:
            role = Role(company=company, title=title, start=start, end=end, location=location,
                        summary=tuple(summary), tasks=tuple(bullets))
        except ValidationError as error:
            placed.notes.append(f"{title} at {company}: {error.errors()[0]['msg']}")
            continue
        placed.items.append(role)
        placed.used |= {number for number, _ in header + body}
        placed.leftover += [text for text in rest if text not in (title, company)
                            and text not in title.split(", ")]
    return placed


def _title_and_company(
    fields: list[tuple[int, str]], rest: list[str], texts: dict[int, str]
) -> tuple[str, str, list[str]]:
    """The two pieces that are the job title and the organisation, and all that is left.

    "Staff Engineer, Platform" over "Northwind Systems": when the title's line has more pieces
    and another header line starts with an organisation, the title is its whole line."""
    lines: dict[int, list[str]] = {}
    for number, text in fields:
        if text in rest:
            lines.setdefault(number, []).append(text)
    if len(lines) >= 2:
        first, second = list(lines.values())[:2]
        if len(first) >= 2 and title_score(", ".join(first)) > org_score(", ".join(first)) \
                and title_score(second[0]) <= org_score(second[0]):
            line = texts[next(iter(lines))]
            start = line.find(first[0])
            end = line.find(first[-1], start) + len(first[-1])
            if start >= 0 and end > start:
                return line[start:end], second[0], rest
    ranked = sorted(rest[:2], key=lambda t: title_score(t) - org_score(t), reverse=True)
    if title_score(rest[0]) - org_score(rest[0]) == title_score(rest[1]) - org_score(rest[1]):
        ranked = rest[:2]
    return ranked[0], ranked[1], rest


def _promotable(line: Numbered) -> bool:
    text = bullet_text(line[1].text) or line[1].text
    return len(text.split()) <= 10 and not text.rstrip().endswith(".") and (
        "," in text or " | " in text or " — " in text or " – " in text or " at " in text)


def _why_not(what: str, fields: list[str], no_date: bool) -> str:
    shown = "; ".join(fields) or "(no header)"
    reason = "no dates" if no_date else "title and organisation could not be told apart"
    return f"a {what} was not read ({reason}): {shown}"


def read_degrees(lines: list[Numbered]) -> Placed:
    """Education lines in order: a second school or degree starts the next entry."""
    placed = Placed()
    found: list[tuple[dict[str, str], set[int], Span | None]] = []
    current: dict[str, str] = {}
    used: set[int] = set()
    span: Span | None = None
    for number, line in lines:
        if bullet_text(line.text) is not None:
            continue  # honours and coursework under a degree have no place in it
        parts = header_parts([(number, line)])
        if parts.span is not None and span is not None:
            found.append((current, used, span))
            current, used, span = {}, set(), None
        degree_here = False
        pieces: list[str] = []
        for _, text in parts.fields:
            split = degree_prefix(text)
            pieces += list(split) if split else [text]
        for text in pieces:
            kind = _education_kind(text)
            if kind in ("school", "degree") and kind in current:
                found.append((current, used, span))
                current, used, span = {}, set(), None
            if kind == "other" and degree_here and "major" not in current:
                kind = "major"  # "Associate degree, H.R. Management": the subject follows
            degree_here = degree_here or kind == "degree"
            current.setdefault(kind, text)
            used.add(number)
        if parts.span is not None:
            span = parts.span
            used.add(number)
    found.append((current, used, span))
    for values, numbers, dates in found:
        if "school" not in values and "degree" in values and "other" in values:
            values["school"] = values.pop("other")
        if "school" not in values:
            if values:
                placed.notes.append("an education entry without a school was not read: "
                                    + "; ".join(values.values()))
            continue
        start = as_month(dates.start) if dates else None
        end = as_month(dates.end) if dates else None
        try:
            degree = Degree(school=values["school"], degree=values.get("degree"),
                            major=values.get("major"), start=start, end=end)
        except ValidationError:
            continue
        placed.items.append(degree)
        placed.used |= numbers
    return placed


def _education_kind(text: str) -> str:
    if is_school(text):
        return "school"
    if is_degree(text):
        return "degree"
    return "location" if is_location(text) else "other"


def read_projects(lines: list[Numbered]) -> Placed:
    placed = Placed()
    for entry in entries(lines):
        parts = header_parts(entry.header)
        bullets, prose = paragraphs(entry.body)
        if not parts.fields or not (bullets or prose):
            continue
        title = parts.fields[0][1]
        url = next((text for _, text in parts.fields[1:] if URL.fullmatch(text)), None)
        start = as_month(parts.span.start) if parts.span else None
        end = as_month(parts.span.end) if parts.span else None
        try:
            project = Project(title=title, url=url, start=start, end=end,
                              description=tuple(prose + bullets))
        except ValidationError:
            continue
        placed.items.append(project)
        placed.used |= {number for number, _ in entry.header + entry.body}
    return placed


def read_certifications(lines: list[Numbered]) -> Placed:
    placed = Placed()
    for number, line in lines:
        parts = header_parts([(number, line)])
        if not parts.fields:
            continue
        name = parts.fields[0][1]
        span = parts.span
        issued = as_month(span.end or span.start) if span else None
        try:
            placed.items.append(Certification(name=name, issued=issued))
        except ValidationError:
            continue
        placed.used.add(number)
        placed.leftover += [text for _, text in parts.fields[1:]]
    return placed
