"""What an importer hands back, and the text normalisation every importer shares."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

DocumentKind = Literal["pdf", "docx", "markdown", "text", "json"]

_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+$", re.MULTILINE)
_BLANK_RUN = re.compile(r"\n{3,}")
# Control characters other than tab and newline only ever come from broken encodings or fonts.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Typographic ligatures (from PDF fonts) spelled out, so "efficiency" matches what people type.
# Hyphen and non-breaking hyphen are drawn like "-" (phone numbers "555\u20100100" included);
# an undrawn soft hyphen only marks where a word may break.
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-", "\u00ad": None})
_LIGATURES = str.maketrans({
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st",
})


@dataclass(frozen=True)
class ExtractedText:
    """Clean plain text from one uploaded file.

    `kind` tells the caller how to read the text (our Markdown, JSON Resume, free text); `pages` is
    set for PDFs; `warnings` say what was left out on purpose (hidden text, icon glyphs).
    """

    text: str
    kind: DocumentKind
    pages: int | None = None
    warnings: list[str] = field(default_factory=list)
    # Paragraph styles of a Word file by line text ("Heading1", "List"): hints for the structurer.
    line_styles: dict[str, str] = field(default_factory=dict)


def normalise_text(text: str) -> str:
    """`\\n` line ends, no BOM, no trailing spaces, at most one blank line in a row."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\ufeff", "")
    text = unicodedata.normalize("NFC", text).translate(_LIGATURES).translate(_HYPHENS)
    text = _CONTROL.sub("", text)
    text = _TRAILING_SPACE.sub("", text)
    text = _BLANK_RUN.sub("\n\n", text)
    return text.strip("\n") + "\n" if text.strip() else ""
