"""Job repository. Every query filters by owner; functions flush, the caller commits."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Job


async def create_job(
    session: AsyncSession,
    owner_id: uuid.UUID,
    *,
    posting_text: str,
    company: str | None = None,
    title: str | None = None,
    location: str | None = None,
    hiring_manager: str | None = None,
    language: str | None = None,
    source_url: str | None = None,
    fetched_at: dt.datetime | None = None,
) -> Job:
    job = Job(
        source_url=source_url,
        fetched_at=fetched_at,
        owner_id=owner_id,
        posting_text=posting_text,
        company=company,
        title=title,
        location=location,
        hiring_manager=hiring_manager,
        language=language,
    )
    session.add(job)
    await session.flush()
    return job


async def list_jobs(session: AsyncSession, owner_id: uuid.UUID) -> list[Job]:
    rows = await session.scalars(
        select(Job).where(Job.owner_id == owner_id).order_by(Job.created_at, Job.id)
    )
    return list(rows)


async def get_job(session: AsyncSession, owner_id: uuid.UUID, job_id: uuid.UUID) -> Job | None:
    """None both when the id is unknown and when it is someone else's."""
    return await session.scalar(select(Job).where(Job.id == job_id, Job.owner_id == owner_id))


async def store_analysis(
    session: AsyncSession, job: Job, analysis: dict[str, Any], *, fill_details: bool = True
) -> None:
    """Keep the analysis; details the person did not give are taken from it."""
    job.analysis = analysis
    if fill_details:
        for field in ("company", "title", "location", "hiring_manager", "language"):
            if getattr(job, field) is None and analysis.get(field):
                setattr(job, field, analysis[field])
    await session.flush()


# The details a person may correct in conversation ("the company is Acme").
EDITABLE_DETAILS = ("company", "title", "location", "hiring_manager", "reference_code")


async def update_job_details(
    session: AsyncSession, job: Job, changes: dict[str, str | None]
) -> dict[str, tuple[str | None, str | None]]:
    """Apply the changes to the caller's own job; returns field -> (before, after) for each
    field that really changed."""
    changed: dict[str, tuple[str | None, str | None]] = {}
    for field, value in changes.items():
        if field not in EDITABLE_DETAILS:
            raise ValueError(f"{field} is not an editable job detail")
        before = getattr(job, field)
        if before != value:
            setattr(job, field, value)
            changed[field] = (before, value)
    await session.flush()
    return changed
