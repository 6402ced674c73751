"""Self-service accounts in the database: sign up, verify, approve, reset a forgotten password.

A sign-up creates an inactive account (so the ordinary sign-in refuses it) marked
``unverified``. Verifying the address either activates it (``open``) or marks it
``pending_approval`` until an administrator approves it (``approval``).

Same conventions as ``db.accounts``: flush, never commit.
"""

from __future__ import annotations

import uuid

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from db.accounts import AccountError, create_account, get_account_by_username
from db.models import Account

UNVERIFIED, PENDING_APPROVAL = "unverified", "pending_approval"
EMAIL_RULE = "Enter one email address such as name@example.org."


class SignupTaken(Exception):
    """The address or the username is already used. The sign-up page must answer exactly as for
    a new account (or it tells anyone which addresses and names exist): the email explains.
    ``owner`` is the username of the account that has the address, or None when only the
    username is taken (a name, not the row: the transaction that found it is rolled back)."""

    def __init__(self, owner: str | None) -> None:
        super().__init__("address or username already used")
        self.owner = owner


def normalize_email(email: str) -> str:
    return email.strip().casefold()


def checked_email(email: str) -> str | None:
    """The address normalized, or None unless it is exactly one plain, well-formed address.

    A maintained validator, not a pattern: a comma (two recipients), angle brackets, a display
    name, quoting, header-breaking characters or a reserved domain are all refused. Whether the
    domain receives mail is not looked up (no network); the verification email tests that.
    """
    try:
        valid = validate_email(email.strip(), check_deliverability=False)
    except EmailNotValidError:
        return None
    return normalize_email(valid.normalized)


def email_problem(email: str) -> str | None:
    return None if checked_email(email) else EMAIL_RULE


async def account_by_email(session: AsyncSession, email: str) -> Account | None:
    return await session.scalar(select(Account).where(Account.email == normalize_email(email)))


async def create_signup(
    session: AsyncSession, username: str, email: str, password: str
) -> Account:
    """A new inactive, unverified account; AccountError says what to change in the form,
    SignupTaken that the address or the name is used (not to be told on the page)."""
    key = checked_email(email)
    if key is None:
        raise AccountError(EMAIL_RULE)
    owner = await account_by_email(session, key)
    if owner is not None:
        raise SignupTaken(owner.username)
    if await get_account_by_username(session, username) is not None:
        raise SignupTaken(None)
    account = await create_account(session, username, password, roles=("user",))
    account.is_active = False
    account.signup_status = UNVERIFIED
    account.email = key
    try:
        # A savepoint, so losing a race on the address leaves the caller's transaction usable.
        async with session.begin_nested():
            await session.flush()
    except IntegrityError:
        # Lost a race on the address to another sign-up: the same as finding it taken.
        taken = await account_by_email(session, key)
        raise SignupTaken(taken.username if taken else None) from None
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
