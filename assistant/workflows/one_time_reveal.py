"""Temporary passwords reach the admin through a one-time link, never through the chat.

A chat message is stored in Chainlit's history and, on the tool path, sent to the model. So
the password is kept encrypted in ``one_time_secrets`` and the chat only gets ``/reveal/{id}``,
which opens once, for the admin who made it, within ``REVEAL_LIFETIME``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.errors import UserFacingError
from assistant.secrets import decrypt, encrypt
from assistant.workflows.admin_guard import is_active_admin
from db.accounts import get_account
from db.audit import OK, record
from db.models import Account
from db.one_time_secrets import store_secret, take_secret
from documents.markdown_text import md_link

REVEAL_LIFETIME = dt.timedelta(minutes=15)
UNREADABLE_SECRET = (
    "This temporary password cannot be decrypted with the instance's encryption keys (were "
    "TAILOR_ENCRYPTION_KEYS changed?). Reset the account's password again for a new one."
)


@dataclass(frozen=True)
class Revealed:
    username: str  # whose password it is
    secret: str


def reveal_path(secret_id: uuid.UUID) -> str:
    return f"/reveal/{secret_id}"


def reveal_sentence(path: str) -> str:
    """The words the admin sees in the chat instead of the password."""
    minutes = int(REVEAL_LIFETIME.total_seconds() // 60)
    return (f"{md_link('open the temporary password', path)} (the link works once, only for "
            f"you, for {minutes} minutes; the password is never shown in the chat)")


async def keep_for_reveal(
    session: AsyncSession, *, creator: Account, account: Account, secret: str
) -> str:
    """Store the secret encrypted (in the caller's transaction); returns the link's path."""
    row = await store_secret(session, creator_id=creator.id, account_id=account.id,
                             ciphertext=encrypt(secret), lifetime=REVEAL_LIFETIME)
    return reveal_path(row.id)


async def reveal(
    sessions: async_sessionmaker[AsyncSession], secret_id: str, viewer_id: uuid.UUID
) -> Revealed | None:
    """The secret for its creator, once; None for anyone else, a used or an expired link."""
    try:
        key = uuid.UUID(secret_id)
    except ValueError:
        return None
    async with sessions.begin() as session:
        viewer = await get_account(session, viewer_id)
        if not is_active_admin(viewer):
            return None  # an admin demoted or disabled since loses the link too
        assert viewer is not None
        row = await take_secret(session, key, viewer.id)
        if row is None:
            return None
        account = await get_account(session, row.account_id)
        assert account is not None  # the secret is deleted with its account
        await record(session, viewer, "reveal_temporary_password", target=account.username,
                     outcome=OK)
    try:
        return Revealed(account.username, decrypt(row.ciphertext))
    except UserFacingError:
        raise UserFacingError(UNREADABLE_SECRET) from None
