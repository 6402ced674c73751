"""Resume repository. Every query filters by owner; functions flush, the caller commits."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Resume


async def create_resume(
    session: AsyncSession,
    owner_id: uuid.UUID,
    *,
    name: str,
    markdown: str,
    source_kind: str,
    source_file_name: str | None = None,
    fidelity: dict[str, Any] | None = None,
) -> Resume:
    # The first resume a person saves becomes their primary one.
    has_any = await session.scalar(select(Resume.id).where(Resume.owner_id == owner_id).limit(1))
    resume = Resume(
        owner_id=owner_id,
        name=name,
        markdown=markdown,
        source_kind=source_kind,
        source_file_name=source_file_name,
        fidelity=fidelity,
        is_primary=has_any is None,
    )
    session.add(resume)
    await session.flush()
    return resume


async def list_resumes(session: AsyncSession, owner_id: uuid.UUID) -> list[Resume]:
    rows = await session.scalars(
        select(Resume).where(Resume.owner_id == owner_id).order_by(Resume.created_at, Resume.id)
    )
    return list(rows)


async def get_resume(
    session: AsyncSession, owner_id: uuid.UUID, resume_id: uuid.UUID
) -> Resume | None:
    """None both when the id is unknown and when it is someone else's."""
    return await session.scalar(
        select(Resume).where(Resume.id == resume_id, Resume.owner_id == owner_id)
    )


async def primary_resume(session: AsyncSession, owner_id: uuid.UUID) -> Resume | None:
    return await session.scalar(
        select(Resume).where(Resume.owner_id == owner_id, Resume.is_primary)
    )


async def set_primary(session: AsyncSession, resume: Resume) -> None:
    await session.execute(
        update(Resume)
        .where(Resume.owner_id == resume.owner_id, Resume.is_primary, Resume.id != resume.id)
        .values(is_primary=False)
        .execution_options(synchronize_session=False)
    )
    resume.is_primary = True
    await session.flush()


async def set_inclusion(session: AsyncSession, resume: Resume, inclusion: dict[str, Any]) -> None:
    resume.inclusion = dict(inclusion)
    await session.flush()
