"""Control characters typed or imported into any text field never reach storage or break an
export: a name with NUL and an escape sequence set through the edit tool exports to Word, PDF
and Markdown, and a job posting with NUL (which PostgreSQL cannot store) is saved cleaned."""

from __future__ import annotations

import io
import uuid

import docx
import pytest
from test_tools_library import RESUME_MD, _import, _upload
from tool_harness import call, context, new_account

from db.files import get_file
from db.jobs import list_jobs
from tools.edit_personal import edit_personal
from tools.export_document import export_document
from tools.save_job import save_job

pytestmark = pytest.mark.db

NAME = "Mara\x00 Quil\x1b[2Jlon\x0c\x07"
POSTING = ("Data Engineer at Riverbend\x00 Logistics.\x1b[31m Build pipelines with Airflow "
           "and dbt;\x0c own the warehouse.\x7f ") * 3


async def test_control_characters_in_a_name_never_break_an_export(session_factory) -> None:
    owner = await new_account(session_factory, "ada")
    ctx = context(session_factory, owner)
    await _import(ctx, file_id=await _upload(session_factory, owner, "mara.md",
                                             RESUME_MD.encode()))
    edited = (await call(edit_personal, ctx, changes={"name": NAME,
                                                      "location": "Hamburg\x00\x1b"})).content
    assert "\x00" not in edited and "\x1b" not in edited
    for fmt, extra in (("docx", {"word_layout": "ats"}), ("docx", {"word_layout": "plain"}),
                       ("pdf", {}), ("markdown", {})):
        exported = await call(export_document, ctx, format=fmt, **extra)
        assert exported.status != "error", exported.content
        (shown,) = exported.artifact["files"]
        async with session_factory() as session:
            stored = await get_file(session, owner, uuid.UUID(shown["file_id"]))
        if fmt == "docx":
            text = "\n".join(p.text for p in docx.Document(io.BytesIO(stored.content)).paragraphs)
            assert "Mara Quil[2Jlon" in text and "Hamburg" in text
        elif fmt == "markdown":
            assert "Name: Mara Quil[2Jlon\n" in stored.content.decode()


async def test_a_posting_with_control_characters_is_saved_clean(session_factory) -> None:
    owner = await new_account(session_factory, "ada")
    ctx = context(session_factory, owner)
    saved = (await call(save_job, ctx, posting_text=POSTING, company="River\x00bend\x1b",
                        title="Data\x07 Engineer")).content
    assert saved.startswith("Saved the job"), saved
    async with session_factory() as session:
        (job,) = await list_jobs(session, owner)
    assert job.posting_text.startswith("Data Engineer at Riverbend Logistics.[31m Build")
    assert (job.company, job.title) == ("Riverbend", "Data Engineer")
