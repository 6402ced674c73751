"""Cover letters in Word, with the header of the matching resume layout."""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from documents.model import CoverLetter
from documents.render.docx_common import TITLE, new_document, styled
from documents.render.options import WordLayout

PARAGRAPH_GAP = Pt(8)


def letter_date(letter: CoverLetter) -> str:
    return f"{letter.date:%B} {letter.date.day}, {letter.date.year}"


def _header(document: WordDocument, letter: CoverLetter, layout: WordLayout) -> None:
    details = [
        part for part in (letter.sender_email, letter.sender_phone, letter.sender_location) if part
    ]
    title = styled(document, letter.sender_name, TITLE)
    if layout == "plain":
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if details:
            line = document.add_paragraph(" | ".join(details))
            line.alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        for part in details:
            document.add_paragraph(part)


def build_letter(letter: CoverLetter, layout: WordLayout) -> WordDocument:
    document = new_document(f"{letter.sender_name} - Cover letter to {letter.company}",
                            letter.sender_name)
    _header(document, letter, layout)
    document.add_paragraph(letter_date(letter)).paragraph_format.space_before = PARAGRAPH_GAP
    recipient = [letter.recipient_name, letter.company, letter.company_location]
    first = True
    for line in recipient:
        if line:
            paragraph = document.add_paragraph(line)
            if first:
                paragraph.paragraph_format.space_before = PARAGRAPH_GAP
                first = False
    for text in (letter.greeting, *letter.paragraphs, letter.closing):
        document.add_paragraph(text).paragraph_format.space_before = PARAGRAPH_GAP
    document.add_paragraph(letter.signature).paragraph_format.space_before = Pt(18)
    return document
