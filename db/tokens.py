"""Single-use link tokens sent by email: verify an address, reset a password.

Only a SHA-256 of the token is stored, so a copy of the database cannot be turned into working
links. A token is void once used, once expired, once a newer link of the same kind was sent (the
older rows are deleted), and once the account's session version moved on (any password change or
sign-out-everywhere happened after it was sent).

Same conventions as the other repositories: flush, never commit.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Account, LinkToken

VERIFY, RESET = "verify", "reset"
LIFETIMES = {VERIFY: dt.timedelta(hours=24), RESET: dt.timedelta(hours=1)}


class LinkRefusal(enum.Enum):
    """Why a link does not work; the web pages turn each into a clear message."""

    UNKNOWN = "unknown"  # mistyped, tampered with, or replaced by a newer link
    EXPIRED = "expired"
    USED = "used"


@dataclass(frozen=True)
class LinkCheck:
    account: Account | None
    refusal: LinkRefusal | None = None


def _hash(raw_token: str) -> str:
    return hashlib.sha256(raw_token.encode("utf-8", "surrogatepass")).hexdigest()


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def issue_link_token(
    session: AsyncSession, account: Account, purpose: str, *, now: dt.datetime | None = None
) -> str:
    """A new link token for the account; every older one of the same purpose stops working."""
    if purpose not in LIFETIMES:
        raise ValueError(f"unknown link purpose {purpose!r}")
    issued = now or _utcnow()
    await session.execute(
        delete(LinkToken).where(LinkToken.account_id == account.id, LinkToken.purpose == purpose)
    )
    raw = secrets.token_urlsafe(32)
    session.add(
        LinkToken(
            token_hash=_hash(raw),
            account_id=account.id,
            purpose=purpose,
            session_version=account.session_version,
            expires_at=issued + LIFETIMES[purpose],
        )
    )
    await session.flush()
    return raw


async def check_link_token(
    session: AsyncSession, raw_token: str, purpose: str, *, now: dt.datetime | None = None
) -> LinkCheck:
    """Whether the link works right now, without using it up (for showing a form first)."""
    row = await session.get(LinkToken, _hash(raw_token))
    return await _judge(session, row, purpose, now or _utcnow())


async def use_link_token(
    session: AsyncSession, raw_token: str, purpose: str, *, now: dt.datetime | None = None
) -> LinkCheck:
    """Use the link up. Of two concurrent uses exactly one succeeds (row lock, then mark)."""
    when = now or _utcnow()
    row = await session.scalar(
        select(LinkToken)
        .where(LinkToken.token_hash == _hash(raw_token))
        .with_for_update()
        # A check earlier in the same session may have loaded the row before someone used it.
        .execution_options(populate_existing=True)
    )
    check = await _judge(session, row, purpose, when)
    if check.account is not None and row is not None:
        await session.execute(
            update(LinkToken).where(LinkToken.token_hash == row.token_hash).values(used_at=when)
        )
        await session.flush()
    return check


async def _judge(
    session: AsyncSession, row: LinkToken | None, purpose: str, now: dt.datetime
) -> LinkCheck:
    if row is None or row.purpose != purpose:
        return LinkCheck(None, LinkRefusal.UNKNOWN)
    if row.used_at is not None:
        return LinkCheck(None, LinkRefusal.USED)
    if row.expires_at <= now:
        return LinkCheck(None, LinkRefusal.EXPIRED)
    account = await session.get(Account, row.account_id)
    if account is None or account.session_version != row.session_version:
        # The password changed (or every session was ended) after this link was sent.
        return LinkCheck(None, LinkRefusal.UNKNOWN)
    return LinkCheck(account)
