"""How long work reports its steps, without knowing who shows them.

The Chainlit layer implements :class:`Progress` with ``cl.Step``; tests and benchmarks use
:class:`RecordingProgress`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field
from typing import Protocol


class ProgressStep(Protocol):
    async def update(self, text: str) -> None:
        """Replace the step's visible output (e.g. "retrying in 4 s")."""


class Progress(Protocol):
    def step(self, title: str) -> AbstractAsyncContextManager[ProgressStep]:
        """A visible step that is open while the block runs; an exception marks it failed."""


@dataclass
class RecordedStep:
    title: str
    outputs: list[str] = field(default_factory=list)
    failed: bool = False

    async def update(self, text: str) -> None:
        self.outputs.append(text)


@dataclass
class RecordingProgress:
    """Keeps every step in order; what tests assert on."""

    steps: list[RecordedStep] = field(default_factory=list)

    @asynccontextmanager
    async def step(self, title: str) -> AsyncIterator[RecordedStep]:
        recorded = RecordedStep(title)
        self.steps.append(recorded)
        try:
            yield recorded
        except BaseException:
            recorded.failed = True
            raise

    @property
    def titles(self) -> list[str]:
        return [s.title for s in self.steps]
