"""Distinct, ordered step times without stopping the server for a millisecond per step.

Chainlit's ``Step`` and ``Message`` constructors call ``time.sleep(0.001)`` so that two of them
never get the same ``createdAt`` (a reopened thread is ordered by it). That sleep blocks the
event loop, and with it every other conversation of the instance: a turn creates half a dozen
steps and messages, so at ten turns a second the loop stood still for about 7% of the time,
which showed up as queueing in the p95 under load (docs/deploy.md). Here the two modules get a
``time`` without that sleep and a clock that never returns the same or an earlier time twice, so
the order is kept without waiting (the emitter, which stamps the person's message, uses the same
clock). Times also always carry microseconds: ``isoformat`` leaves
them out on a whole second, and ``…:05Z`` sorts after ``…:05.000001Z`` as text.
"""

from __future__ import annotations

import datetime as dt
import importlib
import time
from types import ModuleType
from typing import Any


class _NoSleep:
    """The ``time`` module for Chainlit's step and message modules, minus the blocking sleep."""

    def sleep(self, _seconds: float) -> None:
        return None

    def __getattr__(self, name: str) -> Any:
        return getattr(time, name)


class StrictlyLaterClock:
    """Chainlit's ``utc_now`` (naive UTC ISO text with a Z), each reading after the last."""

    def __init__(self) -> None:
        self._last: dt.datetime | None = None

    def __call__(self) -> str:
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        if self._last is not None and now <= self._last:
            now = self._last + dt.timedelta(microseconds=1)
        self._last = now
        return now.isoformat(timespec="microseconds") + "Z"


def install() -> None:
    """Give Chainlit's step and message modules the clock (once per process)."""
    # By name: the package exports a ``step`` decorator that hides the ``chainlit.step`` module.
    step, message, emitter = (
        importlib.import_module(f"chainlit.{name}") for name in ("step", "message", "emitter")
    )
    if isinstance(step.time, _NoSleep):
        return
    # One clock for all three: the person's message (stamped by the emitter), the steps and the
    # answers are ordered together.
    clock = StrictlyLaterClock()
    sleepers: tuple[ModuleType, ...] = (step, message)
    for module in sleepers:
        module.time = _NoSleep()  # type: ignore[attr-defined]
    for module in (*sleepers, emitter):
        module.utc_now = clock  # type: ignore[attr-defined]
