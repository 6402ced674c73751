"""Tool steps show the person a readable title and result: the tools' own texts, written for the
model, lose their ids and their notes to the assistant, and keep what the person should know."""

from __future__ import annotations

import datetime as dt
import re
import uuid

from assistant.chat_steps import readable_result, step_title
from documents import load_resume
from tools import ALL_TOOLS
from workflows.library.common import unknown
from workflows.library.importing import _draft_message

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
RESUME = """\
# Personal

## Contact Information

Name: Jane Doe

# Experience

## Roles

### Role

#### Basics

Company: Globex
Title: Software Engineer
Start date: 07/2023

#### Responsibilities

* Owned the billing platform
"""


def test_every_tool_step_has_a_title_without_the_tools_code_name() -> None:
    for tool in ALL_TOOLS:
        title = step_title(tool.name)
        assert "_" not in title and title[0].isupper(), (tool.name, title)
    assert step_title("match_report") == "Checking the match"


def test_a_draft_shows_what_was_found_but_not_its_id_or_the_notes_for_the_model() -> None:
    draft_id = uuid.uuid4()
    text = _draft_message(draft_id, load_resume(RESUME), "read from the file without a model",
                          "Jane Doe resume", ["a photo was left out"],
                          ["Not imported (lines of the file that were not placed; tell the "
                           "person, they can add them by hand):", "- not imported: 'Hobbies'"],
                          dt.date(2026, 12, 4))
    assert str(draft_id) in text and "Show this summary" in text  # what the model reads

    shown = readable_result(text)
    assert not UUID.search(shown)
    assert "Show this summary" not in shown and "the person" not in shown
    assert "import_resume" not in shown and "draft_id" not in shown
    assert shown.startswith("Draft (read from the file without a model). Found:")
    assert "Name: Jane Doe" in shown and "- a photo was left out" in shown
    assert "Not imported:\n- not imported: 'Hobbies'" in shown
    assert shown.endswith("Nothing is saved yet.")


def test_ids_leave_the_sentences_readable() -> None:
    job = uuid.uuid4()
    saved = (f"Saved the job Data Engineer at Riverbend (id {job}); it is now the active job.\n"
             "Not known yet: location. If the posting does not say, ask the person (a cover "
             "letter uses them).")
    assert readable_result(saved) == (
        "Saved the job Data Engineer at Riverbend; it is now the active job.\n"
        "Not known yet: location.")
    tailored = (f"Tailored resume v1 for Data Engineer at Riverbend saved (version id {job}). "
                "Match score 40 -> 60.")
    assert readable_result(tailored) == (
        "Tailored resume v1 for Data Engineer at Riverbend saved. Match score 40 -> 60.")
    assert readable_result(unknown("version", str(job))) == "There is no version."


def test_a_match_report_step_points_at_the_card() -> None:
    card = {"score": 67, "title": "“Main” against Data Engineer at Northwind Data"}
    shown = readable_result("Match of ... Do not repeat the score", {"match_card": card})
    assert shown == ("Match score 67/100 for “Main” against Data Engineer at Northwind Data: "
                     "the card shows its parts, the evidence and what is missing.")
