"""Sign-in lockout arithmetic, kept pure so it can be tested without a database or a clock.

Three counters, so that nobody can lock someone else out from elsewhere (issue 21):

- per (account, address) pair: ``max_failures`` failures within ``window`` lock that pair for
  ``lockout``. Guessing from one place stops there, for that account only.
- per address: the same limit across all usernames, so one address cannot try many accounts.
  An address the account signed in from before is not held to it for that account.
- per account, from everywhere: a slower back-off. From ``ACCOUNT_FACTOR * max_failures``
  failures within the window, sign-in from addresses the account has not signed in from before
  pauses for a minute, doubling with each further failure up to ``lockout``. The right password
  from a known-good address is never refused by it, however long strangers keep failing.

A pair or address counter whose window has passed, or whose lock has expired, starts again from
one on the next failure; the account counter only restarts when its window has passed, so its
back-off keeps growing while failures keep coming.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

# How many times the per-pair limit the account's failures from everywhere may reach first.
ACCOUNT_FACTOR = 4
FIRST_ACCOUNT_BACKOFF = dt.timedelta(minutes=1)


class LockoutSettings(Protocol):
    login_max_failures: int
    login_lockout_minutes: int
    login_failure_window_minutes: int


@dataclass(frozen=True)
class LockoutPolicy:
    max_failures: int
    window: dt.timedelta
    lockout: dt.timedelta

    @classmethod
    def from_settings(cls, settings: LockoutSettings) -> LockoutPolicy:
        return cls(
            max_failures=max(1, settings.login_max_failures),
            window=dt.timedelta(minutes=settings.login_failure_window_minutes),
            lockout=dt.timedelta(minutes=settings.login_lockout_minutes),
        )

    @property
    def account_threshold(self) -> int:
        return ACCOUNT_FACTOR * self.max_failures


@dataclass(frozen=True)
class FailureCount:
    failures: int = 0
    first_failure_at: dt.datetime | None = None
    locked_until: dt.datetime | None = None


class LockScope(Enum):
    PAIR = "pair"
    ADDRESS = "address"
    ACCOUNT = "account"


@dataclass(frozen=True)
class Lock:
    scope: LockScope
    until: dt.datetime


@dataclass(frozen=True)
class Counts:
    """The three counters of one sign-in attempt (None: nothing recorded)."""

    pair: FailureCount | None = None
    address: FailureCount | None = None
    account: FailureCount | None = None


def active_lock(count: FailureCount | None, now: dt.datetime) -> dt.datetime | None:
    """When the lock ends, if the key is locked at ``now``."""
    if count is None or count.locked_until is None or count.locked_until <= now:
        return None
    return count.locked_until


def lock_in_force(counts: Counts, now: dt.datetime, *, known_address: bool) -> Lock | None:
    """What refuses this attempt before its password is checked, if anything.

    ``known_address``: the account has signed in successfully from this address before.
    """
    if until := active_lock(counts.pair, now):
        return Lock(LockScope.PAIR, until)
    if known_address:
        return None
    if until := active_lock(counts.address, now):
        return Lock(LockScope.ADDRESS, until)
    if until := active_lock(counts.account, now):
        return Lock(LockScope.ACCOUNT, until)
    return None


def after_failure(
    count: FailureCount | None, now: dt.datetime, policy: LockoutPolicy
) -> FailureCount:
    """A pair or address counter after one more failed sign-in at ``now``."""
    fresh = (
        count is None
        or count.first_failure_at is None
        or now - count.first_failure_at >= policy.window
        or (count.locked_until is not None and count.locked_until <= now)
    )
    if fresh:
        failures, first = 1, now
    else:
        assert count is not None and count.first_failure_at is not None
        failures, first = count.failures + 1, count.first_failure_at
    locked_until = now + policy.lockout if failures >= policy.max_failures else None
    return FailureCount(failures, first, locked_until)


def account_backoff(failures: int, policy: LockoutPolicy) -> dt.timedelta | None:
    """How long new addresses wait after the account's ``failures``-th failure, if at all."""
    beyond = failures - policy.account_threshold
    if beyond < 0:
        return None
    # Capped exponent: the doubling passes any sane lockout long before 2**20 minutes.
    return min(policy.lockout, FIRST_ACCOUNT_BACKOFF * 2 ** min(beyond, 20))


def after_account_failure(
    count: FailureCount | None, now: dt.datetime, policy: LockoutPolicy
) -> FailureCount:
    """The account counter after one more failure from anywhere at ``now``."""
    if count is None or count.first_failure_at is None or now - count.first_failure_at >= (
        policy.window
    ):
        failures, first = 1, now
    else:
        failures, first = count.failures + 1, count.first_failure_at
    backoff = account_backoff(failures, policy)
    return FailureCount(failures, first, now + backoff if backoff is not None else None)


def counts_after_failure(
    counts: Counts, now: dt.datetime, policy: LockoutPolicy, *, known_address: bool
) -> tuple[Counts, Lock | None]:
    """All three counters after a failed sign-in, and the lock this attempt now meets next."""
    updated = Counts(
        pair=after_failure(counts.pair, now, policy),
        address=after_failure(counts.address, now, policy),
        account=after_account_failure(counts.account, now, policy),
    )
    return updated, lock_in_force(updated, now, known_address=known_address)


def _until(until: dt.datetime, now: dt.datetime) -> str:
    minutes = max(1, -(-int((until - now).total_seconds()) // 60))
    when = until.astimezone(dt.UTC).strftime("%H:%M UTC")
    return f"{when} (about {minutes} minute{'s' if minutes != 1 else ''})"


def lockout_message(lock: Lock, now: dt.datetime) -> str:
    """What happened, in words the person can act on."""
    until = _until(lock.until, now)
    if lock.scope is LockScope.PAIR:
        return (
            "Too many failed sign-in attempts for this account from your network address. "
            f"Sign-in to it from here is locked until {until}; try again then, or ask an "
            "administrator to reset your password."
        )
    if lock.scope is LockScope.ADDRESS:
        return (
            "Too many failed sign-in attempts from your network address, for several "
            f"accounts. Sign-in from here is locked until {until}; try again then."
        )
    return (
        "This account has had many failed sign-in attempts from other addresses, so "
        f"sign-in to it from a new address is paused until {until}. A device or network "
        "you signed in from before is not affected: try from there, or again later."
    )
