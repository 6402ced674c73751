"""Hand a text to the agent, or, with no model configured, say so and what still works.

A typed message and a button that asks the agent something (a next step, "I have this" on the
match card) both end here.
"""

from __future__ import annotations

import chainlit as cl

from assistant import chat_settings, runtime
from assistant.chat_turn import run_turn
from assistant.commands import commands_for
from db.models import Account
from llm.structured import ModelConnection
from workflows.accounts.model_settings import resolve_connection

NO_MODEL = (
    "I am not connected to a language model yet, so I cannot import, tailor or write anything "
    "for now. {how_to_set}\n\nWithout a model these commands still work: {commands}."
)
# The answer to a message while no model is configured (the name predates the agent).
NOT_CONNECTED = NO_MODEL + "\n\nYour message is saved in this conversation:\n\n> {text}"


async def connection(account: Account) -> ModelConnection | None:
    async with runtime.session_scope() as session:
        return await resolve_connection(session, account.id, runtime.settings())


def no_model_text(account: Account, typed: str | None = None) -> str:
    roles = account.roles or ()
    names = ", ".join(f"`/{c.name}`" for c in commands_for(roles))
    how = chat_settings.how_to_set(roles, runtime.settings())
    if typed is None:
        return NO_MODEL.format(how_to_set=how, commands=names)
    quoted = "\n> ".join(typed.strip().splitlines())
    return NOT_CONNECTED.format(how_to_set=how, commands=names, text=quoted)


async def answer(account: Account, text: str, typed: str | None = None) -> None:
    """Run the agent on ``text``; ``typed`` is what the person wrote (quoted if no model)."""
    await answer_with(account, await connection(account), text, typed)


async def answer_with(
    account: Account, model: ModelConnection | None, text: str, typed: str | None = None
) -> None:
    """``answer`` with the person's model already read (None: none configured)."""
    if model is None:
        await cl.Message(content=no_model_text(account, text if typed is None else typed)).send()
        return
    await run_turn(account, model, text)
