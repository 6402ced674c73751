"""Sign-in lockout arithmetic, kept pure so it can be tested without a database or a clock.

A counter starts at the first failure and counts failures within ``window``. Reaching
``max_failures`` locks the key for ``lockout``. A counter whose window has passed, or whose lock
has expired, starts again from one on the next failure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol


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


@dataclass(frozen=True)
class FailureCount:
    failures: int = 0
    first_failure_at: dt.datetime | None = None
    locked_until: dt.datetime | None = None


def active_lock(count: FailureCount | None, now: dt.datetime) -> dt.datetime | None:
    """When the lock ends, if the key is locked at ``now``."""
    if count is None or count.locked_until is None or count.locked_until <= now:
        return None
    return count.locked_until


def after_failure(
    count: FailureCount | None, now: dt.datetime, policy: LockoutPolicy
) -> FailureCount:
    """The count after one more failed sign-in at ``now``."""
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


def lockout_message(until: dt.datetime, now: dt.datetime) -> str:
    minutes = max(1, -(-int((until - now).total_seconds()) // 60))
    when = until.astimezone(dt.UTC).strftime("%H:%M UTC")
    return (
        "Too many failed sign-in attempts. Sign-in is locked until "
        f"{when} (about {minutes} minute{'s' if minutes != 1 else ''}); try again then, "
        "or ask an administrator to reset your password."
    )
