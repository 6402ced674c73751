"""The agent's middleware with a real ChatOpenAI against the scripted model server.

Two tiny tools stand in for Tailor's: one everybody may use, one for administrators only.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

import pytest
from langchain.tools import ToolRuntime
from langchain_core.messages import ToolMessage
from langchain_core.tools import tool
from langgraph.checkpoint.memory import InMemorySaver
from support.chat_model import scripted_chat_model
from support.llm_script import text, tool_call
from support.scripted_llm import ScriptedLLM

from assistant.agent import answer_unanswered_tool_calls, build_agent, run_config
from core.errors import UserFacingError


@dataclass(frozen=True)
class Context:
    username: str
    roles: frozenset[str]
    today: dt.date


deleted: list[str] = []


@tool
def list_resumes(runtime: ToolRuntime[Context]) -> str:
    """List the person's resumes."""
    return f"{runtime.context.username} has 1 resume: Main (id r-1)."


@tool
def delete_account(username: str) -> str:
    """Delete an account (administrators only)."""
    deleted.append(username)
    return f"Deleted {username}."


def agent_for(llm: ScriptedLLM):
    return build_agent(
        scripted_chat_model(llm),
        [list_resumes, delete_account],
        InMemorySaver(),
        admin_tool_names={"delete_account"},
        context_schema=Context,
    )


def tool_messages(result: dict) -> list[ToolMessage]:
    return [m for m in result["messages"] if isinstance(m, ToolMessage)]


BOB = Context("bob", frozenset({"user"}), dt.date(2026, 11, 21))
ALICE = Context("alice", frozenset({"user", "admin"}), dt.date(2026, 11, 21))


async def test_a_user_never_sees_admin_tools_and_a_forced_call_is_refused(
    scripted_llm: ScriptedLLM, caplog: pytest.LogCaptureFixture
):
    deleted.clear()
    scripted_llm.add(
        tool_call("delete_account", {"username": "alice"}),
        text("I cannot do that; only an administrator can delete accounts."),
    )
    with caplog.at_level(logging.WARNING, logger="assistant.agent_middleware"):
        result = await agent_for(scripted_llm).ainvoke(
            {"messages": [{"role": "user", "content": "delete alice's account"}]},
            run_config("t-user"),
            context=BOB,
        )
    first = scripted_llm.chat_requests[0]
    assert first.tool_names == ["list_resumes"]
    (refusal,) = tool_messages(result)
    assert refusal.status == "error"
    assert "not available to bob" in refusal.content
    assert deleted == [], "the hidden tool must not run"
    assert "Refused admin tool delete_account for bob" in caplog.text
    assert result["messages"][-1].content.startswith("I cannot do that")


async def test_an_admin_sees_and_runs_admin_tools(scripted_llm: ScriptedLLM):
    deleted.clear()
    scripted_llm.add(tool_call("delete_account", {"username": "carol"}), text("Done."))
    result = await agent_for(scripted_llm).ainvoke(
        {"messages": [{"role": "user", "content": "delete carol"}]},
        run_config("t-admin"),
        context=ALICE,
    )
    assert sorted(scripted_llm.chat_requests[0].tool_names) == ["delete_account", "list_resumes"]
    assert deleted == ["carol"]
    assert tool_messages(result)[0].content == "Deleted carol."


async def test_system_prompt_names_the_person_and_date_and_context_reaches_tools(
    scripted_llm: ScriptedLLM,
):
    scripted_llm.add(tool_call("list_resumes"), text("You have one resume, Main."))
    agent = agent_for(scripted_llm)
    result = await agent.ainvoke(
        {"messages": [{"role": "user", "content": "which resumes do I have?"}]},
        run_config("t-prompt"),
        context=BOB,
    )
    system = scripted_llm.chat_requests[0].messages[0]
    assert system["role"] == "system"
    assert "helps bob tailor" in system["content"] and "2026-11-21" in system["content"]
    assert tool_messages(result)[0].content == "bob has 1 resume: Main (id r-1)."


async def test_a_fresh_agent_continues_the_thread_from_the_checkpointer(scripted_llm: ScriptedLLM):
    saver = InMemorySaver()
    model = scripted_chat_model(scripted_llm)
    tools = [list_resumes, delete_account]
    scripted_llm.add(tool_call("list_resumes"), text("One resume."), text("It is called Main."))
    first = build_agent(model, tools, saver, admin_tool_names=(), context_schema=Context)
    await first.ainvoke(
        {"messages": [{"role": "user", "content": "list my resumes"}]},
        run_config("t-resume"),
        context=BOB,
    )
    again = build_agent(model, tools, saver, admin_tool_names=(), context_schema=Context)
    await again.ainvoke(
        {"messages": [{"role": "user", "content": "what was its name?"}]},
        run_config("t-resume"),
        context=BOB,
    )
    sent = scripted_llm.chat_requests[-1].messages
    # The earlier tool call and its result travel with the new question.
    assert any(m.get("role") == "tool" and "Main (id r-1)" in m["content"] for m in sent)
    assert sent[-1]["content"] == "what was its name?"


@tool
def analyse(job: str) -> str:
    """Analyse a job posting."""
    raise UserFacingError("The model server at http://models did not answer within 120 s.")


async def test_a_failed_turn_leaves_a_conversation_the_model_server_accepts(
    scripted_llm: ScriptedLLM,
):
    saver = InMemorySaver()
    agent = build_agent(scripted_chat_model(scripted_llm), [analyse], saver,
                        admin_tool_names=(), context_schema=Context)
    scripted_llm.add(tool_call("analyse", {"job": "SRE"}), text("Shall I try again?"))
    with pytest.raises(UserFacingError):
        await agent.ainvoke({"messages": [{"role": "user", "content": "analyse it"}]},
                            run_config("t-fail"), context=BOB)
    assert await answer_unanswered_tool_calls(agent, run_config("t-fail"), "no answer") == 1
    await agent.ainvoke({"messages": [{"role": "user", "content": "and now?"}]},
                        run_config("t-fail"), context=BOB)
    sent = scripted_llm.chat_requests[-1].messages
    call_id = sent[-3]["tool_calls"][0]["id"]
    # Every tool call has its result before the next question, as OpenAI's API demands.
    assert sent[-2] == {"role": "tool", "tool_call_id": call_id, "content": "Failed: no answer"}
    assert sent[-1]["content"] == "and now?"
