"""Every admin workflow runs inside ``admin_work``: the role is read from the database there.

Nothing the client sends (login token, chat profile, command id, button payload) says who is an
administrator; only the account row read in the same transaction as the change does. Whatever
happens is written to the audit log: successes by the workflow in its own transaction, refusals
and failures here in a separate one, because the work's transaction is rolled back.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.errors import UserFacingError
from assistant.workflows.library_common import Mistake
from db.accounts import get_account, get_account_by_username
from db.audit import FAILED, OK, REFUSED, record
from db.models import Account
from documents.markdown_text import md_text

log = logging.getLogger(__name__)

NOT_AN_ADMIN = (
    "Only an administrator can do that, so nothing was done. If you need it, ask the person "
    "who runs this Tailor instance."
)


class AdminRefused(UserFacingError):
    """The person asking is not an active administrator (per the database, right now)."""

    def __init__(self) -> None:
        super().__init__(NOT_AN_ADMIN)


@dataclass(frozen=True)
class AdminScope:
    """Who claims to act; ``admin_work`` decides from the database whether they may."""

    sessions: async_sessionmaker[AsyncSession]
    actor_id: uuid.UUID


@dataclass
class AdminWork:
    session: AsyncSession
    actor: Account
    action: str
    target: str | None

    async def done(self, detail: dict[str, Any] | None = None, target: str | None = None) -> None:
        await record(
            self.session, self.actor, self.action, target=target or self.target, outcome=OK,
            detail=detail,
        )

    async def account(self, username: str) -> Account:
        """The named account, or a mistake naming the command that lists them."""
        found = await get_account_by_username(self.session, username) if username else None
        if found is None:
            raise Mistake(
                f"There is no account named '{md_text(username.strip())}'. Use /accounts (or the "
                "admin_list_accounts tool) to see every username."
            )
        return found


def is_active_admin(account: Account | None) -> bool:
    return account is not None and account.is_active and account.is_admin


@asynccontextmanager
async def admin_work(
    scope: AdminScope, action: str, target: str | None = None
) -> AsyncIterator[AdminWork]:
    """A transaction for one admin action by ``scope.actor_id``; refuses anyone else."""
    try:
        async with scope.sessions.begin() as session:
            actor = await get_account(session, scope.actor_id)
            if not is_active_admin(actor):
                raise AdminRefused()
            assert actor is not None
            yield AdminWork(session, actor, action, target)
    except AdminRefused:
        # Worth a warning: a normal user reached admin work through some door.
        log.warning("Refused admin action %s by account %s", action, scope.actor_id)
        await _record_apart(scope, action, target, REFUSED, {})
        raise
    except Mistake as mistake:
        await _record_apart(scope, action, target, FAILED, {"reason": mistake.message})
        raise


async def record_refusal(scope: AdminScope, action: str) -> None:
    """A refusal decided outside ``admin_work`` (an admin command a non-admin tried)."""
    log.warning("Refused admin action %s by account %s", action, scope.actor_id)
    await _record_apart(scope, action, None, REFUSED, {})


async def _record_apart(
    scope: AdminScope, action: str, target: str | None, outcome: str, detail: dict[str, Any]
) -> None:
    async with scope.sessions.begin() as session:
        actor = await get_account(session, scope.actor_id)
        if actor is None:
            detail = {**detail, "actor_id": str(scope.actor_id)}
        await record(session, actor, action, target=target, outcome=outcome, detail=detail)
