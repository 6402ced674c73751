"""Model connection rows: one per person, and the instance default (the row without an account).

Keys arrive here already encrypted; this module never sees a key in clear.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import LlmSettings

# Passed as the key to leave a stored key as it is (None clears it).
KEEP = object()


async def personal_settings(session: AsyncSession, account_id: uuid.UUID) -> LlmSettings | None:
    return await session.scalar(select(LlmSettings).where(LlmSettings.account_id == account_id))


async def instance_default(session: AsyncSession) -> LlmSettings | None:
    return await session.scalar(select(LlmSettings).where(LlmSettings.account_id.is_(None)))


async def upsert_settings(
    session: AsyncSession,
    account_id: uuid.UUID | None,
    *,
    base_url: str | None,
    model: str | None,
    encrypted_key: bytes | None | object = KEEP,
    timeout_s: float | None = None,
) -> LlmSettings:
    """Create or replace the row of ``account_id`` (None: the instance default)."""
    values: dict[str, object] = {"base_url": base_url, "model": model, "timeout_s": timeout_s}
    if encrypted_key is not KEEP:
        values["encrypted_key"] = encrypted_key
    statement = (
        insert(LlmSettings)
        .values(id=uuid.uuid4(), account_id=account_id, **values)
        .on_conflict_do_update(constraint="uq_llm_settings_account_id", set_=values)
        .returning(LlmSettings)
        .execution_options(populate_existing=True)
    )
    row = await session.scalar(statement)
    assert row is not None, "an upsert with RETURNING always returns the row"
    return row
