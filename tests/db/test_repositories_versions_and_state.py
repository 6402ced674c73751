"""Repositories on a real server: version numbers under concurrency, thread state ownership."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, text, update
from tool_harness import new_account

from db.conversations import (
    ThreadOwnedByAnother,
    create_draft,
    get_draft,
    get_state,
    update_state,
)
from db.jobs import create_job
from db.models import ResumeDraft
from db.resumes import create_resume, get_resume, list_resumes, set_primary
from db.versions import create_version, latest_version, list_versions

pytestmark = pytest.mark.db


async def test_concurrent_generations_for_one_job_get_distinct_numbers(session_factory) -> None:
    owner = await new_account(session_factory, "ada")
    async with session_factory.begin() as session:
        job = await create_job(session, owner, posting_text="Data engineer wanted.")

    async def generate(n: int) -> int:
        async with session_factory.begin() as session:
            version = await create_version(session, owner, kind="resume", job_id=job.id,
                                           markdown=f"v{n}")
            await asyncio.sleep(0.05)  # hold the transaction so the others must wait
            return version.version_number

    numbers = await asyncio.gather(*(generate(n) for n in range(5)))
    assert sorted(numbers) == [1, 2, 3, 4, 5]
    async with session_factory.begin() as session:
        letter = await create_version(session, owner, kind="cover_letter", job_id=job.id,
                                      markdown="Dear team")
        newest = await latest_version(session, owner, job_id=job.id, kind="resume")
        every = await list_versions(session, owner, job_id=job.id)
    assert letter.version_number == 1  # numbered per kind
    assert newest.version_number == 5 and len(every) == 6


async def test_one_primary_resume_and_nothing_across_owners(session_factory) -> None:
    ada = await new_account(session_factory, "ada")
    bob = await new_account(session_factory, "bob")
    async with session_factory.begin() as session:
        first = await create_resume(session, ada, name="A", markdown="x", source_kind="markdown")
        second = await create_resume(session, ada, name="B", markdown="y", source_kind="markdown")
        await create_resume(session, bob, name="C", markdown="z", source_kind="markdown")
        assert (first.is_primary, second.is_primary) == (True, False)
        await set_primary(session, second)
    async with session_factory() as session:
        mine = await list_resumes(session, ada)
        assert sorted((r.name, r.is_primary) for r in mine) == [("A", False), ("B", True)]
        assert await get_resume(session, bob, first.id) is None


async def test_thread_state_is_kept_per_thread_and_never_taken_over(session_factory) -> None:
    ada = await new_account(session_factory, "ada")
    bob = await new_account(session_factory, "bob")
    async with session_factory.begin() as session:
        job = await create_job(session, ada, posting_text="Data engineer wanted.")
        await update_state(session, ada, "t-1", active_job_id=job.id)
        kept = await update_state(session, ada, "t-1")  # nothing given: nothing changes
        assert kept.active_job_id == job.id
    async with session_factory.begin() as session:
        with pytest.raises(ThreadOwnedByAnother):
            await update_state(session, bob, "t-1", active_job_id=None)
    async with session_factory() as session:
        assert (await get_state(session, ada, "t-1")).active_job_id == job.id
        assert await get_state(session, bob, "t-1") is None


async def test_abandoned_import_drafts_are_dropped_when_new_ones_arrive(session_factory) -> None:
    ada = await new_account(session_factory, "ada")
    bob = await new_account(session_factory, "bob")
    draft_of = {"markdown": "x", "source_kind": "pdf", "source_file_name": "cv.pdf",
                "suggested_name": "CV"}
    async with session_factory.begin() as session:
        old = await create_draft(session, ada, **draft_of)
        bobs_old = await create_draft(session, bob, **draft_of)
        await session.execute(
            update(ResumeDraft).values(created_at=func.now() - text("interval '2 days'")))
    async with session_factory.begin() as session:
        fresh = await create_draft(session, ada, **draft_of)
    async with session_factory() as session:
        assert await get_draft(session, ada, old.id) is None
        assert await get_draft(session, ada, fresh.id) is not None
        assert await get_draft(session, bob, bobs_old.id) is not None  # only the importer's own
