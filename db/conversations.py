"""Per-thread conversation state and resume drafts awaiting a confirmed name.

Every query filters by owner; functions flush, the caller commits.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete, func, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import ConversationState, ResumeDraft

_UNSET = object()


class ThreadOwnedByAnother(LookupError):
    """A thread id of one account was used with another account: a bug, never user input
    (thread ids come from the signed-in session)."""


async def get_state(
    session: AsyncSession, owner_id: uuid.UUID, thread_id: str
) -> ConversationState | None:
    return await session.scalar(
        select(ConversationState).where(
            ConversationState.thread_id == thread_id, ConversationState.owner_id == owner_id
        )
    )


async def update_state(
    session: AsyncSession,
    owner_id: uuid.UUID,
    thread_id: str,
    *,
    active_resume_id: uuid.UUID | None | object = _UNSET,
    active_job_id: uuid.UUID | None | object = _UNSET,
    last_version_id: uuid.UUID | None | object = _UNSET,
) -> ConversationState:
    """Create or change the thread's state; arguments left out keep their stored value."""
    changes = {
        name: value
        for name, value in (
            ("active_resume_id", active_resume_id),
            ("active_job_id", active_job_id),
            ("last_version_id", last_version_id),
        )
        if value is not _UNSET
    }
    statement = insert(ConversationState).values(
        thread_id=thread_id, owner_id=owner_id, **changes
    )
    statement = statement.on_conflict_do_update(
        index_elements=[ConversationState.thread_id],
        set_=changes or {"owner_id": owner_id},
        where=ConversationState.owner_id == owner_id,
    )
    row = await session.scalar(
        statement.returning(ConversationState).execution_options(populate_existing=True)
    )
    if row is None:
        raise ThreadOwnedByAnother(f"thread {thread_id} belongs to another account")
    return row


async def create_draft(
    session: AsyncSession,
    owner_id: uuid.UUID,
    *,
    markdown: str,
    source_kind: str,
    source_file_name: str | None,
    suggested_name: str,
    fidelity: dict[str, Any] | None = None,
    file_markdown: str | None = None,
) -> ResumeDraft:
    # Drafts nobody confirmed within a day are abandoned imports; drop them as new ones arrive.
    await session.execute(
        delete(ResumeDraft).where(
            ResumeDraft.owner_id == owner_id,
            ResumeDraft.created_at < func.now() - text("interval '1 day'"),
        )
    )
    draft = ResumeDraft(
        owner_id=owner_id,
        markdown=markdown,
        source_kind=source_kind,
        source_file_name=source_file_name,
        suggested_name=suggested_name,
        fidelity=fidelity,
        file_markdown=file_markdown,
    )
    session.add(draft)
    await session.flush()
    return draft


async def get_draft(
    session: AsyncSession, owner_id: uuid.UUID, draft_id: uuid.UUID
) -> ResumeDraft | None:
    return await session.scalar(
        select(ResumeDraft).where(ResumeDraft.id == draft_id, ResumeDraft.owner_id == owner_id)
    )


async def delete_draft(session: AsyncSession, owner_id: uuid.UUID, draft_id: uuid.UUID) -> None:
    await session.execute(
        delete(ResumeDraft).where(ResumeDraft.id == draft_id, ResumeDraft.owner_id == owner_id)
    )
