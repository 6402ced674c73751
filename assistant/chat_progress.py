"""``Progress`` shown as Chainlit steps, nested under the tool call that does the work.

Tools run inside LangGraph's own tasks, which copied their context before the chat layer opened
the tool's step; Chainlit's own notion of the current step there is the whole message's step.
So every progress step names its parent: the progress step open in this task (a context
variable, which parallel sub-tasks inherit), else the running tool's step.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar

import chainlit as cl

from assistant.step_writes import store_now

_open_step_id: ContextVar[str | None] = ContextVar("tailor_open_progress_step", default=None)


class ChainlitStep:
    def __init__(self, step: cl.Step) -> None:
        self._step = step

    async def update(self, text: str) -> None:
        self._step.output = text
        await self._step.update()


class ChainlitProgress:
    """One per agent turn; ``tool_step_id`` is set by the chat layer as tool calls start."""

    def __init__(self, fallback_parent_id: str | None = None) -> None:
        self.tool_step_id: str | None = None
        self._fallback_parent_id = fallback_parent_id

    @asynccontextmanager
    async def step(self, title: str) -> AsyncIterator[ChainlitStep]:
        parent_id = _open_step_id.get() or self.tool_step_id or self._fallback_parent_id
        # A stored step whose parent is not stored is not drawn on a reopened thread.
        store_now(parent_id)
        # cl.Step marks itself failed and records the error text when the block raises.
        async with cl.Step(name=title, type="run", parent_id=parent_id) as step:
            token = _open_step_id.set(step.id)
            try:
                yield ChainlitStep(step)
            finally:
                _open_step_id.reset(token)
