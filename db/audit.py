"""The audit log: who did what to whom, when, and how it ended. Rows are never updated."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Account, AuditEntry

OK, REFUSED, FAILED = "ok", "refused", "failed"


async def record(
    session: AsyncSession,
    actor: Account | None,
    action: str,
    *,
    target: str | None,
    outcome: str,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    entry = AuditEntry(
        actor_id=actor.id if actor is not None else None,
        actor_name=actor.username if actor is not None else None,
        action=action,
        target=target,
        outcome=outcome,
        detail=detail or {},
    )
    session.add(entry)
    await session.flush()
    return entry


async def recent(session: AsyncSession, limit: int = 20) -> list[AuditEntry]:
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)
    return list((await session.scalars(query)).all())
