"""What every tool receives through the agent's runtime context (never from Chainlit)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Any

from langchain.tools import ToolRuntime
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.errors import Mistake
from core.settings import Settings
from llm.structured import ModelConnection
from workflows.library.common import Scope
from workflows.progress import Progress


@dataclass(frozen=True)
class ToolContext:
    account_id: uuid.UUID
    username: str
    roles: frozenset[str]  # for filtering only; admin work re-checks the database
    thread_id: str
    session_factory: async_sessionmaker[AsyncSession]
    progress: Progress
    settings: Settings
    model: ModelConnection | None  # resolved for this person; None when no model is configured
    today: dt.date

    @property
    def scope(self) -> Scope:
        return Scope(self.session_factory, self.account_id, self.thread_id)

    @property
    def max_upload_bytes(self) -> int:
        return self.settings.max_upload_mb * 1024 * 1024


def context_of(runtime: ToolRuntime) -> ToolContext:
    context = runtime.context
    if not isinstance(context, ToolContext):
        raise TypeError("the agent must be invoked with context=ToolContext(...)")
    return context


async def as_text(work: Awaitable[str]) -> str:
    """The workflow's answer, or the text of a mistake the model can fix."""
    try:
        return await work
    except Mistake as mistake:
        return mistake.message


async def as_text_and_artifact(
    work: Awaitable[tuple[str, dict[str, Any]]],
) -> tuple[str, dict[str, Any]]:
    try:
        return await work
    except Mistake as mistake:
        return mistake.message, {}
