"""Cover letter -> Markdown, as a person downloads it."""

from __future__ import annotations

import datetime as dt

from documents.cover_markdown import write_cover_letter_markdown
from documents.model import CoverLetter

LETTER = CoverLetter(
    sender_name="Your Name",
    sender_email="your.name@example.com",
    sender_phone="+1 555 010 0000",
    sender_location="Your City, ST",
    date=dt.date(2026, 3, 9),
    recipient_name="Alex Example",
    company="Example Company",
    company_location="Springfield, IL",
    greeting="Dear Alex Example,",
    paragraphs=("I am applying for the Data Engineer role.",
                "# of pipelines I maintain: twelve.",
                "- and a line that looks like a list item"),
    signature="Your Name",
)


def test_letter_reads_in_order_with_each_block_separated() -> None:
    text = write_cover_letter_markdown(LETTER)
    assert text == (
        "**Your Name**  \nyour.name@example.com  \n+1 555 010 0000  \nYour City, ST\n\n"
        "March 9, 2026\n\n"
        "Alex Example  \nExample Company  \nSpringfield, IL\n\n"
        "Dear Alex Example,\n\n"
        "I am applying for the Data Engineer role.\n\n"
        "\\# of pipelines I maintain: twelve.\n\n"
        "\\- and a line that looks like a list item\n\n"
        "Sincerely,  \nYour Name\n"
    )


def test_missing_optional_parts_leave_no_empty_lines() -> None:
    short = CoverLetter(sender_name="Your Name", date=dt.date(2026, 1, 2),
                        company="Example Company", greeting="Hello,",
                        paragraphs=("Short and sweet.",), closing="Best,", signature="Y. N.")
    assert write_cover_letter_markdown(short) == (
        "**Your Name**\n\nJanuary 2, 2026\n\nExample Company\n\nHello,\n\nShort and sweet.\n\n"
        "Best,  \nY. N.\n")
