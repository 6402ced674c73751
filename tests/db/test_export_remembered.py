"""Exports follow the options a resume remembers unless the request says otherwise."""

from __future__ import annotations

import io
import uuid

import docx
import pytest
from test_tools_library import RESUME_MD
from tool_harness import call, context, new_account

from db.files import get_file
from db.resumes import list_resumes
from db.versions import create_version
from tools.create_resume import create_resume
from tools.edit_resume_item import edit_resume_item
from tools.export_document import export_document
from tools.set_export_options import set_export_options

pytestmark = pytest.mark.db

PROJECT = {"title": "Tide Tables", "start": "05/2023",
           "description": ["Open-source tide predictions for Lisbon harbour"]}


async def _exported(sessions, owner: uuid.UUID, answer) -> str:
    [shown] = answer.artifact["files"]
    async with sessions() as session:
        stored = await get_file(session, owner, uuid.UUID(shown["file_id"]))
    if shown["name"].endswith(".docx"):
        return "\n".join(p.text for p in docx.Document(io.BytesIO(stored.content)).paragraphs)
    return stored.content.decode()


async def test_remembered_options_apply_when_the_export_does_not_say_otherwise(
    session_factory,
) -> None:
    owner = await new_account(session_factory, "ada")
    ctx = context(session_factory, owner)
    await call(create_resume, ctx, name="Main", markdown=RESUME_MD)
    added = (await call(edit_resume_item, ctx, action="add", kind="project",
                        fields=PROJECT)).content
    assert "Tide Tables" in added, added
    before = await _exported(session_factory, owner,
                             await call(export_document, ctx, format="markdown"))
    assert "Tide Tables" in before and "Old Harbour Bank" in before

    await call(set_export_options, ctx, include_projects=False, start="01/2022")
    remembered = await _exported(session_factory, owner,
                                 await call(export_document, ctx, format="markdown"))
    assert "Riverbend Logistics" in remembered
    assert "Tide Tables" not in remembered and "Old Harbour Bank" not in remembered
    word = await _exported(session_factory, owner,
                           await call(export_document, ctx, format="docx"))
    assert "Riverbend Logistics" in word
    assert "Tide Tables" not in word and "Old Harbour Bank" not in word

    # Saying otherwise wins for that export only: "" lifts the remembered lower bound.
    widened = await _exported(session_factory, owner,
                              await call(export_document, ctx, format="markdown", start=""))
    assert "Old Harbour Bank" in widened and "Tide Tables" not in widened

    # A version made from the resume follows the resume's choices too.
    async with session_factory.begin() as session:
        [resume] = await list_resumes(session, owner)
        version = await create_version(session, owner, kind="resume", job_id=None,
                                       markdown=resume.markdown, source_resume_id=resume.id)
    from_version = await _exported(
        session_factory, owner,
        await call(export_document, ctx, format="markdown", version_id=str(version.id)))
    assert "Tide Tables" not in from_version and "Old Harbour Bank" not in from_version
