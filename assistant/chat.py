"""The conversation's edges: greeting, starters, and the account check before anything happens.

Every entry point (new chat, resumed chat, each message) re-reads the account behind this
socket's login token; a disabled, deleted or signed-out account gets one message and nothing
else. The token alone is not enough: it lives 15 days and cannot be revoked.
"""

from __future__ import annotations

import chainlit as cl
from chainlit.context import context
from chainlit.types import ThreadDict

from assistant.auth import SESSION_ENDED, account_for_token
from db.models import Account

PROFILE_NAME = "Tailor"
# Chainlit shows a profile's description on the start screen only when the profile has an icon.
PROFILE_ICON = "/public/tailor-icon.svg"
MUST_CHANGE_PASSWORD = (
    "Before we start, please choose a new password: "
    "[change your password](/account/password), then come back here."
)
# Temporary: stands in for the agent until one is connected (see the "Agent" issue).
NOT_CONNECTED = (
    "I am not connected to a language model yet, so I cannot work on resumes or cover letters "
    "for now. Your message is saved in this conversation:\n\n> {text}"
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
    """One profile, so the start screen can greet the person by name above the starters."""
    name = (user.display_name or user.identifier) if user else "there"
    return [
        cl.ChatProfile(
            name=PROFILE_NAME,
            markdown_description=greeting(name),
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


async def start_chat() -> None:
    await allowed_account()


async def resume_chat(thread: ThreadDict) -> None:
    await allowed_account()


async def reply(message: cl.Message) -> None:
    if await allowed_account() is None:
        return
    quoted = "\n> ".join(message.content.strip().splitlines())
    await cl.Message(content=NOT_CONNECTED.format(text=quoted)).send()
