"""One line of the source with what the importer knew about its look, and line-level tests."""

from __future__ import annotations

import re
from dataclasses import dataclass

BULLETS = "•●▪■◦○‣∙·*-–—➢➤►▶✓✔❖◆◇□➔→"
_BULLET = re.compile(
    r"^\s*[" + re.escape(BULLETS) + r"]\s+|^\s*[•●▪■◦○‣∙➢➤►▶✓✔❖◆◇□➔→]|^\s*\d{1,2}[.)]\s+(?=\D)"
)
# "J O R D A N  R E Y E S": single letters separated by spaces, words by two or more.
_LETTER_SPACED = re.compile(r"^(?:\S ){2,}\S(?:\s{2,}(?:\S ?)+)*$")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w/])\+?\(?\d[\d ().\-\u2010\u2011\u2013]{6,}\d(?![\w/])")
URL = re.compile(
    r"(?:https?://)?(?:www\.)?(?:[\w-]+\.)+(?:com|org|net|io|dev|me|co|ai|app|info|edu|de|uk)"
    r"(?:/[^\s|,;]*)?", re.IGNORECASE,
)


@dataclass(frozen=True)
class SourceLine:
    """A line of extracted text; the hints are None when the importer could not tell."""

    text: str
    size: float | None = None
    bold: bool | None = None
    style: str | None = None  # a DOCX paragraph style name ("Heading 1", "List Bullet")


def bullet_text(text: str) -> str | None:
    """The text after a leading bullet marker, or None when the line is not a bullet."""
    match = _BULLET.match(text)
    if match is None:
        return None
    rest = " ".join(text[match.end():].split())
    return rest or None


def is_bullet(line: SourceLine) -> bool:
    if line.style and "list" in line.style.casefold():
        return True
    return bullet_text(line.text) is not None


def collapse_letter_spacing(text: str) -> str:
    """"J O R D A N  R E Y E S" -> "JORDAN REYES"; other text unchanged."""
    stripped = text.strip()
    if not _LETTER_SPACED.fullmatch(stripped):
        return stripped
    words = re.split(r"\s{2,}", stripped)
    return " ".join(word.replace(" ", "") for word in words)


def is_contact_line(text: str) -> bool:
    return bool(EMAIL.search(text) or PHONE.search(text) or URL.search(text))


def split_fields(text: str) -> list[str]:
    """A header line cut at the separators people put between title, company, place, dates."""
    parts = re.split(r"\s+[|·•‖]\s+|\s*\|\s*|\s+[—–]\s+|\s+-\s+|\t+|\s{3,}", text)
    return [" ".join(part.strip(" ,;").split()) for part in parts if part.strip(" ,;")]


WIDE_GAP = re.compile(r"\s{3,}")


def trailing_segment(text: str) -> tuple[str, str] | None:
    """(text before, text after) a wide gap at the right: a right-aligned date or place."""
    parts = WIDE_GAP.split(text.strip())
    if len(parts) < 2:
        return None
    return "   ".join(parts[:-1]), parts[-1]
