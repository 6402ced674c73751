"""The conversation: greeting, starters, then each message to a command, uploads or the agent.

Every entry point re-reads the account behind this socket first (``chat_access``). The buttons'
handlers are in ``chat_actions``; ``action_callbacks`` is imported here because
``chat_entry`` registers the buttons from this module once it has loaded it.
"""

from __future__ import annotations

import uuid

import chainlit as cl
from chainlit.context import context
from chainlit.types import ThreadDict

from assistant import chat_admin, chat_settings, runtime
from assistant.chat_access import allowed_account, allowed_account_and_model
from assistant.chat_actions import action_callbacks as action_callbacks  # chat_entry reads it
from assistant.chat_answer import answer_with, connection, no_model_text
from assistant.chat_artifacts import Deliverables, resend_buttons, send_deliverables
from assistant.chat_resume import report_interrupted_turn
from assistant.chat_turn import HISTORY_COMPLETE
from assistant.chat_uploads import receive_uploads
from assistant.commands import (
    CommandRequest,
    chainlit_commands,
    find_command,
    split_typed_command,
    unknown_command,
)
from assistant.storage_outage import explained_storage_outage
from core.errors import UserFacingError
from db.accounts import get_account
from db.models import Account
from workflows.library.long_paste import fit_message

PROFILE_NAME = "Tailor"
# Chainlit shows a profile's description on the start screen only when the profile has an icon.
PROFILE_ICON = "/public/tailor-icon.svg"
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
    if account is not None and await connection(account) is None:
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


async def _prepare_composer(account: Account) -> None:
    """Commands menu and settings panel for this person (both are reset on every connect)."""
    await context.emitter.set_commands(chainlit_commands(account.roles or ()))
    await chat_settings.send_panel(account.id)


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
    allowed = await allowed_account_and_model()
    if allowed is None:
        return
    account, model = allowed
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
    await answer_with(account, model, text, typed=typed)


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


async def update_settings(values: dict) -> None:
    account = await allowed_account()
    if account is not None:
        await chat_settings.apply_update(account.id, values)
