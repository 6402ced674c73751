"""Who is signed in: password sign-in for Chainlit, and the check that a login token still counts.

Chainlit's token lives 15 days and cannot be revoked, so a token alone proves nothing about now:
``account_for_token`` re-reads the account and accepts the token only while the account with
the token's id exists under the token's username, is active and still has the session version
the token was issued with (a deleted and re-created username is another account: its id differs).
Roles are never taken from the token; callers read them from the returned account. Which token
a request carries is read by ``assistant.credentials`` alone.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from contextvars import ContextVar
from dataclasses import dataclass

import chainlit as cl
import jwt
from chainlit.auth import create_jwt, decode_jwt
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import HTTPConnection

from assistant import runtime
from assistant.credentials import read_credentials
from db.accounts import INVALID_CREDENTIALS, LoginOutcome, authenticate, get_account
from db.models import Account

SESSION_ENDED = "Your session has ended; sign in again."


@dataclass
class LoginAttempt:
    """Carries what Chainlit's ``(username, password)`` callback cannot: the client's address
    in, and the outcome (with a lockout message) back out to the sign-in route."""

    client_address: str
    outcome: LoginOutcome | None = None

    @property
    def locked(self) -> bool:
        # Any failure message other than the generic one reports a lockout.
        message = self.outcome.message if self.outcome is not None else None
        return message is not None and message != INVALID_CREDENTIALS


current_login_attempt: ContextVar[LoginAttempt | None] = ContextVar(
    "current_login_attempt", default=None
)


async def password_login(username: str, password: str) -> cl.User | None:
    """The ``@cl.password_auth_callback``: None means a generic sign-in failure."""
    attempt = current_login_attempt.get() or LoginAttempt(client_address="unknown")
    async with runtime.session_scope() as session:
        # Committed whatever the outcome: failures and lockouts are recorded too.
        outcome = await authenticate(
            session,
            username,
            password,
            client_address=attempt.client_address,
            settings=runtime.settings(),
        )
    attempt.outcome = outcome
    if outcome.account is None:
        return None
    return chainlit_user(outcome.account)


def chainlit_user(account: Account) -> cl.User:
    """The identity inside the login token: who, and which session version; never roles."""
    return cl.User(
        identifier=account.username,
        display_name=account.username,
        metadata={"account_id": str(account.id), "session_version": account.session_version},
    )


def issue_token(account: Account) -> str:
    """A fresh login token for the account as it is now (e.g. right after a password change)."""
    runtime.ensure_auth_secret()
    return create_jwt(chainlit_user(account))


def token_claims(token: str | None) -> Mapping[str, object] | None:
    """The metadata and ``identifier`` of a correctly signed, unexpired token; else None."""
    if not token:
        return None
    try:
        user = decode_jwt(token)
    except (jwt.InvalidTokenError, TypeError, ValueError):
        return None
    return {**user.metadata, "identifier": user.identifier}


async def account_for_claims(
    claims: Mapping[str, object] | None, session: AsyncSession | None = None
) -> Account | None:
    """The account behind a token's claims while the token still counts, else None.

    Read in ``session`` when given (a caller that reads more in the same transaction), else in
    a session of its own.
    """
    account_id = claimed_account_id(claims)
    if account_id is None:
        return None
    if session is None:
        async with runtime.session_factory()() as own:
            account = await get_account(own, account_id)
    else:
        account = await get_account(session, account_id)
    return account_if_claims_hold(account, claims)


def claimed_account_id(claims: Mapping[str, object] | None) -> uuid.UUID | None:
    """The account id a token's claims name; None for no claims or an id that is not one."""
    if not claims:
        return None
    try:
        return uuid.UUID(str(claims.get("account_id")))
    except ValueError:
        return None


def account_if_claims_hold(
    account: Account | None, claims: Mapping[str, object] | None
) -> Account | None:
    """``account`` (just read by the claims' id) while the token still counts for it, else None."""
    if account is None or not claims or not account.is_active:
        return None
    if account.session_version != claims.get("session_version"):
        return None
    if account.username != claims.get("identifier"):
        return None  # Chainlit finds its user by this name: it must be this account's
    return account


async def account_for_token(token: str | None) -> Account | None:
    return await account_for_claims(token_claims(token))


def request_token(connection: HTTPConnection) -> str | None:
    """The request's one login token; None when it has none or more than one."""
    return read_credentials(connection.scope["headers"]).token
