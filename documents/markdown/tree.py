"""Lines -> a tree of headed blocks (RESUME_FORMAT.md section 1), plus the escaping rule.

Escaping: a text line that would be misread (one that starts with `#`, which reads as a heading,
or with `* ` / `- `, which reads as a task bullet in Responsibilities) is written with one extra
leading backslash; the reader removes exactly one backslash from a text line that starts with
backslashes followed by such a start. Lines that already start with backslashes before one of
those starts get one more, so every text line survives a round trip. List items and key/value
values are never escaped: their line already starts with a bullet or a label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from documents.text import clean_text

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_HEADING = re.compile(r"(#+) (.*)")
_NEEDS_ESCAPE = re.compile(r"\\*(#|[*-] )")
_ESCAPED = re.compile(r"\\+(#|[*-] )")
_BULLET = re.compile(r"[*-] (.*)")


@dataclass(frozen=True)
class BodyLine:
    number: int
    text: str  # stripped, never empty


@dataclass
class Block:
    """One heading and what follows it up to the next heading of the same or a higher level."""

    level: int
    title: str
    line: int
    body: list[BodyLine] = field(default_factory=list)
    children: list[Block] = field(default_factory=list)

    @property
    def key(self) -> str:
        return normalize_key(self.title)

    @property
    def heading(self) -> str:
        return f"{'#' * self.level} {self.title}"

    @property
    def has_content(self) -> bool:
        return bool(self.body or self.children)


def normalize_key(text: str) -> str:
    """Titles and labels match trimmed, case-insensitively, with runs of spaces as one."""
    return " ".join(text.split()).casefold()


def split_lines(text: str) -> list[str]:
    if text.startswith("\ufeff"):
        text = text[1:]
    return _LINE_BREAK.split(text)


def heading_of(line: str) -> tuple[int, str] | None:
    """(level, title) when a stripped line is a heading: `#`s, one space, a title."""
    match = _HEADING.fullmatch(line)
    if match is None or not match[2].strip():
        return None
    return len(match[1]), match[2].strip()


def build_tree(text: str) -> list[Block]:
    """The level-1 blocks with everything nested under them.

    Text and headings before the first level-1 heading are dropped (section 1). A heading is
    nested under the nearest open heading of a lower level, so a skipped level still nests.
    """
    roots: list[Block] = []
    stack: list[Block] = []
    for number, raw in enumerate(split_lines(text), start=1):
        # Control characters never reach a field (documents/text.py); a line of nothing else
        # is a blank line, not an item that would be empty once cleaned.
        line = clean_text(raw).strip()
        if not line:
            continue
        heading = heading_of(line)
        if heading is not None:
            level, title = heading
            if level == 1:
                stack = [Block(level, title, number)]
                roots.append(stack[0])
                continue
            if not stack:
                continue
            while stack[-1].level >= level:
                stack.pop()
            block = Block(level, title, number)
            stack[-1].children.append(block)
            stack.append(block)
            continue
        if stack:
            stack[-1].body.append(BodyLine(number, line))
    return roots


def unescape_text(line: str) -> str:
    return line[1:] if _ESCAPED.match(line) else line


def escape_text(line: str) -> str:
    return "\\" + line if _NEEDS_ESCAPE.match(line) else line


def bullet_item(line: str) -> str | None:
    """The item text of a `* ` or `- ` line, or None when the line is not a list item."""
    match = _BULLET.fullmatch(line)
    if match is None or not match[1].strip():
        return None
    return match[1].strip()
