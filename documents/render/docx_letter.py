"""Cover letters in Word, with the header of the matching resume layout."""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.shared import Pt

from documents.locale import Paper
from documents.model import CoverLetter
from documents.render.docx_common import TITLE, new_document
from documents.render.docx_writer import BodyWriter
from documents.render.layout import letter_date
from documents.render.options import WordLayout

PARAGRAPH_GAP = Pt(8)


def _header(body: BodyWriter, letter: CoverLetter, layout: WordLayout) -> None:
    details = [
        part for part in (letter.sender_email, letter.sender_phone, letter.sender_location) if part
    ]
    centred = layout == "plain"
    body.line(letter.sender_name, TITLE, centred=centred)
    if centred:
        if details:
            body.line(" | ".join(details), centred=True)
    else:
        for part in details:
            body.line(part)


def build_letter(letter: CoverLetter, layout: WordLayout, paper: Paper) -> WordDocument:
    document = new_document(f"{letter.sender_name} - Cover letter to {letter.company}",
                            letter.sender_name, paper)
    body = BodyWriter(document)
    _header(body, letter, layout)
    body.line(letter_date(letter), space_before=PARAGRAPH_GAP)
    recipient = [line for line in (letter.recipient_name, letter.company,
                                   letter.company_location) if line]
    for index, line in enumerate(recipient):
        body.line(line, space_before=PARAGRAPH_GAP if index == 0 else None)
    for text in (letter.greeting, *letter.paragraphs, letter.closing):
        body.line(text, space_before=PARAGRAPH_GAP)
    body.line(letter.signature, space_before=Pt(18))
    return document
