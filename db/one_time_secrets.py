"""One-time secrets: stored encrypted, read at most once, by their creator, before they expire.

Functions flush; the caller commits.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import delete, func
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import OneTimeSecret


async def store_secret(
    session: AsyncSession,
    *,
    creator_id: uuid.UUID,
    account_id: uuid.UUID,
    ciphertext: bytes,
    lifetime: dt.timedelta,
) -> OneTimeSecret:
    # Unread secrets past their time are useless; dropping them here keeps the table small.
    await session.execute(delete(OneTimeSecret).where(OneTimeSecret.expires_at <= func.now()))
    row = OneTimeSecret(creator_id=creator_id, account_id=account_id, ciphertext=ciphertext,
                        expires_at=func.now() + lifetime)
    session.add(row)
    await session.flush()
    return row


async def take_secret(
    session: AsyncSession, secret_id: uuid.UUID, creator_id: uuid.UUID
) -> OneTimeSecret | None:
    """The secret, deleted in the same statement so only one reader ever gets it; None when it
    is not this creator's, was read already, or has expired."""
    return await session.scalar(
        delete(OneTimeSecret)
        .where(OneTimeSecret.id == secret_id, OneTimeSecret.creator_id == creator_id,
               OneTimeSecret.expires_at > func.now())
        .returning(OneTimeSecret)
    )
