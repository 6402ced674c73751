"""`CoverLetter` -> Markdown for download or preview.

Lines of the address blocks end with two spaces, Markdown's hard line break, so they render
on separate lines and still read cleanly as plain text. A line that Markdown would read as a
heading, list item, quote or rule gets a leading backslash, so letter text stays text.
"""

from __future__ import annotations

import re

from documents.locale import long_date
from documents.model import CoverLetter

# Headings, quotes, list items (`- `, `1. `), and lines that are only rule or underline marks.
_MARKUP_START = re.compile(r"(#|>|[-*+](\s|$)|\d+[.)](\s|$))|[-*_=\s]+$")
_HARD_BREAK = "  \n"


def _literal(line: str) -> str:
    return "\\" + line if _MARKUP_START.match(line) else line


def _address(lines: list[str | None]) -> str:
    return _HARD_BREAK.join(_literal(line) for line in lines if line)


def _sender(letter: CoverLetter) -> str:
    name = f"**{letter.sender_name}**"  # bold, so it is never read as other markup
    rest = _address([letter.sender_email, letter.sender_phone, letter.sender_location])
    return f"{name}{_HARD_BREAK}{rest}" if rest else name




def write_cover_letter_markdown(letter: CoverLetter) -> str:
    """Sender block, date, recipient, greeting, paragraphs, closing and signature."""
    blocks = [
        _sender(letter),
        long_date(letter.date, letter.language),
        _address([letter.recipient_name, letter.company, letter.company_location]),
        _literal(letter.greeting),
        *(_literal(paragraph) for paragraph in letter.paragraphs),
        _address([letter.closing, letter.signature]),
    ]
    return "\n\n".join(blocks) + "\n"
