"""Lockout arithmetic: counting within a window, locking, and expiry."""

from __future__ import annotations

import datetime as dt

from db.lockout import FailureCount, LockoutPolicy, active_lock, after_failure, lockout_message

T0 = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
POLICY = LockoutPolicy(
    max_failures=3, window=dt.timedelta(minutes=10), lockout=dt.timedelta(minutes=15)
)


def minutes(n: float) -> dt.timedelta:
    return dt.timedelta(minutes=n)


def fail_times(*offsets: float) -> FailureCount | None:
    count: FailureCount | None = None
    for offset in offsets:
        count = after_failure(count, T0 + minutes(offset), POLICY)
    return count


def test_failures_below_the_limit_do_not_lock() -> None:
    count = fail_times(0, 1)
    assert count is not None and count.failures == 2
    assert active_lock(count, T0 + minutes(1)) is None


def test_reaching_the_limit_within_the_window_locks_for_the_lockout_period() -> None:
    count = fail_times(0, 1, 2)
    assert count is not None and count.failures == 3
    assert active_lock(count, T0 + minutes(2)) == T0 + minutes(17)
    assert active_lock(count, T0 + minutes(16.9)) == T0 + minutes(17)


def test_failures_spread_beyond_the_window_start_a_new_count() -> None:
    count = fail_times(0, 5, 11)
    assert count is not None
    assert count.failures == 1 and count.first_failure_at == T0 + minutes(11)
    assert active_lock(count, T0 + minutes(11)) is None


def test_lock_expires_and_the_next_failure_counts_from_one() -> None:
    count = fail_times(0, 1, 2)
    assert active_lock(count, T0 + minutes(17)) is None
    after = after_failure(count, T0 + minutes(18), POLICY)
    assert after.failures == 1 and after.locked_until is None


def test_nothing_recorded_means_not_locked() -> None:
    assert active_lock(None, T0) is None
    assert active_lock(FailureCount(), T0) is None


def test_settings_give_the_policy() -> None:
    class Configured:
        login_max_failures = 5
        login_lockout_minutes = 15
        login_failure_window_minutes = 30

    policy = LockoutPolicy.from_settings(Configured())
    assert policy == LockoutPolicy(5, minutes(30), minutes(15))


def test_message_says_until_when_and_what_to_do() -> None:
    message = lockout_message(T0 + minutes(15), T0)
    assert "12:15 UTC" in message
    assert "about 15 minutes" in message
    assert "try again" in message
    assert "(about 1 minute)" in lockout_message(T0 + dt.timedelta(seconds=20), T0)
