"""Deleting resumes and reading what was made from them. Every query filters by owner."""

from __future__ import annotations

import uuid

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import GeneratedDocument, Resume


async def count_versions_from(
    session: AsyncSession, owner_id: uuid.UUID, resume_id: uuid.UUID
) -> int:
    """How many generated versions name this resume as their source."""
    count = await session.scalar(
        select(func.count()).select_from(GeneratedDocument).where(
            GeneratedDocument.owner_id == owner_id,
            GeneratedDocument.source_resume_id == resume_id,
        )
    )
    return int(count or 0)


async def delete_versions_from(
    session: AsyncSession, owner_id: uuid.UUID, resume_id: uuid.UUID
) -> int:
    result = await session.execute(
        delete(GeneratedDocument).where(
            GeneratedDocument.owner_id == owner_id,
            GeneratedDocument.source_resume_id == resume_id,
        )
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def delete_resume(session: AsyncSession, resume: Resume) -> Resume | None:
    """Delete the resume; when it was the primary one, the oldest remaining becomes primary.

    Returns the new primary resume, if one was chosen.
    """
    owner_id, was_primary = resume.owner_id, resume.is_primary
    await session.delete(resume)
    await session.flush()
    if not was_primary:
        return None
    successor = await session.scalar(
        select(Resume).where(Resume.owner_id == owner_id)
        .order_by(Resume.created_at, Resume.id).limit(1)
    )
    if successor is not None:
        successor.is_primary = True
        await session.flush()
    return successor
