"""Administration queries: accounts with their counts, the active-admin guard, full deletion.

Same convention as ``db.accounts``: flush, never commit.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Account, AdminConfirmation, GeneratedDocument, LoginFailure, Resume

CONFIRMATION_LIFETIME = dt.timedelta(minutes=5)
LANGGRAPH_THREAD_TABLES = ("checkpoint_writes", "checkpoint_blobs", "checkpoints")


@dataclass(frozen=True)
class AccountSummary:
    account: Account
    resume_count: int
    document_count: int


def _count(model: type[Resume] | type[GeneratedDocument]):  # type: ignore[no-untyped-def]
    return (
        select(func.count())
        .select_from(model)
        .where(model.owner_id == Account.id)
        .correlate(Account)
        .scalar_subquery()
    )


async def account_summaries(
    session: AsyncSession, account_id: uuid.UUID | None = None
) -> list[AccountSummary]:
    query = select(Account, _count(Resume), _count(GeneratedDocument)).order_by(
        Account.username_key
    )
    if account_id is not None:
        query = query.where(Account.id == account_id)
    rows = (await session.execute(query)).all()
    return [AccountSummary(account, int(r), int(d)) for account, r, d in rows]


async def other_active_admins(session: AsyncSession, account_id: uuid.UUID) -> int:
    """Active admins besides this account, with their rows locked.

    Locking every active admin row serialises concurrent demotions, so two admins cannot
    each remove the other and leave the instance with none.
    """
    query = (
        select(Account.id)
        .where(Account.roles.contains(["admin"]), Account.is_active.is_(True))
        .order_by(Account.id)
        .with_for_update()
    )
    ids = (await session.scalars(query)).all()
    return sum(1 for found in ids if found != account_id)


async def new_confirmation(
    session: AsyncSession,
    actor_id: uuid.UUID,
    target_id: uuid.UUID | None,
    action: str,
    params: dict[str, Any] | None = None,
) -> str:
    nonce = secrets.token_urlsafe(24)
    session.add(
        AdminConfirmation(
            nonce=nonce,
            actor_id=actor_id,
            target_id=target_id,
            action=action,
            params=params or {},
            expires_at=dt.datetime.now(dt.UTC) + CONFIRMATION_LIFETIME,
        )
    )
    await session.flush()
    return nonce


async def use_confirmation(
    session: AsyncSession, nonce: str, actor_id: uuid.UUID, target_id: uuid.UUID | None
) -> AdminConfirmation | None:
    """The live confirmation made for exactly this admin and target, used up; else None."""
    same_target = (
        AdminConfirmation.target_id.is_(None)
        if target_id is None
        else AdminConfirmation.target_id == target_id
    )
    return await session.scalar(
        delete(AdminConfirmation)
        .where(
            AdminConfirmation.nonce == nonce,
            AdminConfirmation.actor_id == actor_id,
            same_target,
            AdminConfirmation.expires_at > func.now(),
        )
        .returning(AdminConfirmation)
    )


async def _thread_ids(session: AsyncSession, account: Account) -> list[str]:
    # Checkpoints know only a thread id: gather every id the person's chats could have used.
    rows = await session.execute(
        text(
            'SELECT t.id::text FROM threads t LEFT JOIN users u ON u.id = t."userId" '
            'WHERE u.identifier = :name OR t."userIdentifier" = :name '
            "UNION SELECT thread_id FROM conversation_state WHERE owner_id = :id "
            "UNION SELECT thread_id FROM files WHERE owner_id = :id AND thread_id IS NOT NULL"
        ),
        {"name": account.username, "id": account.id},
    )
    return [row[0] for row in rows]


async def delete_account_everywhere(session: AsyncSession, account: Account) -> int:
    """Delete the account and everything of theirs; returns how many threads went with it."""
    thread_ids = await _thread_ids(session, account)
    for table in LANGGRAPH_THREAD_TABLES:
        await session.execute(
            text(f"DELETE FROM {table} WHERE thread_id = ANY(:ids)"), {"ids": thread_ids}
        )
    # Chainlit's rows: threads cascade to steps, elements and feedbacks.
    await session.execute(
        text(
            'DELETE FROM threads WHERE "userIdentifier" = :name OR "userId" IN '
            "(SELECT id FROM users WHERE identifier = :name)"
        ),
        {"name": account.username},
    )
    await session.execute(
        text("DELETE FROM users WHERE identifier = :name OR metadata->>'account_id' = :id"),
        {"name": account.username, "id": str(account.id)},
    )
    await session.execute(
        delete(LoginFailure).where(LoginFailure.key == f"user:{account.username_key}")
    )
    # Our own tables cascade from accounts (files, resumes, jobs, versions, settings...).
    await session.execute(delete(Account).where(Account.id == account.id))
    session.expunge(account)
    return len(thread_ids)
