"""``Progress`` shown as Chainlit steps, nested under the tool call that does the work.

Tools run inside LangGraph's own tasks, which copied their context before the chat layer opened
the tool's step, so the first level of progress names its parent explicitly (the running tool's
step). Deeper levels run inside an open ``cl.Step`` in the same task, where Chainlit's own
context finds the parent, also for work split over parallel tasks.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import chainlit as cl
from chainlit.step import local_steps


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
        inside_step = bool(local_steps.get())
        parent_id = None if inside_step else (self.tool_step_id or self._fallback_parent_id)
        # cl.Step marks itself failed and records the error text when the block raises.
        async with cl.Step(name=title, type="run", parent_id=parent_id) as step:
            yield ChainlitStep(step)
