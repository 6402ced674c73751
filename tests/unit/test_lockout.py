"""Lockout arithmetic: counting within a window, locking, expiry, and who a lock holds back."""

from __future__ import annotations

import datetime as dt

from db.lockout import (
    Counts,
    FailureCount,
    Lock,
    LockoutPolicy,
    LockScope,
    account_backoff,
    active_lock,
    after_account_failure,
    after_failure,
    counts_after_failure,
    lock_in_force,
    lockout_message,
)

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


def test_message_says_until_when_what_happened_and_what_to_do() -> None:
    pair = lockout_message(Lock(LockScope.PAIR, T0 + minutes(15)), T0)
    assert "12:15 UTC" in pair and "about 15 minutes" in pair and "try again" in pair
    assert "for this account from your network address" in pair
    address = lockout_message(Lock(LockScope.ADDRESS, T0 + minutes(15)), T0)
    assert "from your network address, for several accounts" in address
    account = lockout_message(Lock(LockScope.ACCOUNT, T0 + minutes(2)), T0)
    assert "from other addresses" in account and "signed in from before is not affected" in account
    short = lockout_message(Lock(LockScope.PAIR, T0 + dt.timedelta(seconds=20)), T0)
    assert "(about 1 minute)" in short


def strangers_fail(times: int, *, every: float = 0.1) -> FailureCount | None:
    """The account's counter after ``times`` failures from ever-new addresses."""
    count: FailureCount | None = None
    for n in range(times):
        count = after_account_failure(count, T0 + minutes(n * every), POLICY)
    return count


def test_failures_from_rotating_addresses_never_lock_a_known_address() -> None:
    account = strangers_fail(200)
    assert account is not None and active_lock(account, T0 + minutes(20)) is not None
    lock = lock_in_force(Counts(account=account), T0 + minutes(20), known_address=True)
    assert lock is None, "the right password from where the person signed in before works"
    # A new address waits for the account's back-off, and is told why.
    lock = lock_in_force(Counts(account=account), T0 + minutes(20), known_address=False)
    assert lock is not None and lock.scope is LockScope.ACCOUNT


def test_the_account_back_off_is_slower_and_grows_to_the_lockout() -> None:
    threshold = POLICY.account_threshold
    assert threshold > POLICY.max_failures
    assert account_backoff(threshold - 1, POLICY) is None
    assert account_backoff(threshold, POLICY) == minutes(1)
    assert account_backoff(threshold + 2, POLICY) == minutes(4)
    assert account_backoff(threshold + 100, POLICY) == POLICY.lockout
    # Unlike a pair lock, an expired back-off does not restart the count within the window.
    count = strangers_fail(threshold)
    assert count is not None
    later = after_account_failure(count, T0 + minutes(5), POLICY)
    assert later.failures == threshold + 1 and later.locked_until == T0 + minutes(7)
    assert after_account_failure(later, T0 + minutes(30), POLICY).failures == 1


def test_a_pair_lock_holds_only_that_account_from_that_address() -> None:
    counts = Counts()
    for n in range(3):
        counts, lock = counts_after_failure(counts, T0 + minutes(n), POLICY, known_address=False)
    assert lock is not None and lock.scope is LockScope.PAIR
    # Even a known address is held by its own pair lock: the guesses came from there.
    assert lock_in_force(counts, T0 + minutes(3), known_address=True) == lock
    # Another address for the same account has nothing of its own; the account counter is low.
    assert lock_in_force(Counts(account=counts.account), T0 + minutes(3),
                         known_address=False) is None


def test_an_address_lock_does_not_hold_an_account_that_signed_in_there() -> None:
    address = fail_times(0, 1, 2)
    assert lock_in_force(Counts(address=address), T0 + minutes(3), known_address=True) is None
    refused = lock_in_force(Counts(address=address), T0 + minutes(3), known_address=False)
    assert refused is not None and refused.scope is LockScope.ADDRESS
