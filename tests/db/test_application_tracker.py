"""The application tracker on real PostgreSQL: statuses with dates, notes and kept history,
which job a name means, the exact files that went with an application, jobs edited in place."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import uuid

import pytest
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from test_tools_generation import ANALYSIS, POSTING, engine
from test_tools_library import RESUME_MD
from tool_harness import TODAY, call, context, new_account

from db.accounts import get_account_by_username
from db.admin import delete_account_everywhere
from db.applications import status_history
from db.files import get_file
from db.jobs import list_jobs
from db.models import GeneratedDocument, JobExport, StoredFile
from tools.edit_job import edit_job
from tools.export_document import export_document
from tools.import_resume import import_resume
from tools.list_jobs import list_jobs as list_jobs_tool
from tools.refine_document import refine_document
from tools.save_job import save_job
from tools.sent_documents import sent_documents
from tools.set_job_status import set_job_status
from tools.tailor_resume import tailor_resume
from tools.write_cover_letter import write_cover_letter
from workflows.applications.commands import jobs_command, sent_command, status_command
from workflows.library.common import Scope
from workflows.library.jobs import job_listing

pytestmark = pytest.mark.db


async def _with_resume(sessions, name: str, **context_args):
    owner = await new_account(sessions, name)
    ctx = context(sessions, owner, **context_args)
    draft = (await call(import_resume, ctx, text=RESUME_MD)).content
    await call(import_resume, ctx, draft_id=draft.split()[1], name="Main")
    return owner, ctx


async def _job(ctx, company: str | None, title: str = "Data Engineer") -> str:
    saved = (await call(save_job, ctx, posting_text=POSTING, company=company,
                        title=title)).content
    return saved.split("(id ")[1].split(")")[0]


async def test_status_changes_keep_their_dates_notes_and_history(session_factory) -> None:
    owner, ctx = await _with_resume(session_factory, "ada")
    job_id = await _job(ctx, "Acme Corp")

    applied = (await call(set_job_status, ctx, new_status="applied", job_name="Acme")).content
    assert applied.startswith(f"Data Engineer at Acme Corp (job_id {job_id}) is now applied "
                              f"as of {TODAY.isoformat()} (was saved).")
    assert "No file was exported from Tailor for this job" in applied
    interview = (await call(set_job_status, ctx, new_status="interviewing", job_id=job_id,
                            on_date="2026-12-01", note="Call with Dana, bring the portfolio")
                 ).content
    assert "is now interviewing as of 2026-12-01 (was applied)" in interview
    rejected = (await call(set_job_status, ctx, new_status="rejected", job_name="acme corp",
                           on_date="yesterday")).content
    assert "is now rejected as of 2026-11-20 (was interviewing)" in rejected

    # Readable refusals change nothing: a day to come for a past event, a date in words.
    assert "is after today (2026-11-21)" in (await call(
        set_job_status, ctx, new_status="offer", job_id=job_id, on_date="2026-12-24")).content
    assert "cannot be read; give it as YYYY-MM-DD" in (await call(
        set_job_status, ctx, new_status="offer", job_id=job_id, on_date="next Friday")).content

    async with session_factory() as session:
        [job] = await list_jobs(session, owner)
        history = await status_history(session, owner, job.id)
    assert [(c.previous_status, c.status, c.on_date, c.note) for c in history] == [
        ("saved", "applied", TODAY, None),
        ("applied", "interviewing", dt.date(2026, 12, 1), "Call with Dana, bring the portfolio"),
        ("interviewing", "rejected", dt.date(2026, 11, 20), None),
    ]
    assert (job.status, job.status_on, job.status_note) == ("rejected", dt.date(2026, 11, 20),
                                                            None)
    again = (await call(set_job_status, ctx, new_status="rejected", job_id=job_id,
                        on_date="2026-11-20")).content
    assert again.endswith("nothing changed.")
    async with session_factory() as session:
        assert len(await status_history(session, owner, job.id)) == 3

    # The whole history, for the person (`/jobs acme`) and for the model (with the id).
    scope = Scope(session_factory, owner, ctx.thread_id)
    saved_on = f"{dt.datetime.now(dt.UTC):%Y-%m-%d}"
    assert (await jobs_command(scope, "acme")).split("\n") == [
        "**Data Engineer at Acme Corp**: rejected",
        f"- {saved_on}: saved",
        "- 2026-11-21: saved -> applied",
        r"- 2026-12-01: applied -> interviewing (Call with Dana\, bring the portfolio)",
        "- 2026-11-20: interviewing -> rejected",
    ]
    assert (await call(list_jobs_tool, ctx, job_name="Acme")).content.startswith(
        f"**Data Engineer at Acme Corp** (job_id {job_id}): rejected\n")


async def test_the_pipeline_is_grouped_by_status_with_the_last_change(session_factory) -> None:
    owner, ctx = await _with_resume(session_factory, "ada")
    scope = Scope(session_factory, owner, ctx.thread_id)
    assert await job_listing(scope) == ("You have no saved jobs yet. Paste a job posting into "
                                        "the chat.")
    await _job(ctx, "Acme")
    await _job(ctx, "Riverbend Logistics")
    globex = await _job(ctx, "Globex", "Analyst")
    await call(set_job_status, ctx, new_status="applied", job_name="Acme", on_date="2026-11-18")
    await call(set_job_status, ctx, new_status="interviewing", job_name="Riverbend",
               note="second round *Thursday*")
    listing = await job_listing(scope)
    saved_on = f"{dt.datetime.now(dt.UTC):%Y-%m-%d}"
    assert listing.split("\n") == [
        "Your applications (3 jobs), by status:",
        "", "**Saved** (1)",
        f"- **Analyst at Globex**: saved {saved_on}",
        "", "**Applied** (1)",
        f"- **Data Engineer at Acme**: applied 2026-11-18; saved {saved_on}",
        "", "**Interviewing** (1)",
        f"- **Data Engineer at Riverbend Logistics**: interviewing 2026-11-21 "
        rf"(second round \*Thursday\*); saved {saved_on}",
    ]
    # The tool's listing is the same one, with the ids the model acts on.
    assert f"- **Analyst at Globex**: saved {saved_on} (job_id {globex})" in (
        await call(list_jobs_tool, ctx)).content


async def test_a_name_means_one_of_the_persons_own_jobs_or_a_fixable_mistake(
    session_factory,
) -> None:
    owner, ctx = await _with_resume(session_factory, "ada")
    engineer = await _job(ctx, "Acme", "Data Engineer")
    analyst = await _job(ctx, "Acme", "Analyst")
    riverbend = await _job(ctx, "Riverbend Logistics", "Data Engineer")

    both = (await call(set_job_status, ctx, new_status="applied", job_name="Acme")).content
    assert both.startswith('"Acme" matches 2 saved jobs:')
    assert f"- Data Engineer at Acme (job_id {engineer}, saved)" in both
    assert f"- Analyst at Acme (job_id {analyst}, saved)" in both
    assert "Ask the person which one they mean, then call again with its job_id." in both
    nothing = (await call(set_job_status, ctx, new_status="applied", job_name="Globex")).content
    assert nothing.startswith('No saved job matches "Globex". The person\'s saved jobs:')
    assert all(f"(job_id {i}, saved)" in nothing for i in (engineer, analyst, riverbend))
    async with session_factory() as session:
        assert {j.status for j in await list_jobs(session, owner)} == {"saved"}

    # The company and title together, or words of them, single one out.
    for name, meant, status in (("Analyst at Acme", analyst, "applied"),
                                ("the Acme analyst job", analyst, "interviewing"),
                                ("Riverbend", riverbend, "applied"),
                                ("Acme Data Engineer", engineer, "offer")):
        told = (await call(set_job_status, ctx, new_status=status, job_name=name)).content
        assert f"(job_id {meant}) is now {status}" in told, name

    # Another person's words reach only their own jobs, and never list the first person's.
    intruder, theirs = await _with_resume(session_factory, "mallory", thread_id="mallory")
    assert (await call(set_job_status, theirs, new_status="rejected", job_name="Acme")
            ).content.startswith("The person has no saved jobs yet.")
    own = await _job(theirs, "Northwind")
    refused = (await call(set_job_status, theirs, new_status="rejected", job_name="Riverbend")
               ).content
    assert refused.startswith('No saved job matches "Riverbend"')
    assert own in refused and "Acme" not in refused and riverbend not in refused
    for tool, args in ((sent_documents, {}), (edit_job, {"company": "Mine now"})):
        answer = (await call(tool, theirs, job_name="Acme", **args)).content
        assert answer.startswith('No saved job matches "Acme"'), tool.name
    async with session_factory() as session:
        assert {j.company for j in await list_jobs(session, owner)} == {
            "Acme", "Riverbend Logistics"}


async def test_what_was_sent_is_the_exact_file_exported_by_the_day_of_applying(
    session_factory, scripted_llm
) -> None:
    scripted_llm.add_rule(engine)
    today = dt.datetime.now(dt.UTC).date()
    owner, ctx = await _with_resume(session_factory, "ada", model_url=scripted_llm.base_url)
    ctx = dataclasses.replace(ctx, today=today)
    job_id = await _job(ctx, "Riverbend Logistics")
    assert "Nothing was exported from Tailor for Data Engineer at Riverbend Logistics" in (
        await call(sent_documents, ctx, job_name="Riverbend")).content

    resume_v1 = (await call(tailor_resume, ctx)).artifact["version_id"]
    await call(write_cover_letter, ctx)
    resume_pdf = await call(export_document, ctx, format="pdf", version_id=resume_v1)
    letter_docx = await call(export_document, ctx, format="docx", version_id="latest")
    assert "It is recorded with its job." in resume_pdf.content
    # The master resume belongs to no job: its export is not an application's file.
    master = await call(export_document, ctx, format="markdown")
    assert "recorded with its job" not in master.content

    applied = (await call(set_job_status, ctx, new_status="applied", job_name="Riverbend"))
    assert "Files exported for this job so far" in applied.content
    # A version refined and exported after the person said they applied did not go with it.
    refined = await call(refine_document, ctx, instruction="make it shorter",
                         version_id=resume_v1)
    late = await call(export_document, ctx, format="pdf", version_id=refined.artifact[
        "version_id"])

    sent = await call(sent_documents, ctx, job_name="Riverbend Logistics")
    assert sent.content.startswith("Sent with the application to Data Engineer at Riverbend "
                                   f"Logistics (applied {today.isoformat()})")
    offered = [f["file_id"] for f in sent.artifact["files"]]
    assert offered == [resume_pdf.artifact["files"][0]["file_id"],
                       letter_docx.artifact["files"][0]["file_id"]]
    assert "resume version 1" in sent.content and "cover letter version 1" in sent.content
    assert "Also exported for this job (1):" in sent.content and "resume version 2" in sent.content
    late_id = late.artifact["files"][0]["file_id"]
    assert late_id not in offered

    async with session_factory() as session:
        for entry in sent.artifact["files"]:
            stored = await get_file(session, owner, uuid.UUID(entry["file_id"]))
            recorded = await session.scalar(select(JobExport).where(
                JobExport.file_id == stored.id))
            # The recorded hash is the hash of the bytes the download route serves.
            assert recorded.sha256 == hashlib.sha256(stored.content).hexdigest()
            assert str(recorded.job_id) == job_id and entry["name"] == stored.name
        pdf = await get_file(session, owner, uuid.UUID(offered[0]))
    assert pdf.content.startswith(b"%PDF") and pdf.mime == "application/pdf"

    # The file that went with an application cannot be deleted on its own.
    with pytest.raises(IntegrityError):
        async with session_factory.begin() as session:
            await session.execute(delete(StoredFile).where(StoredFile.id == uuid.UUID(
                offered[0])))
    # Deleting the version keeps the record and its file; deleting the account takes all.
    async with session_factory.begin() as session:
        version = await session.get(GeneratedDocument, uuid.UUID(resume_v1))
        await session.delete(version)
    again = await call(sent_documents, ctx, job_id=job_id)
    assert [f["file_id"] for f in again.artifact["files"]] == offered
    assert "resume version 1" in again.content
    async with session_factory.begin() as session:
        await delete_account_everywhere(session, await get_account_by_username(session, "ada"))
    async with session_factory() as session:
        assert await session.scalar(select(StoredFile).where(StoredFile.owner_id == owner)) is None


async def test_a_job_is_edited_in_place_and_the_letter_stays_with_its_resume(
    session_factory, scripted_llm
) -> None:
    scripted_llm.add_rule(lambda request: engine(request, dict(ANALYSIS, company=None)))
    owner, ctx = await _with_resume(session_factory, "ada", model_url=scripted_llm.base_url)
    job_id = await _job(ctx, None)
    tailored = await call(tailor_resume, ctx)
    assert tailored.content.startswith("Tailored resume v1 for Data Engineer saved")

    asked = (await call(write_cover_letter, ctx)).content
    assert asked.startswith("The company of this job is unknown")
    assert f"record it with edit_job (job_id {job_id}; do not save the job again)" in asked

    edited = (await call(edit_job, ctx, company="Riverbend Logistics",
                         hiring_manager="Dana Obi", reference_code="RB-2291")).content
    assert edited.startswith(f"Updated the job Data Engineer at Riverbend Logistics (job_id "
                             f"{job_id}, the active job): company \"not set\" -> \"Riverbend "
                             "Logistics\"; hiring manager \"not set\" -> \"Dana Obi\"; "
                             "reference code \"not set\" -> \"RB-2291\".")
    letter = await call(write_cover_letter, ctx)
    assert letter.content.startswith("Cover letter v1 for Data Engineer at Riverbend Logistics")

    async with session_factory() as session:
        [job] = await list_jobs(session, owner)
        versions = list(await session.scalars(select(GeneratedDocument)))
    assert str(job.id) == job_id and len(versions) == 2
    assert {v.job_id for v in versions} == {job.id}
    assert (job.company, job.hiring_manager, job.reference_code) == (
        "Riverbend Logistics", "Dana Obi", "RB-2291")

    # By the name it is saved under, clearing one detail; nothing to change is said plainly.
    cleared = (await call(edit_job, ctx, job_name="Riverbend", location="Porto",
                          reference_code="")).content
    assert 'location "Lisbon" -> "Porto"; reference code "RB-2291" -> "not set"' in cleared
    assert "already has these details" in (await call(edit_job, ctx, location="Porto")).content
    assert "Say which detail to change" in (await call(edit_job, ctx)).content
    assert "too long" in (await call(edit_job, ctx, title="x" * 201)).content
    async with session_factory() as session:
        [job] = await list_jobs(session, owner)
    assert (job.location, job.reference_code, job.title) == ("Porto", None, "Data Engineer")


async def test_status_and_sent_commands_work_without_the_model(session_factory) -> None:
    owner, ctx = await _with_resume(session_factory, "ada")
    scope = Scope(session_factory, owner, ctx.thread_id)
    await _job(ctx, "Acme", "Data Engineer")
    await _job(ctx, "Acme", "Analyst")
    assert (await status_command(scope, "")).startswith("Use `/status <status> <company")
    assert (await status_command(scope, "applied Acme")).startswith(
        "That matches 2 of your jobs: **Data Engineer at Acme**, **Analyst at Acme**. Say more "
        "of its name.")
    assert (await status_command(scope, "applied Globex")).startswith(
        "None of your saved jobs has that company or title; `/jobs` lists them.")
    today = dt.date.today().isoformat()
    assert await status_command(scope, "applied analyst at acme: via Dana's referral") == (
        f"**Analyst at Acme** is now **applied** as of {today} (note: via Dana\\'s referral); "
        "it was saved. `/jobs` shows all your applications.")
    assert "status must be one of" in await status_command(scope, "ghosted Analyst")
    async with session_factory() as session:
        statuses = {(j.title, j.status, j.status_note) for j in await list_jobs(session, owner)}
    assert statuses == {("Data Engineer", "saved", None),
                        ("Analyst", "applied", "via Dana's referral")}
    sent = await sent_command(scope, "Analyst")
    assert sent[0].startswith("Nothing was exported from Tailor for Analyst at Acme, so there")
    assert "job_id" not in sent[0]
