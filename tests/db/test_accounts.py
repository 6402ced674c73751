"""Account repository on a real database: creation, sign-in, lockout, password changes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from passlib.hash import argon2
from sqlalchemy import select

from assistant.passwords import RULE_MIN_LENGTH, RULE_NOT_COMMON
from db.accounts import (
    INVALID_CREDENTIALS,
    AccountError,
    authenticate,
    bump_session_version,
    change_password,
    count_accounts,
    create_account,
    get_account,
    get_account_by_username,
    set_active,
)
from db.models import Account, LoginFailure

pytestmark = pytest.mark.db

GOOD = "tangerine kettle marathon"


@dataclass
class Limits:
    login_max_failures: int = 3
    login_lockout_minutes: int = 15
    login_failure_window_minutes: int = 15


LIMITS = Limits()


async def sign_in(factory, username: str, password: str, address: str = "10.0.0.1"):
    async with factory.begin() as session:
        return await authenticate(
            session, username, password, client_address=address, settings=LIMITS
        )


async def make_account(factory, username: str = "Alice", **kwargs) -> Account:
    async with factory.begin() as session:
        return await create_account(session, username, GOOD, **kwargs)


async def test_create_and_find_case_insensitively(session_factory) -> None:
    created = await make_account(session_factory, "Alice.Smith", roles=("user", "admin"))
    async with session_factory() as session:
        assert await count_accounts(session) == 1
        found = await get_account_by_username(session, "  alice.SMITH ")
        assert found is not None and found.id == created.id
        assert found.username == "Alice.Smith"
        assert found.is_admin and found.is_active and not found.must_change_password
        assert found.password_hash != GOOD
        assert (await get_account(session, str(created.id))).id == created.id
        assert await get_account(session, "not-a-uuid") is None


async def test_duplicate_username_differing_only_in_case_is_refused(session_factory) -> None:
    await make_account(session_factory, "alice")
    with pytest.raises(AccountError, match="'ALICE' is already taken"):
        await make_account(session_factory, "ALICE")
    async with session_factory() as session:
        assert await count_accounts(session) == 1


@pytest.mark.parametrize("username", ["al", "has space", "ünïcode", "-dash-first", "x" * 65])
async def test_invalid_username_says_what_is_allowed(session_factory, username: str) -> None:
    with pytest.raises(AccountError, match="3 to 64 characters"):
        await make_account(session_factory, username)


async def test_weak_password_lists_the_failed_rules(session_factory) -> None:
    async with session_factory.begin() as session:
        with pytest.raises(AccountError) as caught:
            await create_account(session, "bob", "password1")
    assert RULE_MIN_LENGTH in str(caught.value)
    async with session_factory.begin() as session:
        with pytest.raises(AccountError) as caught:
            await create_account(session, "bob", "password123")
    assert RULE_NOT_COMMON in str(caught.value)
    async with session_factory() as session:
        assert await count_accounts(session) == 0


async def test_unknown_role_is_refused(session_factory) -> None:
    with pytest.raises(AccountError, match="Unknown role"):
        await make_account(session_factory, "carol", roles=("superuser",))


async def test_successful_sign_in_records_last_login(session_factory) -> None:
    await make_account(session_factory, "alice")
    outcome = await sign_in(session_factory, "ALICE", GOOD)
    assert outcome.message is None and outcome.account is not None
    assert outcome.account.username == "alice"
    async with session_factory() as session:
        account = await get_account_by_username(session, "alice")
        assert account is not None and account.last_login_at is not None
        age = dt.datetime.now(dt.UTC) - account.last_login_at
        assert age < dt.timedelta(minutes=1)


async def test_wrong_password_unknown_user_and_disabled_account_look_the_same(
    session_factory,
) -> None:
    alice = await make_account(session_factory, "alice")
    await make_account(session_factory, "dave")
    async with session_factory.begin() as session:
        await set_active(session, (await make_account(session_factory, "frank")).id, False)

    wrong = await sign_in(session_factory, "alice", "not the password", "10.0.0.1")
    unknown = await sign_in(session_factory, "mallory", GOOD, "10.0.0.2")
    disabled = await sign_in(session_factory, "frank", GOOD, "10.0.0.3")
    for outcome in (wrong, unknown, disabled):
        assert outcome.account is None
        assert outcome.message == INVALID_CREDENTIALS
    assert alice.last_login_at is None


async def test_guesses_from_one_address_lock_that_account_there_only(session_factory) -> None:
    await make_account(session_factory, "alice")
    for attempt in range(1, 4):
        outcome = await sign_in(session_factory, "alice", f"guess number {attempt}", "10.0.0.1")
        assert outcome.account is None
    assert "locked until" in outcome.message

    blocked = await sign_in(session_factory, "Alice", GOOD, "10.0.0.1")
    assert blocked.account is None
    assert blocked.message is not None and "from your network address" in blocked.message
    assert INVALID_CREDENTIALS not in blocked.message
    # Alice elsewhere is not affected (the address itself is held by the per-address limit).
    assert (await sign_in(session_factory, "alice", GOOD, "10.0.0.9")).account is not None


async def test_strangers_cannot_lock_the_admin_out(session_factory) -> None:
    """Failures from ever-changing addresses (issue 21: five from rotating addresses locked the
    account for everyone, renewable forever) only slow down sign-in from new addresses."""
    await make_account(session_factory, "root", roles=("user", "admin"))
    assert (await sign_in(session_factory, "root", GOOD, "198.51.100.7")).account is not None
    for n in range(60):
        await sign_in(session_factory, "root", f"guess number {n}", f"192.0.2.{n + 1}")
    assert (await sign_in(session_factory, "root", GOOD, "198.51.100.7")).account is not None
    paused = await sign_in(session_factory, "root", GOOD, "203.0.113.50")
    assert paused.account is None
    assert paused.message is not None and "from other addresses" in paused.message
    assert "signed in from before is not affected" in paused.message


async def test_lockout_by_address_across_usernames(session_factory) -> None:
    await make_account(session_factory, "alice")
    for name in ("ann", "ben", "cat"):  # unknown users, one address
        await sign_in(session_factory, name, "some guess here", "192.0.2.7")
    blocked = await sign_in(session_factory, "alice", GOOD, "192.0.2.7")
    assert blocked.account is None and "locked until" in blocked.message
    assert (await sign_in(session_factory, "alice", GOOD, "192.0.2.8")).account is not None


async def test_lock_expires_and_success_clears_that_addresses_counter(session_factory) -> None:
    await make_account(session_factory, "alice")
    for _ in range(3):
        await sign_in(session_factory, "alice", "wrong password!", "10.0.0.1")
    # Move the lock into the past, as if 15 minutes had gone by.
    past = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    async with session_factory.begin() as session:
        for row in (await session.scalars(select(LoginFailure))).all():
            row.locked_until = past
    assert (await sign_in(session_factory, "alice", GOOD, "10.0.0.1")).account is not None
    async with session_factory() as session:
        keys = set((await session.scalars(select(LoginFailure.key))).all())
    assert "pair:alice|10.0.0.1" not in keys


async def test_sign_in_upgrades_an_outdated_hash(session_factory) -> None:
    alice = await make_account(session_factory, "alice")
    old = argon2.using(memory_cost=1024, time_cost=1, parallelism=1).hash(GOOD)
    async with session_factory.begin() as session:
        (await get_account(session, alice.id)).password_hash = old
    assert (await sign_in(session_factory, "alice", GOOD)).account is not None
    async with session_factory() as session:
        stored = (await get_account(session, alice.id)).password_hash
    assert stored != old and "m=19456" in stored


async def test_change_password_rules_and_effects(session_factory) -> None:
    alice = await make_account(session_factory, "alice", must_change_password=True)
    cases = [
        ("wrong current pw", "violet harbour lantern", "current password is not correct"),
        (GOOD, GOOD, "must be different"),
        (GOOD, "short", "too weak"),
    ]
    for current, new, message in cases:
        async with session_factory.begin() as session:
            account = await get_account(session, alice.id)
            with pytest.raises(AccountError, match=message):
                await change_password(session, account, current, new)

    async with session_factory.begin() as session:
        account = await get_account(session, alice.id)
        await change_password(session, account, GOOD, "violet harbour lantern")
    async with session_factory() as session:
        account = await get_account(session, alice.id)
        assert not account.must_change_password
        assert account.session_version == alice.session_version + 1
    assert (await sign_in(session_factory, "alice", GOOD)).account is None
    assert (await sign_in(session_factory, "alice", "violet harbour lantern")).account is not None


async def test_session_version_bump_and_disable(session_factory) -> None:
    alice = await make_account(session_factory, "alice")
    async with session_factory.begin() as session:
        loaded = await get_account(session, alice.id)
        assert await bump_session_version(session, alice.id) == alice.session_version + 1
        assert loaded.session_version == alice.session_version + 1  # loaded object kept in step
    async with session_factory.begin() as session:
        assert await set_active(session, alice.id, False)
    async with session_factory() as session:
        account = await get_account(session, alice.id)
        assert not account.is_active
        assert account.session_version == alice.session_version + 2
    async with session_factory.begin() as session:
        assert await set_active(session, alice.id, True)
    assert (await sign_in(session_factory, "alice", GOOD)).account is not None


async def test_old_failure_counters_are_forgotten(session_factory) -> None:
    now = dt.datetime.now(dt.UTC)
    hour_ago = now - dt.timedelta(hours=1)
    async with session_factory.begin() as session:
        session.add(LoginFailure(key="addr:203.0.113.1", failures=2, first_failure_at=hour_ago))
        session.add(
            LoginFailure(
                key="user:locked",
                failures=3,
                first_failure_at=hour_ago,
                locked_until=now + dt.timedelta(minutes=5),
            )
        )
    await sign_in(session_factory, "nobody", "some guess here", "10.0.0.1")
    async with session_factory() as session:
        keys = set((await session.scalars(select(LoginFailure.key))).all())
    assert keys == {"user:locked", "user:nobody", "addr:10.0.0.1", "pair:nobody|10.0.0.1"}
