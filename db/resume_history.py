"""Resume history (undo) and the text each chat thread last saw of a resume.

Every query filters by owner; functions flush, the caller commits.
"""

from __future__ import annotations

import uuid

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Resume, ResumeHistory, ResumeSeen

# Undo reaches this many edits back; older texts are dropped.
KEPT_PER_RESUME = 50


async def record_previous(
    session: AsyncSession, resume: Resume, *, action: str, thread_id: str | None
) -> None:
    """Keep the resume's current text before ``action`` replaces it."""
    session.add(ResumeHistory(resume_id=resume.id, owner_id=resume.owner_id,
                              markdown=resume.markdown, action=action, thread_id=thread_id))
    await session.flush()
    kept = (select(ResumeHistory.id).where(ResumeHistory.resume_id == resume.id)
            .order_by(ResumeHistory.id.desc()).limit(KEPT_PER_RESUME))
    await session.execute(delete(ResumeHistory).where(
        ResumeHistory.resume_id == resume.id, ResumeHistory.id.not_in(kept)))


async def latest_previous(
    session: AsyncSession, owner_id: uuid.UUID, resume_id: uuid.UUID
) -> ResumeHistory | None:
    return await session.scalar(
        select(ResumeHistory)
        .where(ResumeHistory.owner_id == owner_id, ResumeHistory.resume_id == resume_id)
        .order_by(ResumeHistory.id.desc())
        .limit(1)
    )


async def drop_entry(session: AsyncSession, entry: ResumeHistory) -> None:
    await session.delete(entry)
    await session.flush()


async def seen_text(
    session: AsyncSession, owner_id: uuid.UUID, thread_id: str, resume_id: uuid.UUID
) -> str | None:
    return await session.scalar(
        select(ResumeSeen.markdown).where(
            ResumeSeen.owner_id == owner_id,
            ResumeSeen.thread_id == thread_id,
            ResumeSeen.resume_id == resume_id,
        )
    )


async def mark_seen(session: AsyncSession, resume: Resume, thread_id: str) -> None:
    """This thread now knows the resume as its current text."""
    statement = insert(ResumeSeen).values(
        thread_id=thread_id, resume_id=resume.id, owner_id=resume.owner_id,
        markdown=resume.markdown,
    )
    await session.execute(statement.on_conflict_do_update(
        index_elements=[ResumeSeen.thread_id, ResumeSeen.resume_id],
        set_={"markdown": resume.markdown, "updated_at": statement.excluded.updated_at},
        where=ResumeSeen.owner_id == resume.owner_id,
    ))
