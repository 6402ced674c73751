"""Applications: a job's status changes (each kept) and the files exported for its versions.

Every query filters by owner; functions flush, the caller commits.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import GeneratedDocument, Job, JobExport, JobStatusChange, StoredFile


async def change_status(
    session: AsyncSession, job: Job, status: str, *, on_date: dt.date, note: str | None
) -> JobStatusChange:
    """Set the job's status and keep the change; the job must be the caller's own (checked)."""
    change = JobStatusChange(job_id=job.id, owner_id=job.owner_id, status=status,
                             previous_status=job.status, on_date=on_date, note=note)
    session.add(change)
    job.status, job.status_on, job.status_note = status, on_date, note
    job.status_changed_at = dt.datetime.now(dt.UTC)
    await session.flush()
    return change


async def status_history(
    session: AsyncSession, owner_id: uuid.UUID, job_id: uuid.UUID
) -> list[JobStatusChange]:
    rows = await session.scalars(
        select(JobStatusChange)
        .where(JobStatusChange.owner_id == owner_id, JobStatusChange.job_id == job_id)
        .order_by(JobStatusChange.id)
    )
    return list(rows)


async def record_export(
    session: AsyncSession, version: GeneratedDocument | None, stored: StoredFile
) -> JobExport | None:
    """Remember that this file was made from this version of a job (nothing for a version
    without a job, or one deleted meanwhile); both rows are the same owner's."""
    if version is None or version.job_id is None:
        return None
    if stored.owner_id != version.owner_id:
        raise ValueError("an export is recorded for its owner's own file only")
    export = JobExport(owner_id=version.owner_id, job_id=version.job_id, version_id=version.id,
                       kind=version.kind, version_number=version.version_number,
                       file_id=stored.id, sha256=hashlib.sha256(stored.content).hexdigest())
    session.add(export)
    await session.flush()
    return export


async def job_exports(
    session: AsyncSession, owner_id: uuid.UUID, job_id: uuid.UUID
) -> list[tuple[JobExport, StoredFile]]:
    """The job's exports with their files, oldest first."""
    rows = await session.execute(
        select(JobExport, StoredFile)
        .join(StoredFile, StoredFile.id == JobExport.file_id)
        .where(JobExport.owner_id == owner_id, JobExport.job_id == job_id,
               StoredFile.owner_id == owner_id)
        .order_by(JobExport.created_at, JobExport.id)
    )
    return [(export, stored) for export, stored in rows]
