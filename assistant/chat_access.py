"""Whether the person behind this chat's socket may chat now, re-read on every use.

Every entry point (new chat, resumed chat, each message, each button) calls ``allowed_account``:
the login token lives 15 days and cannot be revoked, so a disabled, deleted or signed-out
account, or one that must change its password, gets one message and nothing else.
"""

from __future__ import annotations

import chainlit as cl
from chainlit.context import context

from assistant import runtime
from assistant.auth import SESSION_ENDED, account_for_claims, account_for_token, token_claims
from db.models import Account
from llm.structured import ModelConnection
from workflows.accounts.model_settings import resolve_connection

MUST_CHANGE_PASSWORD = (
    "Before we start, please choose a new password: "
    "[change your password](/account/password), then come back here."
)


async def allowed_account() -> Account | None:
    """The account behind this chat if it may chat now; otherwise tell the person why."""
    return await _told_why_not(await account_for_token(context.session.token))


async def allowed_account_and_model() -> tuple[Account, ModelConnection | None] | None:
    """``allowed_account`` and that person's model (None: none configured), for a message.

    Both are read in one database session: one transaction per message fewer than reading the
    model when the agent is called (a turn made about fifteen).
    """
    async with runtime.session_factory()() as session:
        account = await account_for_claims(token_claims(context.session.token), session)
        model = None
        if account is not None and not account.must_change_password:
            model = await resolve_connection(session, account.id, runtime.settings())
    if await _told_why_not(account) is None:
        return None
    assert account is not None
    return account, model


async def _told_why_not(account: Account | None) -> Account | None:
    if account is None:
        await cl.Message(content=SESSION_ENDED).send()
        return None
    if account.must_change_password:
        await cl.Message(content=MUST_CHANGE_PASSWORD).send()
        return None
    return account
