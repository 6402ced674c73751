"""Asyncio's C tasks and futures back under Chainlit, which swaps them for the Python ones.

``chainlit.cli`` calls ``nest_asyncio.apply()`` when it is imported (``chainlit run`` and
``tailor serve`` both import it). That makes the event loop re-entrant by replacing asyncio's C
``Task``, ``Future`` and ``get_event_loop`` with pure-Python ones and the loop's
``run_until_complete`` / ``_run_once`` with its own. Every step of every coroutine then runs
through Python code: under load, restoring the C classes took a few percent off a turn's CPU
(docs/deploy.md).

Chainlit needs the re-entrant loop in one place: ``WebsocketSession.get_config`` (synchronous,
called when a socket connects and from some socket handlers) runs the chat-profiles callback in
a nested ``run_until_complete`` whenever the browser sends a profile name, only to look for the
chosen profile's ``config_overrides``. Tailor's profiles carry none (``chat.chat_profiles``), so
a session's config is always the global one: ``get_config`` here returns it without running the
callback, and with nothing left to nest, the C classes and the loop's own methods come back.
A nested ``run_until_complete`` now raises "This event loop is already running" instead of
quietly running other conversations' callbacks inside a synchronous call.
"""

from __future__ import annotations

import asyncio
from typing import Any

# What nest_asyncio's _patch_loop sets on the loop's class (besides its _nest_patched marker,
# which stays so that its policy does not patch the next loop it creates).
_LOOP_PATCHES = ("run_forever", "run_until_complete", "_run_once", "_check_running",
                 "_check_runnung", "_num_runs_pending", "_is_proactorloop")


def session_config(_session: Any) -> Any:
    """``WebsocketSession.get_config`` for Tailor: its chat profiles override no settings."""
    from chainlit.config import config

    return config


def install() -> None:
    """Serve sessions the global config and restore asyncio's C classes (idempotent)."""
    from chainlit.session import WebsocketSession

    WebsocketSession.get_config = session_config  # type: ignore[method-assign]
    _unnest_asyncio()


def _unnest_asyncio() -> None:
    try:
        import _asyncio
    except ImportError:  # an interpreter without the C accelerator: nothing to restore
        return
    asyncio.Task = asyncio.tasks.Task = asyncio.tasks._CTask = _asyncio.Task  # type: ignore[misc]
    asyncio.Future = asyncio.futures.Future = asyncio.futures._CFuture = _asyncio.Future  # type: ignore[misc]
    # nest_asyncio's Python get_event_loop, which asyncio's own Python code (gather, wait_for)
    # and libraries call for every such call, back to the C one.
    events = asyncio.events
    events.get_event_loop = asyncio.get_event_loop = _asyncio.get_event_loop  # type: ignore[assignment]
    if hasattr(_asyncio, "_get_event_loop"):  # gone from Python 3.12's accelerator
        events._get_event_loop = _asyncio._get_event_loop  # type: ignore[attr-defined]
    for loop_class in _patched_loop_classes():
        for name in _LOOP_PATCHES:
            if name in vars(loop_class):
                delattr(loop_class, name)


def _patched_loop_classes() -> list[type]:
    """Loop classes nest_asyncio patched in place (it sets ``_nest_patched`` on the class)."""
    found: list[type] = []
    pending: list[type] = [asyncio.BaseEventLoop]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if "_nest_patched" in vars(cls):
            found.append(cls)
    return found
