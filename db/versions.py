"""Generated versions (tailored resumes, cover letters): immutable, numbered per job and kind.

Every query filters by owner; functions flush, the caller commits.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import CoverLetterData, GeneratedDocument


async def lock_versions(
    session: AsyncSession, owner_id: uuid.UUID, job_id: uuid.UUID | None, kind: str
) -> None:
    """Serialise new versions of one (job, kind) until the caller's transaction ends.

    Taken again by ``create_version`` (the lock stacks within a transaction), so a caller that
    must decide on the latest version first holds it across the check and the insert.
    """
    await session.execute(
        text("SELECT pg_advisory_xact_lock(hashtext(:key))"),
        {"key": f"versions/{owner_id}/{job_id}/{kind}"},
    )


async def create_version(
    session: AsyncSession,
    owner_id: uuid.UUID,
    *,
    kind: str,
    job_id: uuid.UUID | None,
    markdown: str,
    source_resume_id: uuid.UUID | None = None,
    parent_id: uuid.UUID | None = None,
    instruction: str | None = None,
    model: str | None = None,
    prompt_version: str | None = None,
    fact_check: dict[str, Any] | None = None,
    match_score: dict[str, Any] | None = None,
    letter: dict[str, Any] | None = None,
    provenance: dict[str, Any] | None = None,
) -> GeneratedDocument:
    """The next version for (job, kind). ``letter`` is the structured cover letter, if any."""
    # Two generations for the same job at once must not pick the same number.
    await lock_versions(session, owner_id, job_id, kind)
    current = await session.scalar(
        select(func.max(GeneratedDocument.version_number)).where(
            GeneratedDocument.owner_id == owner_id,
            GeneratedDocument.kind == kind,
            GeneratedDocument.job_id.is_(None)
            if job_id is None
            else GeneratedDocument.job_id == job_id,
        )
    )
    document = GeneratedDocument(
        owner_id=owner_id,
        kind=kind,
        job_id=job_id,
        source_resume_id=source_resume_id,
        parent_id=parent_id,
        version_number=(current or 0) + 1,
        markdown=markdown,
        instruction=instruction,
        model=model,
        prompt_version=prompt_version,
        fact_check=fact_check,
        match_score=match_score,
        provenance=provenance,
    )
    session.add(document)
    await session.flush()
    if letter is not None:
        session.add(CoverLetterData(document_id=document.id, owner_id=owner_id, letter=letter))
        await session.flush()
    return document


async def list_versions(
    session: AsyncSession,
    owner_id: uuid.UUID,
    *,
    job_id: uuid.UUID | None = None,
    kind: str | None = None,
) -> list[GeneratedDocument]:
    query = select(GeneratedDocument).where(GeneratedDocument.owner_id == owner_id)
    if job_id is not None:
        query = query.where(GeneratedDocument.job_id == job_id)
    if kind is not None:
        query = query.where(GeneratedDocument.kind == kind)
    rows = await session.scalars(
        query.order_by(GeneratedDocument.created_at, GeneratedDocument.version_number)
    )
    return list(rows)


async def get_version(
    session: AsyncSession, owner_id: uuid.UUID, version_id: uuid.UUID
) -> GeneratedDocument | None:
    """None both when the id is unknown and when it is someone else's."""
    return await session.scalar(
        select(GeneratedDocument).where(
            GeneratedDocument.id == version_id, GeneratedDocument.owner_id == owner_id
        )
    )


async def latest_version(
    session: AsyncSession, owner_id: uuid.UUID, *, job_id: uuid.UUID, kind: str
) -> GeneratedDocument | None:
    return await session.scalar(
        select(GeneratedDocument)
        .where(
            GeneratedDocument.owner_id == owner_id,
            GeneratedDocument.job_id == job_id,
            GeneratedDocument.kind == kind,
        )
        .order_by(GeneratedDocument.version_number.desc())
        .limit(1)
    )


async def letter_data(
    session: AsyncSession, owner_id: uuid.UUID, document_id: uuid.UUID
) -> dict[str, Any] | None:
    return await session.scalar(
        select(CoverLetterData.letter).where(
            CoverLetterData.document_id == document_id, CoverLetterData.owner_id == owner_id
        )
    )
