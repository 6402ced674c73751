"""Self-service accounts in the database: sign up, verify, approve, reset a forgotten password.

A sign-up creates an inactive account (so the ordinary sign-in refuses it) marked
``unverified``. Verifying the address either activates it (``open``) or marks it
``pending_approval`` until an administrator approves it (``approval``).

Same conventions as ``db.accounts``: flush, never commit.
"""

from __future__ import annotations

import re
import uuid

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from db.accounts import AccountError, create_account
from db.models import Account

UNVERIFIED, PENDING_APPROVAL = "unverified", "pending_approval"
# Deliberately loose: the verification email is the real test of an address.
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
EMAIL_RULE = "Enter an email address such as name@example.org."


def normalize_email(email: str) -> str:
    return email.strip().casefold()


def email_problem(email: str) -> str | None:
    if len(email) > 254 or not _EMAIL.fullmatch(normalize_email(email)):
        return EMAIL_RULE
    return None


async def account_by_email(session: AsyncSession, email: str) -> Account | None:
    return await session.scalar(select(Account).where(Account.email == normalize_email(email)))


async def create_signup(
    session: AsyncSession, username: str, email: str, password: str
) -> Account:
    """A new inactive, unverified account; AccountError says what to change."""
    if problem := email_problem(email):
        raise AccountError(problem)
    key = normalize_email(email)
    if await account_by_email(session, key) is not None:
        raise AccountError(
            "An account with this email address already exists. Sign in, or use "
            "“Forgot password?” on the sign-in page."
        )
    account = await create_account(session, username, password, roles=("user",))
    account.is_active = False
    account.signup_status = UNVERIFIED
    account.email = key
    try:
        # A savepoint, so losing a race on the address leaves the caller's transaction usable.
        async with session.begin_nested():
            await session.flush()
    except IntegrityError as error:
        raise AccountError(
            "An account with this email address already exists. Sign in, or use "
            "“Forgot password?” on the sign-in page."
        ) from error
    return account


async def finish_verification(session: AsyncSession, account: Account, mode: str) -> bool:
    """Mark the address verified; True when the account may sign in now."""
    if account.signup_status == UNVERIFIED:
        if mode == "open":
            account.signup_status = None
            account.is_active = True
        else:
            account.signup_status = PENDING_APPROVAL
        await session.flush()
    return account.signup_status is None and account.is_active


async def pending_signups(session: AsyncSession) -> list[Account]:
    """Verified sign-ups waiting for an administrator, oldest first."""
    query = (
        select(Account)
        .where(Account.signup_status == PENDING_APPROVAL)
        .order_by(Account.created_at)
    )
    return list((await session.scalars(query)).all())


async def approve_signup(session: AsyncSession, account_id: uuid.UUID) -> Account | None:
    """Activate a pending sign-up; None when there is no such pending sign-up."""
    account = await session.get(Account, account_id, with_for_update=True)
    if account is None or account.signup_status != PENDING_APPROVAL:
        return None
    account.signup_status = None
    account.is_active = True
    await session.flush()
    return account
