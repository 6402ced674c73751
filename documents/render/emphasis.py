"""Which stretches of a line to emphasise: a role's skills inside its bullets, and the inline
``**bold**`` / ``*italic*`` a person may write in their banner. Plain pattern matching: no
language model, no NLP downloads."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Piece:
    text: str
    bold: bool = False
    italic: bool = False


def _skill_pattern(skills: Iterable[str]) -> re.Pattern[str] | None:
    # Longest first, so "Apache Spark" wins over "Spark"; words may be split by any whitespace.
    # Lookarounds instead of \b so skills that end in symbols ("C++", "C#", ".NET") still match
    # only as whole words.
    alternatives = sorted(
        {r"\s+".join(map(re.escape, skill.split())) for skill in skills if skill.split()},
        key=len,
        reverse=True,
    )
    if not alternatives:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def mark_skills(text: str, skills: Iterable[str]) -> list[Piece]:
    """``text`` cut into pieces, the ones naming a skill (whole words, any case) in bold."""
    pattern = _skill_pattern(skills)
    if pattern is None:
        return [Piece(text)]
    pieces: list[Piece] = []
    cursor = 0
    for match in pattern.finditer(text):
        if match.start() > cursor:
            pieces.append(Piece(text[cursor:match.start()]))
        pieces.append(Piece(match.group(0), bold=True))
        cursor = match.end()
    if cursor < len(text):
        pieces.append(Piece(text[cursor:]))
    return pieces


_INLINE = re.compile(r"\*\*(?P<bold>[^*]+?)\*\*|\*(?P<italic>[^*\s][^*]*?)\*")


def inline_markdown(text: str) -> list[Piece]:
    """``**bold**`` and ``*italic*`` honoured; every other character kept literally."""
    pieces: list[Piece] = []
    cursor = 0
    for match in _INLINE.finditer(text):
        if match.start() > cursor:
            pieces.append(Piece(text[cursor:match.start()]))
        if match.group("bold") is not None:
            pieces.append(Piece(match.group("bold"), bold=True))
        else:
            pieces.append(Piece(match.group("italic"), italic=True))
        cursor = match.end()
    if cursor < len(text):
        pieces.append(Piece(text[cursor:]))
    return pieces
