"""The conversation: greeting, starters, the account check, then commands, uploads or the agent.

Every entry point (new chat, resumed chat, each message) re-reads the account behind this
socket's login token; a disabled, deleted or signed-out account gets one message and nothing
else. The token alone is not enough: it lives 15 days and cannot be revoked.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import chainlit as cl
from chainlit.context import context
from chainlit.types import ThreadDict

from assistant import (
    chat_admin,
    chat_canvas,
    chat_downloads,
    chat_editor,
    chat_match_card,
    chat_settings,
    runtime,
)
from assistant.auth import SESSION_ENDED, account_for_token
from assistant.chat_artifacts import (
    CONFIRM_ACTIONS,
    DOWNLOADS,
    EDIT_ACTION,
    FORGED_ACTION,
    NEXT_STEPS,
    Deliverables,
    checked_version_id,
    resend_buttons,
    send_deliverables,
)
from assistant.chat_editor import SAVE_ACTION
from assistant.chat_resume import report_interrupted_turn
from assistant.chat_turn import HISTORY_COMPLETE, run_turn
from assistant.chat_uploads import receive_uploads
from assistant.commands import (
    CommandRequest,
    chainlit_commands,
    commands_for,
    find_command,
    split_typed_command,
    unknown_command,
)
from assistant.storage_outage import explained_storage_outage
from core.errors import UserFacingError
from db.accounts import get_account
from db.models import Account
from db.versions import get_version
from llm.structured import ModelConnection
from workflows.accounts.model_settings import resolve_connection
from workflows.admin.confirm import CONFIRM_BUTTON
from workflows.library.common import Scope
from workflows.library.long_paste import fit_message
from workflows.resume_edit.confirm import CONFIRM_DELETE, confirm_delete, confirm_overwrite

PROFILE_NAME = "Tailor"
# Chainlit shows a profile's description on the start screen only when the profile has an icon.
PROFILE_ICON = "/public/tailor-icon.svg"
MUST_CHANGE_PASSWORD = (
    "Before we start, please choose a new password: "
    "[change your password](/account/password), then come back here."
)
NO_MODEL = (
    "I am not connected to a language model yet, so I cannot import, tailor or write anything "
    "for now. {how_to_set}\n\nWithout a model these commands still work: {commands}."
)
# The answer to a message while no model is configured (the name predates the agent).
NOT_CONNECTED = NO_MODEL + "\n\nYour message is saved in this conversation:\n\n> {text}"
UPLOAD_NOT_USED = (
    "I have not used this message, so nothing was imported: send the corrected file (or paste "
    "the text) with your message again."
)

STARTERS = [
    cl.Starter(
        label="Import my resume",
        message="I'd like to import my resume. I'll upload it as a PDF, Word or Markdown file.",
    ),
    cl.Starter(
        label="Tailor my resume to a job",
        message="Tailor my resume to this job posting. I'll paste the posting next.",
    ),
    cl.Starter(
        label="Write a cover letter",
        message="Write a cover letter for a job I'm applying to. I'll paste the posting next.",
    ),
    cl.Starter(
        label="How well do I match?",
        message="Show me how well my resume matches a job posting and what is missing.",
    ),
]


def greeting(name: str) -> str:
    return (
        f"### Hello, {name}!\n\n"
        "Give me your resume (upload a file or paste it), then paste a job posting, and I will "
        "tailor your resume or write a cover letter for it, using only facts from your own "
        "material."
    )


async def chat_profiles(user: cl.User | None) -> list[cl.ChatProfile]:
    """One profile, so the start screen can greet the person by name above the starters.

    With no model configured for them, the greeting says so first and explains how to set one:
    it is the first thing the assistant tells them, on every new chat, without adding a message
    to the conversation's history.
    """
    name = (user.display_name or user.identifier) if user else "there"
    description = greeting(name)
    account = await _account_of(user)
    if account is not None and await _connection(account) is None:
        description += "\n\n" + no_model_text(account)
    return [
        cl.ChatProfile(
            name=PROFILE_NAME,
            markdown_description=description,
            icon=PROFILE_ICON,
            starters=STARTERS,
            default=True,
        )
    ]


async def starters(user: cl.User | None) -> list[cl.Starter]:
    return STARTERS


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


async def _prepare_composer(account: Account) -> None:
    """Commands menu and settings panel for this person (both are reset on every connect)."""
    await context.emitter.set_commands(chainlit_commands(account.roles or ()))
    await chat_settings.send_panel(account.id)


async def _connection(account: Account) -> ModelConnection | None:
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


async def _account_of(user: cl.User | None) -> Account | None:
    """The account behind a Chainlit user, for display only (roles are re-read per message)."""
    account_id = (user.metadata or {}).get("account_id") if user else None
    if not account_id:
        return None
    async with runtime.session_scope() as session:
        return await get_account(session, uuid.UUID(str(account_id)))


async def start_chat() -> None:
    account = await allowed_account()
    if account is None:
        return
    # A new conversation has no cut-short turn to look for (a resumed one is checked).
    cl.user_session.set(HISTORY_COMPLETE, True)
    await _prepare_composer(account)


async def resume_chat(thread: ThreadDict) -> None:
    account = await allowed_account()
    if account is not None:
        await _prepare_composer(account)
        await resend_buttons(thread.get("steps") or [])
        await report_interrupted_turn(thread)


async def reply(message: cl.Message) -> None:
    # Marked as running, so a tab resuming this thread meanwhile does not call it interrupted.
    async with explained_storage_outage(), runtime.turn_marks().running(context.session.thread_id):
        await _reply(message)


async def _reply(message: cl.Message) -> None:
    account = await allowed_account()
    if account is None:
        return
    typed = split_typed_command(message.content)
    if message.command or typed:
        name, argument = (message.command, message.content.strip()) if message.command else typed
        await _run_command(account, name, argument)
        return
    try:  # before the uploads are stored: a refused message is not used at all
        typed, cut = fit_message(message.content)
    except UserFacingError as error:
        await cl.Message(content=error.message).send()
        return
    uploads = await receive_uploads(account.id, message.elements or [])
    if uploads.refusals:
        await cl.Message(content="\n\n".join([*uploads.refusals, UPLOAD_NOT_USED])).send()
        return
    if cut:
        await cl.Message(content=cut).send()
    text = uploads.agent_text(typed)
    if not text:
        return
    await _answer(account, text, typed=typed)


async def _answer(account: Account, text: str, typed: str | None = None) -> None:
    """Run the agent on ``text``; ``typed`` is what the person wrote (quoted if no model)."""
    connection = await _connection(account)
    if connection is None:
        reply = no_model_text(account, text if typed is None else typed)
        await cl.Message(content=reply).send()
        return
    await run_turn(account, connection, text)


async def _run_command(account: Account, name: str, argument: str) -> None:
    roles = frozenset(account.roles or ())
    command = find_command(name, roles)
    if command is None:
        await chat_admin.note_refused_command(account, name)
        await cl.Message(content=unknown_command(name, roles)).send()
        return
    request = CommandRequest(
        account_id=account.id,
        username=account.username,
        roles=roles,
        thread_id=context.session.thread_id,
        argument=argument,
    )
    try:
        outcome = await command.run(request)
    except UserFacingError as error:
        await cl.Message(content=error.message).send()
        return
    await cl.Message(content=outcome.text).send()
    if outcome.show_settings:
        await chat_settings.send_panel(account.id)
    found = Deliverables()
    found.add(outcome.artifact)
    await send_deliverables(found)


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


def action_callbacks() -> dict[str, Callable[[cl.Action], Awaitable[Any]]]:
    """Every button and editor action by name (each re-checks its payload)."""
    handlers: dict[str, Callable[[cl.Action], Awaitable[Any]]] = {
        name: next_step for name in [*NEXT_STEPS, *DOWNLOADS]
    }
    handlers[EDIT_ACTION] = edit_markdown
    handlers[SAVE_ACTION] = save_markdown
    handlers.update({name: confirm_resume_change for name in CONFIRM_ACTIONS})
    handlers[CONFIRM_BUTTON] = confirm_admin_change
    handlers.update(chat_canvas.handlers(allowed_account))
    handlers.update({name: match_card_button for name in chat_match_card.CARD_ACTIONS})
    return handlers


async def match_card_button(action: cl.Action) -> dict:
    """"I have this" / "I don't" on the match card; the answer is shown on the card."""
    account = await allowed_account()
    if account is None:
        return {"ok": False, "message": SESSION_ENDED}
    outcome = await chat_match_card.answer(account, action)
    if outcome.agent_text:
        await _answer(account, outcome.agent_text, typed=outcome.typed)
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


async def update_settings(values: dict) -> None:
    account = await allowed_account()
    if account is not None:
        await chat_settings.apply_update(account.id, values)


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
    await _answer(account, NEXT_STEPS[action.name][1].format(version_id=version.id))
    return None
