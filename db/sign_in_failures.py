"""The sign-in counters and known-good addresses behind db/lockout.py's arithmetic.

Same convention as db/accounts.py: flush, never commit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.lockout import Counts, FailureCount, Lock, LockoutPolicy, counts_after_failure
from db.models import Account, KnownSignInAddress, LoginFailure

# How long a successful sign-in keeps an address known-good for the account.
KNOWN_ADDRESS_FOR = dt.timedelta(days=90)


@dataclass(frozen=True)
class FailureKeys:
    pair: str
    address_key: str
    account: str
    address: str

    @classmethod
    def of(cls, user_key: str, client_address: str) -> FailureKeys:
        """``user_key``: the username as accounts are looked up (``username_key``)."""
        address = client_address.strip() or "unknown"
        return cls(f"pair:{user_key}|{address}", f"addr:{address}", f"user:{user_key}", address)

    @property
    def all(self) -> list[str]:
        return [self.pair, self.address_key, self.account]


async def is_known_address(session: AsyncSession, account: Account, address: str) -> bool:
    since = dt.datetime.now(dt.UTC) - KNOWN_ADDRESS_FOR
    found = await session.scalar(
        select(KnownSignInAddress.address).where(
            KnownSignInAddress.account_id == account.id,
            KnownSignInAddress.address == address,
            KnownSignInAddress.last_success_at > since,
        )
    )
    return found is not None


async def remember_address(
    session: AsyncSession, account: Account, address: str, now: dt.datetime
) -> None:
    await session.execute(
        insert(KnownSignInAddress)
        .values(account_id=account.id, address=address, last_success_at=now)
        .on_conflict_do_update(
            index_elements=[KnownSignInAddress.account_id, KnownSignInAddress.address],
            set_={"last_success_at": now},
        )
    )
    # Addresses change hands (dynamic IPs): one unused for long proves nothing any more.
    await session.execute(
        delete(KnownSignInAddress).where(
            KnownSignInAddress.account_id == account.id,
            KnownSignInAddress.last_success_at <= now - KNOWN_ADDRESS_FOR,
        )
    )


async def failure_counts(session: AsyncSession, keys: FailureKeys, *, lock: bool) -> Counts:
    query = select(LoginFailure).where(LoginFailure.key.in_(keys.all)).order_by(LoginFailure.key)
    if lock:
        query = query.with_for_update()
    rows = {
        row.key: FailureCount(row.failures, row.first_failure_at, row.locked_until)
        for row in (await session.scalars(query)).all()
    }
    return Counts(
        pair=rows.get(keys.pair), address=rows.get(keys.address_key), account=rows.get(keys.account)
    )


async def record_failure(
    session: AsyncSession,
    keys: FailureKeys,
    now: dt.datetime,
    policy: LockoutPolicy,
    *,
    known_address: bool,
) -> Lock | None:
    """Count one failure on every key; returns the lock this address now meets, if any."""
    # Create missing rows, then lock all of them in key order so concurrent failures serialise.
    await session.execute(
        insert(LoginFailure)
        .values([{"key": key, "failures": 0} for key in keys.all])
        .on_conflict_do_nothing(index_elements=[LoginFailure.key])
    )
    counts = await failure_counts(session, keys, lock=True)
    await forget_stale_failures(session, keys.all, now, policy)
    updated, lock = counts_after_failure(counts, now, policy, known_address=known_address)
    for key, count in (
        (keys.pair, updated.pair),
        (keys.address_key, updated.address),
        (keys.account, updated.account),
    ):
        assert count is not None
        await session.execute(
            update(LoginFailure)
            .where(LoginFailure.key == key)
            .values(
                failures=count.failures,
                first_failure_at=count.first_failure_at,
                locked_until=count.locked_until,
            )
        )
    return lock


async def forget_stale_failures(
    session: AsyncSession, keep: list[str], now: dt.datetime, policy: LockoutPolicy
) -> None:
    # Counters nobody can reach any more; without this every probing address stays forever.
    await session.execute(
        LoginFailure.__table__.delete().where(
            LoginFailure.key.not_in(keep),
            LoginFailure.first_failure_at < now - policy.window,
            (LoginFailure.locked_until.is_(None)) | (LoginFailure.locked_until < now),
        )
    )
