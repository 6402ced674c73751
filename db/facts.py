"""Facts a person confirmed in chat. Every query filters by owner; the caller commits."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import ConfirmedFact


async def add_fact(session: AsyncSession, owner_id: uuid.UUID, text: str) -> ConfirmedFact:
    fact = ConfirmedFact(owner_id=owner_id, text=text)
    session.add(fact)
    await session.flush()
    return fact


async def list_facts(session: AsyncSession, owner_id: uuid.UUID) -> list[ConfirmedFact]:
    rows = await session.scalars(
        select(ConfirmedFact)
        .where(ConfirmedFact.owner_id == owner_id)
        .order_by(ConfirmedFact.created_at, ConfirmedFact.id)
    )
    return list(rows)


async def fact_texts(session: AsyncSession, owner_id: uuid.UUID) -> list[str]:
    return [fact.text for fact in await list_facts(session, owner_id)]
