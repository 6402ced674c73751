"""Whether the person behind this chat's socket may chat now, re-read on every use.

Every entry point (new chat, resumed chat, each message, each button) calls ``allowed_account``:
the login token lives 15 days and cannot be revoked, so a disabled, deleted or signed-out
account, or one that must change its password, gets one message and nothing else.
"""

from __future__ import annotations

import chainlit as cl
from chainlit.context import context

from assistant import runtime
from assistant.auth import (
    SESSION_ENDED,
    account_for_token,
    account_if_claims_hold,
    claimed_account_id,
    token_claims,
)
from db.chat_account import account_and_model_rows
from db.models import Account
from llm.structured import ModelConnection
from workflows.accounts.model_settings import connection_for

MUST_CHANGE_PASSWORD = (
    "Before we start, please choose a new password: "
    "[change your password](/account/password), then come back here."
)


async def allowed_account() -> Account | None:
    """The account behind this chat if it may chat now; otherwise tell the person why."""
    return await _told_why_not(await account_for_token(context.session.token))


async def allowed_account_and_model() -> tuple[Account, ModelConnection | None] | None:
    """``allowed_account`` and that person's model (None: none configured), for a message.

    One statement reads the account and both model settings rows (db/chat_account.py): one
    round trip per message where reading them through the ORM took five.
    """
    claims = token_claims(context.session.token)
    account_id = claimed_account_id(claims)
    account = personal = default = None
    if account_id is not None:
        async with runtime.statements().connection() as connection:
            account, personal, default = await account_and_model_rows(connection, account_id)
    account = account_if_claims_hold(account, claims)
    model = None
    if account is not None and not account.must_change_password:
        model = connection_for(personal, default, runtime.settings())
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
