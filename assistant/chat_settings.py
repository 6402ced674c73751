"""The per-person model settings panel (Chainlit chat settings): base URL, model, key, timeout.

Chainlit keeps chat settings in the session and writes the session into the thread's metadata
when the socket closes, and it has no password field. So the key is handed to the settings
workflow (which encrypts it) the moment it arrives and then blanked in the session; the panel
only ever shows whether a key is saved. ``ChatSettings.send()`` resets the panel to its initial
values, so it is always built from what is stored, on a new chat and on a resumed one.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

import chainlit as cl
from chainlit.input_widget import NumberInput, Switch, TextInput

from assistant import runtime
from core.errors import UserFacingError
from core.roles import ADMIN
from core.settings import Settings
from workflows.accounts.model_settings import describe_personal, save_personal
from workflows.accounts.model_settings_form import read_form

KEY_FIELD = "api_key"
FORGET_KEY_FIELD = "forget_key"
SAVED = "Saved your model settings: {summary}. The next message uses them."
# The settings panel opens from the gear icon in the message box (the sliders icon opens Tools).
OPEN_SETTINGS = "open the settings (the gear icon in the message box)"


def how_to_set(roles: Iterable[str], settings: Settings) -> str:
    """How this person gets a model: what their role may do, and only base URLs their personal
    settings would accept on this instance."""
    if settings.personal_loopback_allowed:
        examples = ("for example `http://localhost:11434/v1` for Ollama on this machine or "
                    "`https://api.openai.com/v1`")
    else:
        examples = "for example `https://api.openai.com/v1` (a public address)"
    own = (f"{OPEN_SETTINGS} and enter the model server's base URL ({examples}), the model name "
           "and, if the server needs one, an API key")
    if ADMIN in roles:
        return ("Set a default model for everyone with `/defaultmodel <base URL> <model>`, e.g. "
                "`/defaultmodel http://localhost:11434/v1 llama3.1` (it may point at this "
                f"machine or your network), or {own} to use a model just for yourself.")
    return f"To use your own model, {own}. Or ask an administrator to set a default model."


def panel(current: dict[str, Any]) -> cl.ChatSettings:
    key_hint = "A key is saved; leave empty to keep it" if current.get("key_set") else "none saved"
    return cl.ChatSettings(
        [
            TextInput(
                id="base_url",
                label="Model server base URL",
                initial=current.get("base_url") or "",
                placeholder="https://api.openai.com/v1",
            ),
            TextInput(
                id="model", label="Model name", initial=current.get("model") or "",
                placeholder="gpt-4o-mini, llama3.1, ...",
            ),
            TextInput(id=KEY_FIELD, label="API key", initial="", placeholder=key_hint),
            Switch(id=FORGET_KEY_FIELD, label="Remove the saved API key", initial=False),
            NumberInput(
                id="timeout_s",
                label="Timeout in seconds (about 300 for a local server loading the model)",
                initial=current.get("timeout_s") or runtime.settings().model_timeout_s,
            ),
        ]
    )


async def send_panel(account_id: uuid.UUID) -> None:
    async with runtime.session_scope() as session:
        current = await describe_personal(session, account_id)
    await panel(current).send()


def describe(current: dict[str, Any]) -> str:
    """The stored settings in words, never the key."""
    if not current.get("model"):
        return "no personal model (the instance default is used, if there is one)"
    where = current.get("base_url") or "the default server"
    key = "a saved API key" if current.get("key_set") else "no API key"
    timeout = f", timeout {current['timeout_s']:g} s" if current.get("timeout_s") else ""
    return f"model {current['model']} at {where}, {key}{timeout}"


async def apply_update(account_id: uuid.UUID, values: dict[str, Any]) -> None:
    """``@cl.on_settings_update``: check, store, blank the key in the session, confirm or explain.

    After a refusal the panel (and with it the session's copy of the settings, which Chainlit
    writes into the thread's metadata) is reset to what is stored.
    """
    _forget_typed_key()
    try:
        form = read_form(values, runtime.settings())
        typed_key = form.api_key or ""
        api_key: str | None = None if not typed_key.strip() else typed_key
        if form.forget_key:
            api_key = ""  # the workflow's way to say "remove the stored key"
        async with runtime.session_scope() as session:
            await save_personal(
                session, account_id, form.base_url, form.model, api_key,
                timeout_s=form.timeout_s, settings=runtime.settings(),
            )
            current = await describe_personal(session, account_id)
    except UserFacingError as refused:
        await cl.Message(content=refused.message).send()
        await send_panel(account_id)
        return
    await panel(current).send()
    await cl.Message(content=SAVED.format(summary=describe(current))).send()


def _forget_typed_key() -> None:
    settings = cl.context.session.chat_settings
    settings[KEY_FIELD] = ""
    settings[FORGET_KEY_FIELD] = False
