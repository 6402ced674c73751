"""The document canvas in the side panel: open it for a version, and the actions it posts.

Opening it is a button under a version (``OPEN_CANVAS``); the canvas itself
(``public/elements/DocumentCanvas.jsx``) then posts its own actions and draws their answers.
Every payload is the browser's claim: the workflows re-check that the version is the person's,
that a decision is on the newest version and on a bullet that was changed.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import chainlit as cl

from assistant import runtime
from assistant.auth import SESSION_ENDED
from assistant.chat_artifacts import FORGED_ACTION, OPEN_CANVAS, checked_version_id
from db.models import Account
from engine.provenance import ACCEPTED, REVERTED
from workflows.canvas import decisions

CANVAS = "DocumentCanvas"  # the element's name is also its .jsx file
PANEL_TITLE = "Document canvas"
SHOW, ACCEPT, REVERT, ACCEPT_ALL, COMPARE = (
    "canvas_show", "canvas_accept", "canvas_revert", "canvas_accept_all", "canvas_compare")

Allowed = Callable[[], Awaitable[Account | None]]
Handler = Callable[[cl.Action], Awaitable[Any]]


def _other_id(payload: Any) -> uuid.UUID | None:
    return checked_version_id({"version_id": payload.get("other_id")}) \
        if isinstance(payload, dict) else None


def _thread() -> str:
    return cl.context.session.thread_id


async def open_canvas(account: Account, payload: Any) -> dict[str, Any] | None:
    answer = await decisions.show(runtime.session_factory(), account.id,
                                  checked_version_id(payload))
    if not answer["ok"]:
        await cl.Message(content=FORGED_ACTION).send()
        return None
    view = answer["view"]
    element = cl.CustomElement(name=CANVAS, display="side",
                               props={"version_id": view["version_id"], "view": view})
    await cl.ElementSidebar.set_elements([element], key=f"canvas-{view['version_id']}")
    # The canvas follows later versions itself; the panel's title names no version.
    await cl.ElementSidebar.set_title(PANEL_TITLE)
    return {"ok": True, "message": f"{view['title']} is open in the side panel."}


async def _act(account: Account, action: cl.Action) -> dict[str, Any]:
    payload = action.payload if isinstance(action.payload, dict) else {}
    sessions, version_id = runtime.session_factory(), checked_version_id(payload)
    if action.name == SHOW:
        return await decisions.show(sessions, account.id, version_id)
    if action.name == COMPARE:
        return await decisions.compare(sessions, account.id, version_id, _other_id(payload))
    if action.name == ACCEPT_ALL:
        return await decisions.accept_all(sessions, account.id, _thread(), version_id)
    choice = ACCEPTED if action.name == ACCEPT else REVERTED
    return await decisions.decide_bullet(sessions, account.id, _thread(), version_id,
                                          payload, choice)


def handlers(allowed: Allowed) -> dict[str, Handler]:
    """The canvas's actions by name; each first re-reads the account behind the socket."""

    async def opening(action: cl.Action) -> dict[str, Any] | None:
        account = await allowed()
        return await open_canvas(account, action.payload) if account is not None else None

    async def acting(action: cl.Action) -> dict[str, Any]:
        account = await allowed()
        if account is None:
            return {"ok": False, "message": SESSION_ENDED}
        return await _act(account, action)

    return {OPEN_CANVAS: opening, **{name: acting for name in (SHOW, ACCEPT, REVERT,
                                                                ACCEPT_ALL, COMPARE)}}
