"""Account repository: create, look up, authenticate, change passwords, sign out everywhere.

Convention: every function takes an ``AsyncSession``, flushes its changes and never commits.
The caller commits once the whole unit of work succeeded (``async with factory.begin():`` does
that). ``authenticate`` records failures and lockouts too, so commit after it whatever the outcome.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.util import identity_key

from assistant.passwords import dummy_hash, hash_password, password_problems, verify_password
from db.lockout import LockoutPolicy, LockoutSettings, lock_in_force, lockout_message
from db.models import ROLES, Account, LoginFailure
from db.sign_in_failures import (
    FailureKeys,
    failure_counts,
    is_known_address,
    record_failure,
    remember_address,
)

INVALID_CREDENTIALS = "Invalid username or password."
USERNAME_RULE = (
    "A username is 3 to 64 characters: letters a-z, digits and . _ - @, "
    "starting with a letter or digit."
)
_USERNAME = re.compile(r"[a-z0-9][a-z0-9._@-]{2,63}")


class AccountError(Exception):
    """An account operation was refused; the message is shown to the person as it is."""


@dataclass(frozen=True)
class LoginOutcome:
    """``account`` is set on success; otherwise ``message`` says why, for the sign-in page."""

    account: Account | None
    message: str | None = None


def username_key(username: str) -> str:
    return username.strip().casefold()


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def count_accounts(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count()).select_from(Account)) or 0)


async def get_account(session: AsyncSession, account_id: uuid.UUID | str) -> Account | None:
    try:
        key = account_id if isinstance(account_id, uuid.UUID) else uuid.UUID(str(account_id))
    except ValueError:
        return None  # an id that is not a UUID names no account
    return await session.get(Account, key)


async def get_account_by_username(session: AsyncSession, username: str) -> Account | None:
    query = select(Account).where(Account.username_key == username_key(username))
    return await session.scalar(query)


async def create_account(
    session: AsyncSession,
    username: str,
    password: str,
    *,
    roles: Iterable[str] = ("user",),
    must_change_password: bool = False,
) -> Account:
    display = username.strip()
    key = username_key(display)
    if not _USERNAME.fullmatch(key):
        raise AccountError(f"'{display}' cannot be a username. {USERNAME_RULE}")
    role_list = sorted(set(roles))
    unknown = [r for r in role_list if r not in ROLES]
    if unknown or not role_list:
        shown = ", ".join(unknown) or "(none)"
        raise AccountError(f"Unknown role {shown}; roles are: {', '.join(ROLES)}.")
    problems = password_problems(password, display)
    if problems:
        raise AccountError("The password is too weak. It must be: " + " ".join(problems))
    # Insert-or-nothing so two concurrent creations of one name cannot both pass a pre-check.
    created = await session.scalar(
        insert(Account)
        .values(
            id=uuid.uuid4(),
            username=display,
            username_key=key,
            password_hash=hash_password(password),
            roles=role_list,
            must_change_password=must_change_password,
        )
        .on_conflict_do_nothing(index_elements=[Account.username_key])
        .returning(Account.id)
    )
    if created is None:
        raise AccountError(f"The username '{display}' is already taken; choose another.")
    account = await session.get(Account, created)
    assert account is not None
    return account


async def authenticate(
    session: AsyncSession,
    username: str,
    password: str,
    *,
    client_address: str,
    settings: LockoutSettings,
) -> LoginOutcome:
    """Check a sign-in. Unknown user, wrong password and disabled account look the same."""
    now = _utcnow()
    policy = LockoutPolicy.from_settings(settings)
    keys = FailureKeys.of(username_key(username), client_address)
    account = await get_account_by_username(session, username)
    known = account is not None and await is_known_address(session, account, keys.address)
    counts = await failure_counts(session, keys, lock=False)
    if lock := lock_in_force(counts, now, known_address=known):
        # Locked attempts get no password check at all, so guessing during a lock learns nothing.
        return LoginOutcome(None, lockout_message(lock, now))

    stored_hash = account.password_hash if account is not None else dummy_hash()
    matches, new_hash = verify_password(password, stored_hash)
    if account is None or not matches or not account.is_active:
        lock = await record_failure(session, keys, now, policy, known_address=known)
        if lock is not None:
            return LoginOutcome(None, f"{INVALID_CREDENTIALS} {lockout_message(lock, now)}")
        return LoginOutcome(None, INVALID_CREDENTIALS)

    # The account's counter stays: strangers failing elsewhere are still at it.
    await session.execute(LoginFailure.__table__.delete().where(LoginFailure.key == keys.pair))
    await remember_address(session, account, keys.address, now)
    account.last_login_at = now
    if new_hash is not None:
        account.password_hash = new_hash
    await session.flush()
    return LoginOutcome(account)


async def change_password(
    session: AsyncSession, account: Account, current_password: str, new_password: str
) -> None:
    """Change a password; signs the person out of every other session (session version bump)."""
    matches, _ = verify_password(current_password, account.password_hash)
    if not matches:
        raise AccountError("The current password is not correct.")
    if new_password == current_password:
        raise AccountError("The new password must be different from the current one.")
    await replace_password(session, account, new_password)


async def replace_password(session: AsyncSession, account: Account, new_password: str) -> None:
    """Set a password the person chose; refused when weak; every other session ends."""
    problems = password_problems(new_password, account.username)
    if problems:
        raise AccountError("The new password is too weak. It must be: " + " ".join(problems))
    account.password_hash = hash_password(new_password)
    account.must_change_password = False
    account.session_version += 1
    await session.flush()


async def bump_session_version(session: AsyncSession, account_id: uuid.UUID) -> int | None:
    """Sign the person out everywhere; returns the new version (None if no such account)."""
    new_version = await session.scalar(
        update(Account)
        .where(Account.id == account_id)
        .values(session_version=Account.session_version + 1)
        .returning(Account.session_version)
    )
    await _refresh_if_loaded(session, account_id)
    return new_version


async def set_active(session: AsyncSession, account_id: uuid.UUID, active: bool) -> bool:
    """Enable or disable an account; disabling also signs it out. False if no such account."""
    values: dict[str, object] = {"is_active": active}
    if not active:
        values["session_version"] = Account.session_version + 1
    changed = await session.scalar(
        update(Account).where(Account.id == account_id).values(**values).returning(Account.id)
    )
    await _refresh_if_loaded(session, account_id)
    return changed is not None


async def _refresh_if_loaded(session: AsyncSession, account_id: uuid.UUID) -> None:
    # Core UPDATEs bypass the identity map; keep an already-loaded Account object truthful.
    loaded = session.identity_map.get(identity_key(Account, account_id))
    if loaded is not None:
        await session.refresh(loaded)
