"""Whether the person behind this chat's socket may chat now, re-read on every use.

Every entry point (new chat, resumed chat, each message, each button) calls ``allowed_account``:
the login token lives 15 days and cannot be revoked, so a disabled, deleted or signed-out
account, or one that must change its password, gets one message and nothing else.
"""

from __future__ import annotations

import chainlit as cl
from chainlit.context import context

from assistant.auth import SESSION_ENDED, account_for_token
from db.models import Account

MUST_CHANGE_PASSWORD = (
    "Before we start, please choose a new password: "
    "[change your password](/account/password), then come back here."
)


async def allowed_account() -> Account | None:
    """The account behind this chat if it may chat now; otherwise tell the person why."""
    account = await account_for_token(context.session.token)
    if account is None:
        await cl.Message(content=SESSION_ENDED).send()
        return None
    if account.must_change_password:
        await cl.Message(content=MUST_CHANGE_PASSWORD).send()
        return None
    return account
