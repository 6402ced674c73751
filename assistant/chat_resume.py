"""Resuming a conversation whose last turn was cut short (the instance was killed or restarted
while it answered): the person is told, in the conversation, that their last message was not
answered, the work steps left running are closed as interrupted, and the agent's history gets
the cut turn back from Chainlit's rows (turn_rebuild.py).

The thread as PostgreSQL holds it is the evidence: a turn that ended (with an answer, a refusal,
an error) always ends with an assistant message, so a thread whose last message is the
person's had its turn cut. Another tab of the same person may be running that turn right now,
on this instance or another: ``turn_is_running`` asks PostgreSQL (see db/turn_marks.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import chainlit as cl
from chainlit.data import get_data_layer
from chainlit.types import ThreadDict

from assistant import runtime
from assistant.turn_rebuild import restore_cut_turn
from db.turn_marks import turn_is_running
from tools import tools_for

INTERRUPTED_TURN = (
    "Your last message was not answered: Tailor stopped while working on it (the server was "
    "restarted or failed). Everything finished before that is saved. Send the message again "
    "to continue."
)
INTERRUPTED_STEP = "Interrupted: the server stopped before this step finished."
MESSAGE_TYPES = ("user_message", "assistant_message")


def last_turn_unanswered(thread: ThreadDict) -> bool:
    """True when the thread's last message is the person's (steps come oldest first)."""
    messages = [step for step in thread.get("steps") or [] if step.get("type") in MESSAGE_TYPES]
    return bool(messages) and messages[-1]["type"] == "user_message"


async def report_interrupted_turn(thread: ThreadDict) -> bool:
    """Tell the person their last turn was cut, if it was; True when it was.

    The notice and the closed steps are also put into ``thread``: Chainlit sends that dict to
    the browser after this callback, and the browser redraws the conversation from it."""
    if not last_turn_unanswered(thread):
        return False
    async with runtime.session_scope() as session:
        if await turn_is_running(session, thread["id"]):
            return False
    agent = await runtime.agent(tools_for(frozenset()))  # any tool set: the history is shared
    await restore_cut_turn(agent, thread, INTERRUPTED_TURN)
    await _close_open_steps(thread)
    notice = await cl.Message(content=INTERRUPTED_TURN).send()
    thread["steps"] = [*(thread.get("steps") or []), notice.to_dict()]
    return True


async def _close_open_steps(thread: ThreadDict) -> None:
    data_layer = get_data_layer()
    now = dt.datetime.now(dt.UTC).isoformat()
    for step in thread.get("steps") or []:
        if step.get("type") != "tool" or step.get("end"):
            continue
        closed: dict[str, Any] = {**step, "output": INTERRUPTED_STEP, "isError": True, "end": now}
        step.update(closed)
        if data_layer is not None:
            await data_layer.update_step(closed)
