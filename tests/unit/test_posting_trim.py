"""A whole job page pasted into the chat is cut to the posting, or refused with the limit."""

from __future__ import annotations

import pytest
from support.pasted_page import POSTING, pasted_page

from core.errors import UserFacingError
from documents.posting_trim import MAX_POSTING_CHARS, TRIM_ABOVE_CHARS, trim_posting
from workflows.library.long_paste import fit_message


def test_a_pasted_page_is_cut_to_the_posting_with_a_note_of_what_went():
    paste = pasted_page()
    assert len(paste) > 45_000
    trimmed = trim_posting(paste)
    assert all(line in trimmed.text for line in POSTING.splitlines()), trimmed.text
    assert len(trimmed.text) < len(POSTING) + 200
    for furniture in ("Salary checker", "312 partners", "Warehouse Team Lead", "Imprint",
                      "newsletter", "Share this job", "Accept all", "logistics degree online"):
        assert furniture not in trimmed.text
    note = trimmed.note()
    assert note.startswith(f"Your paste was {len(paste):,} characters; I kept the posting "
                           f"({len(trimmed.text):,} characters)")
    for kind in ("similar jobs", "cookie notice", "menus and navigation", "adverts"):
        assert kind in note


def test_an_ordinary_posting_is_left_alone():
    assert trim_posting(POSTING).text == POSTING and not trim_posting(POSTING).changed


def test_a_long_text_without_page_furniture_is_not_cut():
    """A long resume or posting pasted whole keeps its headings, skills named twice, and
    words that furniture also uses."""
    roles = "\n".join(
        f"Pastry Chef\nBakery {n}\nContact\nSkills\nPython\nSQL\n"
        f"- Baked cookies and bread for {n * 10} guests a day, with informed consent forms\n"
        f"- Shared {n} recipes with the team and kept the privacy of customer orders\n"
        f"Other roles in kitchen {n} include a sous chef and two commis chefs, all trained here\n"
        f"Weekends"
        for n in range(150))
    assert len(roles) > TRIM_ABOVE_CHARS
    assert trim_posting(roles).text == roles


def test_a_message_still_too_long_after_trimming_is_refused_with_the_limit():
    prose = ("We move containers through the port every day with care and precision. " * 700)
    with pytest.raises(UserFacingError) as refused:
        fit_message(prose)
    assert f"up to {MAX_POSTING_CHARS:,} characters" in refused.value.message
    assert "paste only the job's own text (or its link)" in refused.value.message


def test_a_pasted_page_message_reaches_the_agent_cut_with_the_note():
    text, note = fit_message(pasted_page())
    assert "Warehouse Team Lead" not in text and "Power BI" in text
    assert note is not None and "similar jobs" in note
    assert fit_message("Tailor my resume please.") == ("Tailor my resume please.", None)
