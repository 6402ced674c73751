"""Fewer step rows written per turn, with what a person sees live and after a crash kept.

Every Chainlit step write is an upsert (Python work in Chainlit's layer, SQLAlchemy and psycopg)
that cost about 1-1.5% of a turn's server CPU each. Two kinds were written twice for nothing:

* A tool step was stored when it started and again when it ended, though most tools (showing
  the resume, saving a job) end within milliseconds. It is now shown at once (the browser gets
  it as before) and stored once when it ends; only a step still running after ``GRACE_S`` is
  stored then, as it was, so a crash or restart mid-tool still leaves it in the thread for the
  "interrupted" handling (chat_resume.py, turn_rebuild.py). A step opened under the tool (its
  progress, chat_progress.py) stores it first: a stored child whose parent is missing is not
  drawn by Chainlit's page on reopening.
* Chainlit's hidden runs, ``on_message`` around each reply (parent of everything the reply
  shows) and ``on_chat_start`` around the start of a conversation, were stored when they
  started and again when they ended, to add their end time, input and output. The page draws a
  run's children in its place, never the run, and on a reopened thread reads only whether the
  run has an end (a run without one counts as running while a new turn runs: its messages lose
  their rating buttons meanwhile). So a hidden run is stored once, when it starts, already with
  an end (its start time): the row exists before any child row, crash or not, and a reopened
  thread reads it as the end update left it. The live tab still gets the start and the end by
  socket.

A server that stops stores the steps still waiting (``store_unstored``, from the shutdown hook).
A crash within ``GRACE_S`` of a tool's start loses that one step row, as a crash a moment after
it started already could (Chainlit's writes are fire-and-forget tasks): the person's message,
the finished steps and the "interrupted" notice are all still there.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging

import chainlit as cl
from chainlit.context import context
from chainlit.data import get_data_layer
from chainlit.step import StepDict, check_add_step_in_cot, stub_step

GRACE_S = 1.0  # a tool step still running this long is stored right away, as before
# Chainlit's runs around Tailor's handlers for a message and a conversation's start
# (chainlit/callbacks.py); its page draws their children in their place.
HIDDEN_RUNS = ("on_message", "on_chat_start")

log = logging.getLogger(__name__)

# Steps shown but not yet stored, by id: the timer that stores them, the step, and the context
# (the person's session) its write runs in.
_unstored: dict[str, tuple[asyncio.TimerHandle, cl.Step, contextvars.Context]] = {}


async def show_started(step: cl.Step) -> None:
    """``step.send()`` for a step expected to end soon: shown now, stored when it ends (or after
    ``GRACE_S``). End it with ``show_ended``."""
    # What Step.send does, less the write (the step has no elements; Tailor renames no author).
    step.persisted = True
    await context.emitter.send_step(step.to_dict() if check_add_step_in_cot(step)
                                    else stub_step(step))
    # Stored by the timer, a child step (store_now) or the shutdown hook (store_unstored).
    timer = asyncio.get_running_loop().call_later(GRACE_S, store_now, step.id)
    _unstored[step.id] = (timer, step, contextvars.copy_context())


async def show_ended(step: cl.Step) -> None:
    """``step.update()``: the one write of a step that ended before ``GRACE_S``."""
    unstored = _unstored.pop(step.id, None)
    if unstored is not None:
        unstored[0].cancel()
    await step.update()


def store_now(step_id: str | None) -> asyncio.Future | None:
    """Store a shown step now if it is not yet stored (before a child of it is stored)."""
    unstored = _unstored.pop(step_id or "", None)
    if unstored is None:
        return None
    timer, step, session_context = unstored
    timer.cancel()
    data_layer = get_data_layer()
    if data_layer is None:
        return None
    # Fire and forget, as Chainlit's own step writes (the layer logs its failures), in the
    # person's session as Step.send's task would be.
    return session_context.run(asyncio.ensure_future, data_layer.create_step(step.to_dict()))


async def store_unstored() -> None:
    """Store every step still waiting (the server is stopping: their timers would not fire)."""
    writes = [write for step_id in list(_unstored) if (write := store_now(step_id))]
    for outcome in await asyncio.gather(*writes, return_exceptions=True):
        if isinstance(outcome, BaseException):
            log.warning("A running step was not stored at shutdown: %s", type(outcome).__name__)


def as_stored(step_dict: StepDict) -> StepDict:
    """The row to store for a step Chainlit writes: a hidden run's start carries an end."""
    if _is_hidden_run(step_dict) and not step_dict.get("end"):
        return {**step_dict, "end": step_dict.get("start") or step_dict.get("createdAt")}
    return step_dict


def needs_storing(step_dict: StepDict) -> bool:
    """False for the update Chainlit writes when a hidden run ends (see ``as_stored``)."""
    return not (_is_hidden_run(step_dict) and step_dict.get("end"))


def _is_hidden_run(step_dict: StepDict) -> bool:
    return step_dict.get("type") == "run" and step_dict.get("name") in HIDDEN_RUNS
