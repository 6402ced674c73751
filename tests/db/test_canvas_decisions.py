"""Accept / revert / accept all from the canvas, on a real database: each decision is a new
version with the right text, the decided version stays as it was, and forged or stale claims
change nothing."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import func, select
from test_tools_library import RESUME_MD
from tool_harness import new_account

from db.jobs import create_job
from db.models import GeneratedDocument
from db.resumes import create_resume
from db.versions import create_version, get_version
from documents import CoverLetter, load_resume
from engine.letter_sources import letter_provenance
from engine.provenance import ACCEPTED, REVERTED
from workflows.canvas import decisions

pytestmark = pytest.mark.db

SOURCE = "Built the nightly Airflow pipelines that feed the billing warehouse"
TAILORED = "Built the nightly Airflow and dbt pipelines that feed the billing warehouse"
KEPT = "Cut dashboard load time by 40% with dbt incremental models"
RISK_SOURCE = "Maintained the monthly risk reports in SQL"
RISK_TAILORED = "Maintained monthly SQL risk reports for the data warehouse"
VERSION_MD = RESUME_MD.replace(SOURCE, TAILORED).replace(RISK_SOURCE, RISK_TAILORED)
POSTING = "Harbour Data: Data Engineer. Required: Airflow, dbt, SQL. Preferred: Kafka."


async def _library(sessions, owner: uuid.UUID, *, stored: bool = True) -> uuid.UUID:
    provenance = {"roles": [
        {"company": "Riverbend Logistics", "title": "Data Engineer", "bullets": [
            {"text": TAILORED, "sources": [SOURCE]}, {"text": KEPT, "sources": [KEPT]}]},
        {"company": "Old Harbour Bank", "title": "Analyst", "bullets": [
            {"text": RISK_TAILORED, "sources": [RISK_SOURCE]}]}]} if stored else None
    async with sessions.begin() as session:
        resume = await create_resume(session, owner, name="Main", markdown=RESUME_MD,
                                     source_kind="paste")
        job = await create_job(session, owner, posting_text=POSTING, company="Harbour Data",
                               title="Data Engineer")
        version = await create_version(
            session, owner, kind="resume", job_id=job.id, markdown=VERSION_MD,
            source_resume_id=resume.id, match_score={"score": 50, "before": 40},
            fact_check={"repaired": [], "flagged": [], "passed": [], "findings": []},
            provenance=provenance)
        return version.id


async def _row(sessions, owner, version_id) -> tuple:
    async with sessions() as session:
        v = await get_version(session, owner, version_id)
        return (v.markdown, v.provenance, v.match_score, v.instruction, v.version_number)


async def _count(sessions) -> int:
    async with sessions() as session:
        return await session.scalar(select(func.count()).select_from(GeneratedDocument))


def _bullets(view) -> list[dict]:
    work = next(s for s in view["sections"] if s["title"] == "Work History")
    return [b for item in work["items"] for b in item["bullets"]]


def _payload(bullet: dict) -> dict:
    return {"role": bullet["role"], "bullet": bullet["index"], "text": bullet["text"]}


async def _view(sessions, owner, version_id) -> dict:
    answer = await decisions.show(sessions, owner, version_id)
    assert answer["ok"], answer
    return answer["view"]


@pytest.mark.parametrize("stored", [True, False], ids=["stored provenance", "aligned"])
async def test_the_canvas_marks_changed_bullets_with_their_source(session_factory, stored):
    owner = await new_account(session_factory, "ada")
    v1 = await _library(session_factory, owner, stored=stored)
    view = await _view(session_factory, owner, v1)
    assert [s["title"] for s in view["sections"]][:1] == ["Work History"]
    by_text = {b["text"]: b for b in _bullets(view)}
    assert by_text[TAILORED]["status"] == "changed"
    assert by_text[TAILORED]["sources"] == [SOURCE]
    assert {"op": "added", "text": "and dbt"} in by_text[TAILORED]["diff"]
    assert by_text[KEPT]["status"] == "unchanged"
    assert view["pending"] == 2 and view["score"] == {"before": 40, "after": 50}
    assert view["latest"] and [v["version_number"] for v in view["timeline"]] == [1]


async def test_accept_makes_a_new_version_and_leaves_the_old_one(session_factory):
    owner = await new_account(session_factory, "ada")
    v1 = await _library(session_factory, owner)
    before = await _row(session_factory, owner, v1)
    changed = next(b for b in _bullets(await _view(session_factory, owner, v1))
                   if b["text"] == TAILORED)
    answer = await decisions.decide_bullet(session_factory, owner, "t1", v1, _payload(changed),
                                           ACCEPTED)
    assert answer["ok"], answer
    view = answer["view"]
    assert view["version_number"] == 2 and view["pending"] == 1
    assert {b["text"]: b["status"] for b in _bullets(view)}[TAILORED] == "accepted"
    v2 = uuid.UUID(view["version_id"])
    markdown, _, score, instruction, _ = await _row(session_factory, owner, v2)
    assert load_resume(markdown) == load_resume(VERSION_MD)
    assert instruction.startswith("Accepted “Built the nightly")
    assert score == {"score": 50, "before": 40}
    assert await _row(session_factory, owner, v1) == before


async def test_revert_puts_the_source_line_back_in_a_new_version(session_factory):
    owner = await new_account(session_factory, "ada")
    v1 = await _library(session_factory, owner)
    before = await _row(session_factory, owner, v1)
    changed = next(b for b in _bullets(await _view(session_factory, owner, v1))
                   if b["text"] == RISK_TAILORED)
    answer = await decisions.decide_bullet(session_factory, owner, "t1", v1, _payload(changed),
                                           REVERTED)
    assert answer["ok"], answer
    v2 = uuid.UUID(answer["view"]["version_id"])
    markdown, _, score, instruction, number = await _row(session_factory, owner, v2)
    assert number == 2 and RISK_SOURCE in markdown and RISK_TAILORED not in markdown
    assert TAILORED in markdown  # the other change is still waiting
    assert instruction.startswith("Reverted “Maintained monthly SQL")
    assert isinstance(score["score"], int) and score["before"] == 40
    statuses = {b["text"]: b["status"] for b in _bullets(answer["view"])}
    assert statuses[RISK_SOURCE] == "reverted" and statuses[TAILORED] == "changed"
    assert await _row(session_factory, owner, v1) == before


async def test_accept_all_decides_every_change_at_once(session_factory):
    owner = await new_account(session_factory, "ada")
    v1 = await _library(session_factory, owner)
    answer = await decisions.accept_all(session_factory, owner, "t1", v1)
    assert answer["ok"] and answer["view"]["pending"] == 0, answer
    assert answer["view"]["produced_by"] == "Accepted all 2 changes"
    again = await decisions.accept_all(session_factory, owner, "t1",
                                       uuid.UUID(answer["view"]["version_id"]))
    assert again == {"ok": False, "message": decisions.NOTHING_PENDING}


async def test_forged_and_stale_decisions_change_nothing(session_factory):
    owner = await new_account(session_factory, "ada")
    intruder = await new_account(session_factory, "mallory")
    v1 = await _library(session_factory, owner)
    bullets = {b["text"]: b for b in _bullets(await _view(session_factory, owner, v1))}
    count = await _count(session_factory)

    # Another person's version looks like an unknown one.
    for who, version in ((intruder, v1), (owner, uuid.uuid4())):
        for decision in (ACCEPTED, REVERTED):
            answer = await decisions.decide_bullet(session_factory, who, "t1", version,
                                                   _payload(bullets[TAILORED]), decision)
            assert answer == {"ok": False, "message": decisions.NOT_YOURS}
        assert await decisions.accept_all(session_factory, who, "t1", version) == {
            "ok": False, "message": decisions.NOT_YOURS}
    # A bullet that was not changed, a text that is not the bullet's, a position out of range.
    for payload in (_payload(bullets[KEPT]), {**_payload(bullets[TAILORED]), "text": "x"},
                    {"role": 9, "bullet": 0, "text": TAILORED}, {"role": "0"}):
        answer = await decisions.decide_bullet(session_factory, owner, "t1", v1, payload,
                                               ACCEPTED)
        assert answer == {"ok": False, "message": decisions.NOT_A_CHANGE}, payload
    assert await _count(session_factory) == count

    # Once version 2 exists, a decision on version 1 is refused and shows version 2's change.
    made = await decisions.decide_bullet(session_factory, owner, "t1", v1,
                                         _payload(bullets[RISK_TAILORED]), REVERTED)
    assert made["ok"]
    count = await _count(session_factory)
    stale = await decisions.decide_bullet(session_factory, owner, "t1", v1,
                                          _payload(bullets[TAILORED]), ACCEPTED)
    assert not stale["ok"] and "no longer the newest" in stale["message"]
    other = stale["other_change"]
    assert other["version_number"] == 2
    pieces = other["rows"][0]["pieces"]
    assert " ".join(p["text"] for p in pieces if p["op"] != "removed") == "* " + RISK_SOURCE
    assert " ".join(p["text"] for p in pieces if p["op"] != "added") == "* " + RISK_TAILORED
    assert not (await decisions.accept_all(session_factory, owner, "t1", v1))["ok"]
    assert await _count(session_factory) == count


async def test_compare_two_versions_shows_the_word_changes(session_factory):
    owner = await new_account(session_factory, "ada")
    v1 = await _library(session_factory, owner)
    bullet = next(b for b in _bullets(await _view(session_factory, owner, v1))
                  if b["text"] == TAILORED)
    v2 = uuid.UUID((await decisions.decide_bullet(
        session_factory, owner, "t1", v1, _payload(bullet), REVERTED))["view"]["version_id"])
    answer = await decisions.compare(session_factory, owner, v1, v2)
    assert answer["ok"] and answer["from"] == 1 and answer["to"] == 2
    assert answer["rows"] == [{"change": "reworded", "pieces": [
        {"op": "same", "text": "* Built the nightly Airflow"},
        {"op": "removed", "text": "and dbt"},
        {"op": "same", "text": "pipelines that feed the billing warehouse"}]}]
    intruder = await new_account(session_factory, "mallory")
    assert not (await decisions.compare(session_factory, intruder, v1, v2))["ok"]


async def test_a_cover_letter_shows_each_paragraph_with_the_lines_it_rests_on(session_factory):
    owner = await new_account(session_factory, "ada")
    letter = CoverLetter(
        sender_name="Mara Quillon", date=dt.date(2026, 12, 4), company="Harbour Data",
        greeting="Dear Harbour Data team,",
        paragraphs=("At Riverbend Logistics I built the nightly Airflow pipelines that feed "
                    "the billing warehouse.",
                    "I would like to bring this care to your team."),
        signature="Mara Quillon")
    async with session_factory.begin() as session:
        resume = await create_resume(session, owner, name="Main", markdown=RESUME_MD,
                                     source_kind="paste")
        version = await create_version(
            session, owner, kind="cover_letter", job_id=None, markdown="letter",
            source_resume_id=resume.id, letter=letter.model_dump(mode="json"),
            provenance=letter_provenance(letter, load_resume(RESUME_MD)))
        # The master changes afterwards; the letter still shows what it was written from.
        resume.markdown = RESUME_MD.replace(SOURCE, "Ran the warehouse loads")
    view = await _view(session_factory, owner, version.id)
    first, second = view["letter"]["paragraphs"]
    assert first["sources"] == [{"text": SOURCE,
                                 "where": "Data Engineer at Riverbend Logistics"}]
    assert second["sources"] == []
    answer = await decisions.accept_all(session_factory, owner, "t1", version.id)
    assert answer == {"ok": False, "message": decisions.ONLY_RESUMES}
