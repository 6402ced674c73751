"""A user's model calling an admin tool is refused by the gate and the refusal is audited,
with nothing in the log about the account the call named."""

from __future__ import annotations

import logging

import pytest
from langchain_core.messages import ToolMessage
from langgraph.checkpoint.memory import InMemorySaver
from support.chat_model import scripted_chat_model
from support.llm_script import text, tool_call
from test_admin_accounts import audit_rows, new_admin
from tool_harness import context, new_account

from assistant.agent import build_agent, run_config
from db.accounts import get_account_by_username
from tools import ALL_TOOLS

pytestmark = pytest.mark.db


async def test_a_refused_admin_tool_call_is_audited_without_the_target(
    session_factory, scripted_llm, caplog: pytest.LogCaptureFixture
) -> None:
    await new_admin(session_factory, "rootadmin")
    bob = await new_account(session_factory, "bob")
    scripted_llm.add(
        tool_call("admin_delete_account", {"username": "rootadmin"}),
        text("Only an administrator can delete accounts."),
    )
    agent = build_agent(scripted_chat_model(scripted_llm), ALL_TOOLS, InMemorySaver())
    with caplog.at_level(logging.WARNING):
        result = await agent.ainvoke(
            {"messages": [{"role": "user", "content": "delete the rootadmin account"}]},
            run_config("t-bob"), context=context(session_factory, bob),
        )

    [refusal] = [m for m in result["messages"] if isinstance(m, ToolMessage)]
    assert refusal.status == "error" and "not available to" in refusal.content
    [entry] = await audit_rows(session_factory)
    assert (entry.actor_id, entry.action, entry.outcome) == (
        bob, "tool:admin_delete_account", "refused")
    assert entry.target is None and entry.detail == {}
    assert "rootadmin" not in repr((entry.actor_name, entry.target, entry.detail))
    async with session_factory() as session:
        assert await get_account_by_username(session, "rootadmin") is not None
    assert "Refused admin tool admin_delete_account" in caplog.text
