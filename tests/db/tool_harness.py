"""Calling tools the way the agent's ToolNode does: a tool call with the runtime injected."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from langchain.tools import ToolRuntime
from langchain_core.messages import ToolMessage
from langchain_core.tools import BaseTool
from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.settings import Settings
from db.accounts import create_account
from llm.structured import ModelConnection
from tools.context import ToolContext
from workflows.progress import RecordingProgress

PASSWORD = "tangerine kettle marathon"
TODAY = dt.date(2026, 11, 21)


async def new_account(sessions: async_sessionmaker[AsyncSession], username: str) -> uuid.UUID:
    async with sessions.begin() as session:
        return (await create_account(session, username, PASSWORD)).id


def context(
    sessions: async_sessionmaker[AsyncSession],
    account_id: uuid.UUID,
    *,
    thread_id: str = "thread-1",
    model_url: str | None = None,
    settings: Settings | None = None,
) -> ToolContext:
    model = None
    if model_url is not None:
        model = ModelConnection(base_url=model_url, api_key=SecretStr("test-key"),
                                model="scripted", timeout_s=10)
    return ToolContext(
        account_id=account_id,
        username="someone",
        roles=frozenset({"user"}),
        thread_id=thread_id,
        session_factory=sessions,
        progress=RecordingProgress(),
        settings=settings or Settings(),
        model=model,
        today=TODAY,
    )


async def call(tool: BaseTool, ctx: ToolContext, **args: Any) -> ToolMessage:
    runtime = ToolRuntime(
        state={"messages": []}, context=ctx, config={}, stream_writer=lambda _: None,
        tool_call_id="call-1", store=None,
    )
    tool_call = {"type": "tool_call", "id": "call-1", "name": tool.name,
                 "args": {**args, "runtime": runtime}}
    message = await tool.ainvoke(tool_call)
    assert isinstance(message, ToolMessage)
    return message
