"""Every button and editor action by name: the one list Chainlit registers and the security
suite forges payloads for (tests/security/test_action_ownership.py).

An action's payload is the browser's claim (POST /project/action builds the action from the
client): each handler first re-reads the account behind the socket, then its feature module
checks that the ids in the payload are that person's.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import chainlit as cl
from chainlit.context import context

from assistant import chat_admin, chat_canvas, chat_downloads, chat_editor, chat_match_card, runtime
from assistant.auth import SESSION_ENDED
from assistant.chat_access import allowed_account
from assistant.chat_answer import answer
from assistant.chat_artifacts import (
    CONFIRM_ACTIONS,
    DOWNLOADS,
    EDIT_ACTION,
    FORGED_ACTION,
    NEXT_STEPS,
    checked_version_id,
)
from assistant.chat_editor import SAVE_ACTION
from db.versions import get_version
from workflows.admin.confirm import CONFIRM_BUTTON
from workflows.library.common import Scope
from workflows.resume_edit.confirm import CONFIRM_DELETE, confirm_delete, confirm_overwrite

Handler = Callable[[cl.Action], Awaitable[Any]]


def action_callbacks() -> dict[str, Handler]:
    """Every button and editor action by name (each re-checks its payload)."""
    handlers: dict[str, Handler] = {name: next_step for name in [*NEXT_STEPS, *DOWNLOADS]}
    handlers[EDIT_ACTION] = edit_markdown
    handlers[SAVE_ACTION] = save_markdown
    handlers.update({name: confirm_resume_change for name in CONFIRM_ACTIONS})
    handlers[CONFIRM_BUTTON] = confirm_admin_change
    handlers.update(chat_canvas.handlers(allowed_account))
    handlers.update({name: match_card_button for name in chat_match_card.CARD_ACTIONS})
    return handlers


async def next_step(action: cl.Action) -> dict[str, object] | None:
    """A next-step button: its version id is the browser's claim, so check it is theirs."""
    account = await allowed_account()
    if account is None:
        return None
    version_id = checked_version_id(action.payload)
    version = None
    if version_id is not None:
        async with runtime.session_scope() as session:
            version = await get_version(session, account.id, version_id)
    if action.name in DOWNLOADS:
        return await chat_downloads.deliver(account, action.name, version)
    if version is None or action.name not in NEXT_STEPS:
        await cl.Message(content=FORGED_ACTION).send()
        return None
    await answer(account, NEXT_STEPS[action.name][1].format(version_id=version.id))
    return None


async def edit_markdown(action: cl.Action) -> None:
    account = await allowed_account()
    if account is not None:
        await chat_editor.open_editor(account, action.payload)


async def save_markdown(action: cl.Action) -> dict:
    """Returns to the editor (Chainlit hands an action callback's result to the browser)."""
    account = await allowed_account()
    if account is None:
        return {"ok": False, "message": SESSION_ENDED, "problems": []}
    return await chat_editor.save_edit(account, action.payload)


async def match_card_button(action: cl.Action) -> dict:
    """"I have this" / "I don't" on the match card; the answer is shown on the card."""
    account = await allowed_account()
    if account is None:
        return {"ok": False, "message": SESSION_ENDED}
    outcome = await chat_match_card.answer(account, action)
    if outcome.agent_text:
        await answer(account, outcome.agent_text, typed=outcome.typed)
    return outcome.response


async def confirm_admin_change(action: cl.Action) -> None:
    account = await allowed_account()
    if account is not None:
        await chat_admin.confirm_admin_change(account, action)


async def confirm_resume_change(action: cl.Action) -> None:
    """The person pressed Delete or Overwrite; the payload's ids are re-checked as theirs."""
    account = await allowed_account()
    if account is None:
        return
    await action.remove()  # one press only: the button disappears once used
    scope = Scope(runtime.session_factory(), account.id, context.session.thread_id)
    payload = action.payload if isinstance(action.payload, dict) else {}
    confirm = confirm_delete if action.name == CONFIRM_DELETE else confirm_overwrite
    await cl.Message(content=await confirm(scope, payload)).send()
