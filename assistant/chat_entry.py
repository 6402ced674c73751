"""The chat's Chainlit callbacks, with the conversation code loaded on first use.

assistant/chat.py brings the agent, LangChain, the model clients and every tool: about half of
the app's start time and a third of its memory. Nothing needs it until someone signs in, so the
app starts without it: a sign-in begins loading it in a thread, and the first chat callback
waits for that. Each function here has the parameter names of the one it forwards to, because
Chainlit passes arguments by those names.
"""

from __future__ import annotations

import asyncio
import importlib
import threading
from types import ModuleType
from typing import Any

import chainlit as cl
from chainlit.types import ThreadDict

from assistant import auth, long_lived
from assistant.import_lock import BACKGROUND_IMPORTS

CHAT_MODULE = "assistant.chat"

_loading = threading.Lock()
_chat: ModuleType | None = None  # set once the import has finished and the buttons are known


def _import_chat() -> ModuleType:
    # One thread imports; the others wait for it here (and for the exporters' warm-up).
    with _loading, BACKGROUND_IMPORTS:
        module = importlib.import_module(CHAT_MODULE)
        long_lived.freeze()  # the collector need not walk the chat code's objects again
        return module


def begin_loading() -> None:
    """Start importing the chat code in the background, if nobody has yet."""
    if _chat is None and not _loading.locked():
        threading.Thread(target=_import_chat, name="chat-import", daemon=True).start()


async def chat_module() -> ModuleType:
    """The loaded chat module, its buttons registered with Chainlit."""
    global _chat
    if _chat is None:
        chat = await asyncio.to_thread(_import_chat)
        # Buttons only come from messages of a chat that started or resumed, which loaded this.
        for name, handler in chat.action_callbacks().items():
            cl.action_callback(name)(handler)
        _chat = chat
    return _chat


async def password_login(username: str, password: str) -> cl.User | None:
    user = await auth.password_login(username, password)
    if user is not None:
        begin_loading()  # the chat page follows a sign-in within a second or two
    return user


async def chat_profiles(user: cl.User | None) -> list[cl.ChatProfile]:
    return await (await chat_module()).chat_profiles(user)


async def starters(user: cl.User | None) -> list[cl.Starter]:
    return await (await chat_module()).starters(user)


async def start_chat() -> None:
    await (await chat_module()).start_chat()


async def resume_chat(thread: ThreadDict) -> None:
    await (await chat_module()).resume_chat(thread)


async def reply(message: cl.Message) -> None:
    await (await chat_module()).reply(message)


async def update_settings(values: dict) -> Any:
    return await (await chat_module()).update_settings(values)
