"""Managing whole resumes through the tools: rename, copy, primary, export options, delete and
promote (the last two wait for the person's button, called here as the chat layer calls it)."""

from __future__ import annotations

import uuid

import pytest
from tool_harness import call, context, new_account

from db.resumes import create_resume, get_resume, list_resumes
from db.versions import create_version, get_version
from tools.delete_resume import delete_resume
from tools.duplicate_resume import duplicate_resume
from tools.edit_personal import edit_personal
from tools.list_resumes import list_resumes as list_tool
from tools.promote_version import promote_version
from tools.rename_resume import rename_resume
from tools.set_export_options import set_export_options
from tools.set_primary_resume import set_primary_resume
from tools.undo_edit import undo_edit
from workflows.resume_edit.confirm import confirm_delete, confirm_overwrite

pytestmark = pytest.mark.db

RESUME_MD = """\
# Personal

## Contact Information

Name: Mara Quillon

# Experience

## Roles

### Role

#### Basics

Company: Riverbend Logistics
Title: Data Engineer
Start date: 03/2021

#### Responsibilities

* Built the nightly Airflow pipelines that feed the billing warehouse
"""
TAILORED_MD = RESUME_MD.replace("Built the nightly", "Designed and built the nightly")


async def _setup(sessions):
    owner = await new_account(sessions, "mara")
    async with sessions.begin() as session:
        resume = await create_resume(session, owner, name="Main", markdown=RESUME_MD,
                                     source_kind="markdown")
        version = await create_version(session, owner, kind="resume", job_id=None,
                                       markdown=TAILORED_MD, source_resume_id=resume.id)
    return owner, resume.id, version.id, context(sessions, owner)


async def test_rename_copy_primary_and_remembered_export_options(session_factory) -> None:
    owner, resume_id, _, ctx = await _setup(session_factory)

    assert "Renamed \"Main\" to \"General\"" in (
        await call(rename_resume, ctx, name="  General  ")).content
    copied = (await call(duplicate_resume, ctx, name="Data science")).content
    assert 'Copied "General" to "Data science"' in copied and "now active" in copied
    await call(edit_personal, ctx, changes={"phone": "+351 555 0100"})
    async with session_factory() as session:
        original, copy = await list_resumes(session, owner)
    # The edit went to the copy; the original keeps its text and stays primary.
    assert original.markdown == RESUME_MD and "Phone: +351 555 0100" in copy.markdown
    assert original.is_primary and not copy.is_primary

    assert "is now the primary resume" in (
        await call(set_primary_resume, ctx, resume_id=str(copy.id))).content
    options = (await call(set_export_options, ctx, word_layout="plain", projects_first=True,
                          start="2019")).content
    assert "plain Word layout, classic PDF look, projects first, dates 01/2019 to now" in options
    reversed_range = (await call(set_export_options, ctx, end="01/2018")).content
    assert "ends (01/2018) before it starts (01/2019)" in reversed_range
    async with session_factory() as session:
        stored = await get_resume(session, owner, copy.id)
        assert stored is not None and stored.is_primary
        assert stored.export_options == {"word_layout": "plain", "projects_first": True,
                                         "start": "01/2019"}
        assert not (await get_resume(session, owner, resume_id)).is_primary


async def test_delete_waits_for_the_button_and_versions_stay_readable(session_factory) -> None:
    owner, resume_id, version_id, ctx = await _setup(session_factory)

    asked = await call(delete_resume, ctx, resume_id=str(resume_id))
    assert "Nothing is deleted until they press it" in asked.content
    assert "1 generated version made from it stay readable" in asked.content
    [button] = asked.artifact["confirm"]
    assert button["action"] == "confirm_delete_resume"
    assert "Main" in (await call(list_tool, ctx)).content  # asking deleted nothing

    forged = await confirm_delete(ctx.scope, {"resume_id": str(uuid.uuid4())})
    assert "nothing was done" in forged
    done = await confirm_delete(ctx.scope, button["payload"])
    assert done.startswith('Deleted the resume "Main".')
    assert "1 generated version made from it stay readable and exportable" in done
    async with session_factory() as session:
        assert await get_resume(session, owner, resume_id) is None
        kept = await get_version(session, owner, version_id)
    assert kept is not None and kept.markdown == TAILORED_MD and kept.source_resume_id is None
    assert "nothing was done" in await confirm_delete(ctx.scope, button["payload"])


async def test_promote_as_new_resume_or_overwrite_after_the_button_with_undo(
    session_factory,
) -> None:
    owner, resume_id, version_id, ctx = await _setup(session_factory)

    as_new = (await call(promote_version, ctx, version_id=str(version_id), mode="new",
                         name="Tailored for Acme")).content
    assert 'as the new resume "Tailored for Acme"' in as_new

    asked = await call(promote_version, ctx, version_id=str(version_id), mode="overwrite")
    assert "needs the person's confirmation" in asked.content
    assert "~~Built~~ **Designed and built**" in asked.content
    async with session_factory() as session:
        assert (await get_resume(session, owner, resume_id)).markdown == RESUME_MD
    [button] = asked.artifact["confirm"]
    done = await confirm_overwrite(ctx.scope, button["payload"])
    assert 'now holds version 1' in done and "undo that" in done
    async with session_factory() as session:
        assert "Designed and built" in (await get_resume(session, owner, resume_id)).markdown
    # The button is used up: the resume changed since it was shown.
    assert "nothing was done" in await confirm_overwrite(ctx.scope, button["payload"])

    await call(undo_edit, ctx, resume_id=str(resume_id))
    async with session_factory() as session:
        assert (await get_resume(session, owner, resume_id)).markdown == RESUME_MD
