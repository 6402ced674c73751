"""Emailed link tokens and sign-up records on a real database."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from sqlalchemy import select

from db import mail_rate
from db.accounts import AccountError, change_password, create_account
from db.models import LinkToken
from db.signup import (
    PENDING_APPROVAL,
    UNVERIFIED,
    SignupTaken,
    approve_signup,
    create_signup,
    finish_verification,
    pending_signups,
)
from db.tokens import RESET, VERIFY, LinkRefusal, check_link_token, issue_link_token, use_link_token

pytestmark = pytest.mark.db

GOOD = "tangerine kettle marathon"
NOW = dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.UTC)


async def test_a_link_works_once_and_only_its_hash_is_stored(session_factory):
    async with session_factory.begin() as session:
        account = await create_account(session, "ann", GOOD)
        token = await issue_link_token(session, account, RESET, now=NOW)
    async with session_factory.begin() as session:
        stored = (await session.scalars(select(LinkToken.token_hash))).all()
        assert token not in stored and len(stored) == 1
        assert (await check_link_token(session, token, RESET, now=NOW)).account is not None
        assert (await check_link_token(session, token, RESET, now=NOW)).account is not None
        used = await use_link_token(session, token, RESET, now=NOW)
        assert used.account is not None and used.account.username == "ann"
    async with session_factory.begin() as session:
        again = await use_link_token(session, token, RESET, now=NOW)
    assert again == again.__class__(None, LinkRefusal.USED)


async def test_expiry_tampering_and_purpose(session_factory):
    async with session_factory.begin() as session:
        account = await create_account(session, "bob", GOOD)
        reset = await issue_link_token(session, account, RESET, now=NOW)
        verify = await issue_link_token(session, account, VERIFY, now=NOW)
    async with session_factory.begin() as session:
        hour = NOW + dt.timedelta(hours=1)
        assert (await check_link_token(session, reset, RESET, now=hour)).refusal is (
            LinkRefusal.EXPIRED
        ), "a reset link lives one hour"
        almost_day = NOW + dt.timedelta(hours=23, minutes=59)
        assert (await check_link_token(session, verify, VERIFY, now=almost_day)).account
        day = NOW + dt.timedelta(hours=24)
        assert (await use_link_token(session, verify, VERIFY, now=day)).refusal is (
            LinkRefusal.EXPIRED
        )
        tampered = reset[:-1] + ("A" if reset[-1] != "A" else "B")
        assert (await check_link_token(session, tampered, RESET, now=NOW)).refusal is (
            LinkRefusal.UNKNOWN
        )
        assert (await check_link_token(session, reset, VERIFY, now=NOW)).refusal is (
            LinkRefusal.UNKNOWN
        ), "a reset link cannot verify an address"


async def test_a_newer_link_or_a_password_change_voids_older_links(session_factory):
    async with session_factory.begin() as session:
        account = await create_account(session, "cyd", GOOD)
        first = await issue_link_token(session, account, RESET, now=NOW)
        second = await issue_link_token(session, account, RESET, now=NOW)
    async with session_factory.begin() as session:
        assert (await check_link_token(session, first, RESET, now=NOW)).refusal is (
            LinkRefusal.UNKNOWN
        )
        assert (await check_link_token(session, second, RESET, now=NOW)).account is not None
    async with session_factory.begin() as session:
        account = (await check_link_token(session, second, RESET, now=NOW)).account
        await change_password(session, account, GOOD, "another long passphrase")
    async with session_factory.begin() as session:
        assert (await use_link_token(session, second, RESET, now=NOW)).refusal is (
            LinkRefusal.UNKNOWN
        ), "the password changed after the link was sent"


async def test_two_simultaneous_uses_of_one_link_let_exactly_one_through(session_factory):
    async with session_factory.begin() as session:
        account = await create_account(session, "dia", GOOD)
        token = await issue_link_token(session, account, RESET, now=NOW)

    async def use() -> bool:
        async with session_factory.begin() as session:
            return (await use_link_token(session, token, RESET, now=NOW)).account is not None

    assert sorted(await asyncio.gather(use(), use())) == [False, True]


async def test_sign_up_verify_approve(session_factory):
    async with session_factory.begin() as session:
        account = await create_signup(session, "Eve", " Eve@Example.ORG ", GOOD)
        assert (account.email, account.signup_status, account.is_active) == (
            "eve@example.org", UNVERIFIED, False
        )
    async with session_factory.begin() as session:
        with pytest.raises(SignupTaken) as taken:
            await create_signup(session, "eve2", "EVE@example.org", GOOD)
        assert taken.value.owner == "Eve"  # the address's owner, whom the email tells
        with pytest.raises(SignupTaken) as taken:
            await create_signup(session, "EVE", "new@example.org", GOOD)
        assert taken.value.owner is None  # only the name is taken
        with pytest.raises(AccountError, match="name@example.org"):
            await create_signup(session, "eve3", "not an address", GOOD)
    async with session_factory.begin() as session:
        account = await session.get(account.__class__, account.id)
        assert await finish_verification(session, account, "approval") is False
        assert account.signup_status == PENDING_APPROVAL and not account.is_active
        assert [a.username for a in await pending_signups(session)] == ["Eve"]
    async with session_factory.begin() as session:
        approved = await approve_signup(session, account.id)
        assert approved is not None and approved.is_active and approved.signup_status is None
        assert await approve_signup(session, account.id) is None, "approving twice does nothing"
        assert await pending_signups(session) == []


async def test_open_sign_up_is_active_once_verified(session_factory):
    async with session_factory.begin() as session:
        account = await create_signup(session, "fay", "fay@example.org", GOOD)
        assert await finish_verification(session, account, "open") is True
        assert account.is_active and account.signup_status is None


async def test_mail_rate_counts_per_key_within_the_hour(session_factory):
    limits = {"reset-address:g@example.org": 2}
    async with session_factory.begin() as session:
        results = [await mail_rate.take(session, limits, now=NOW) for _ in range(3)]
        later = await mail_rate.take(session, limits, now=NOW + dt.timedelta(minutes=61))
    assert results == [[], [], ["reset-address:g@example.org"]]
    assert later == [], "an hour later the address may ask again"
