"""Cover letters and refinements through the scripted server."""

from __future__ import annotations

import datetime as dt

import pytest
from support.llm_script import structured

from core.errors import UserFacingError
from engine.diff import line_diff, word_diff
from engine.job_analysis import JobAnalysis
from workflows.generation.cover_letter import draft_cover_letter as write_cover_letter
from workflows.generation.refinement import refine_letter, refine_resume
from workflows.progress import RecordingProgress

TODAY = dt.date(2026, 11, 21)


async def letter(conn, resume, analysis, paragraphs, **options):
    return await write_cover_letter(
        conn, resume=resume, analysis=analysis, company=options.pop("company", "Harborline"),
        job_title="Senior Backend Engineer", location="Remote",
        hiring_manager=options.pop("hiring_manager", None), facts=[], today=TODAY,
        progress=RecordingProgress(), **options)


async def test_cover_letter_is_addressed_dated_and_grounded(scripted_llm, conn, resume,
                                                            analysis) -> None:
    scripted_llm.add(structured({"paragraphs": [
        "I would like to join Harborline as a Senior Backend Engineer.",
        "At Riverbend Logistics I moved 14 Python services to Kubernetes. I also saved "
        "[amount] for Acme Corp.",
    ]}))
    outcome = await letter(conn, resume, analysis, [], hiring_manager="Jordan Lee", tone="warm",
                           length="short")
    made = outcome.letter
    assert made.greeting == "Dear Jordan Lee," and made.recipient_name == "Jordan Lee"
    assert made.date == TODAY and made.sender_name == "Dana Okafor"
    assert made.paragraphs[1] == "At Riverbend Logistics I moved 14 Python services to Kubernetes."
    assert "[" not in " ".join(made.paragraphs) and "Acme" not in " ".join(made.paragraphs)
    assert outcome.report.repaired and outcome.prompt_version == "cover_letter@1"
    system = scripted_llm.requests[0].messages[0]["content"]
    assert "Tone: warm. Length: short (2 paragraphs)" in system


async def test_letter_in_the_postings_language_to_the_team(scripted_llm, conn, resume) -> None:
    french = JobAnalysis(company="Emeria", title="Analytics Engineer", language="fr")
    scripted_llm.add(structured({"paragraphs": ["Je souhaite rejoindre Emeria."]}))
    outcome = await letter(conn, resume, french, [], company="Emeria")
    assert outcome.letter.greeting == "Madame, Monsieur,"
    assert outcome.letter.closing == "Cordialement,"
    assert 'ISO code "fr"' in scripted_llm.requests[0].messages[0]["content"]


async def test_unknown_letter_options_are_refused_before_any_call(conn, resume, analysis):
    with pytest.raises(UserFacingError, match="choose one of professional, warm"):
        await letter(conn, resume, analysis, [], tone="sarcastic")


async def test_refinement_applies_checked_edits_and_explains_refusals(scripted_llm, conn,
                                                                      resume) -> None:
    current = resume
    edits = [
        {"target": "role 2 bullet 1", "original": current.roles[1].tasks[0],
         "replacement": "Built FastAPI card settlement services on PostgreSQL", "reason": "short"},
        {"target": "role 1 bullet 1", "original": "Moved 12 services", "replacement": "x",
         "reason": "stale"},
        {"target": "role 1 company", "original": "Riverbend Logistics", "replacement": "Google",
         "reason": "identity"},
        {"target": "role 3 bullet 1", "original": current.roles[2].tasks[0],
         "replacement": "Maintained Django REST APIs serving 300 users with Terraform",
         "reason": "adds a tool"},
        {"target": "role 4 bullet 2", "original": current.roles[3].tasks[1], "replacement": "",
         "reason": "remove"},
    ]
    scripted_llm.add(structured({"edits": edits}))
    outcome = await refine_resume(conn, current=current, source=resume,
                                  instruction="shorter bullets", facts=[],
                                  progress=RecordingProgress())
    assert [e.target for e in outcome.applied] == ["role 2 bullet 1", "role 4 bullet 2"]
    reasons = {r.edit.target: r.reason for r in outcome.refused}
    assert "stale edit" in reasons["role 1 bullet 1"]
    assert reasons["role 1 company"] == "no such part in the current version"
    assert "“Terraform”" in reasons["role 3 bullet 1"]
    assert outcome.resume.roles[1].tasks[0] == "Built FastAPI card settlement services on " \
                                               "PostgreSQL"
    assert outcome.resume.roles[3].tasks == resume.roles[3].tasks[:1]
    assert outcome.resume.roles[0] == resume.roles[0]
    assert "Built FastAPI ~~services for~~ card settlement **services**" in outcome.diff
    assert "~~Tuned SQL reports used by the sales team~~ (removed)" in outcome.diff
    assert outcome.report.repaired == []
    listing = scripted_llm.requests[0].messages[1]["content"]
    assert "[role 1 bullet 1] Moved 14 Python services" in listing
    assert "Role 1: Senior Platform Engineer at Riverbend Logistics (not editable)" in listing


async def test_letter_refinement_edits_paragraphs(scripted_llm, conn, resume) -> None:
    from documents.model import CoverLetter

    current = CoverLetter(sender_name="Dana Okafor", date=TODAY, company="Harborline",
                          greeting="Dear Harborline hiring team,",
                          paragraphs=("I want to join Harborline.",
                                      "I ran the on-call rotation at Riverbend Logistics."),
                          signature="Dana Okafor")
    scripted_llm.add(structured({"edits": [
        {"target": "paragraph 1", "original": "I want to join Harborline.",
         "replacement": "I would love to join Harborline.", "reason": "warmer"},
        {"target": "paragraph 2", "original": current.paragraphs[1],
         "replacement": "I ran the on-call rotation for 30 engineers.", "reason": "detail"},
    ]}))
    outcome = await refine_letter(conn, current=current, source=resume, instruction="warmer",
                                  facts=[], progress=RecordingProgress())
    assert outcome.letter.paragraphs == ("I would love to join Harborline.", current.paragraphs[1])
    assert "the number 30" in outcome.refused[0].reason
    assert outcome.diff == "- paragraph 1: I ~~want~~ **would love** to join Harborline."


def test_word_and_line_diffs_read_well() -> None:
    assert word_diff("a b c", "a b c") == "(no changes)"
    long_old = "one two three four five six seven eight nine ten eleven twelve"
    assert word_diff(long_old, long_old.replace("six", "6")) == (
        "… two three four five ~~six~~ **6** seven eight nine ten …")
    assert line_diff("x\ny", "x\nz") == "- ~~y~~ **z**"
