"""A turn whose process died mid-way is back in the agent's history when the thread is reopened:
the agent writes its checkpoint only when a turn ends, so the cut turn is rebuilt from the rows
Chainlit wrote as it happened. The model then sees what the person asked, which steps finished,
and that the cut call did not; every tool call has a result; a second reopening adds nothing."""

from __future__ import annotations

import uuid

import pytest
from langchain_core.messages import AIMessage, HumanMessage, ToolMessage
from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool
from support.chat_model import scripted_chat_model
from support.llm_script import text
from tool_harness import context, new_account

from assistant.agent import build_agent, run_config
from assistant.chat_turn import INTERRUPTED
from assistant.turn_rebuild import chainlit_id, restore_cut_turn
from db.engine import libpq_dsn
from tools import ALL_TOOLS

pytestmark = pytest.mark.db

NOTICE = "Your last message was not answered."


def step(kind: str, output: str, **extra: object) -> dict:
    return {"id": str(uuid.uuid4()), "type": kind, "output": output, **extra}


async def test_a_turn_cut_by_a_dead_process_is_rebuilt_once_and_the_next_turn_sees_it(
    migrated_db_url: str, session_factory, scripted_llm
) -> None:
    account = await new_account(session_factory, "mara")
    thread_id = str(uuid.uuid4())
    config = run_config(thread_id)
    ctx = context(session_factory, account, thread_id=thread_id)
    kwargs = {"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row}
    async with AsyncConnectionPool(libpq_dsn(migrated_db_url), kwargs=kwargs, open=False) as pool:
        agent = build_agent(scripted_chat_model(scripted_llm), ALL_TOOLS, AsyncPostgresSaver(pool))
        scripted_llm.add(text("Hello."))
        await agent.ainvoke({"messages": [{"role": "user", "content": "hi"}]}, config,
                            context=ctx, durability="exit")
        asked = step("user_message", "Save this job and analyse it.")
        thread = {"id": thread_id, "steps": [
            step("user_message", "hi"), step("assistant_message", "Hello."), asked,
            step("run", ""),
            step("tool", "Saved the job: Data Engineer at Riverbend.",
                 metadata={"tool": "save_job"}, end="2026-12-04T20:00:01.000000Z"),
            step("tool", "", metadata={"tool": "analyze_job"}),  # running when the process died
        ]}

        assert await restore_cut_turn(agent, thread, NOTICE)
        history = (await agent.aget_state(config)).values["messages"]
        rebuilt = history[2:]
        assert isinstance(rebuilt[0], HumanMessage) and chainlit_id(rebuilt[0]) == asked["id"]
        assert rebuilt[0].content == "Save this job and analyse it."
        results = [m for m in rebuilt if isinstance(m, ToolMessage)]
        assert [(r.name, r.status) for r in results] == [
            ("save_job", "success"), ("analyze_job", "error")]
        assert "Saved the job" in results[0].content and results[1].content == INTERRUPTED
        assert isinstance(rebuilt[-1], AIMessage) and rebuilt[-1].content == NOTICE

        assert not await restore_cut_turn(agent, thread, NOTICE), "rebuilt twice"
        assert len((await agent.aget_state(config)).values["messages"]) == len(history)

        scripted_llm.add(text("Analysed."))
        await agent.ainvoke({"messages": [{"role": "user", "content": "Try again."}]}, config,
                            context=ctx, durability="exit")
    sent = scripted_llm.requests[-1].messages
    assert any(m.get("content") == "Save this job and analyse it." for m in sent)
    calls = [c["id"] for m in sent for c in m.get("tool_calls") or []]
    assert calls == [m["tool_call_id"] for m in sent if m.get("role") == "tool"]
    assert len(calls) == 2


async def test_a_turn_that_ended_is_not_rebuilt(
    migrated_db_url: str, session_factory, scripted_llm
) -> None:
    account = await new_account(session_factory, "lee")
    thread_id = str(uuid.uuid4())
    config = run_config(thread_id)
    asked = step("user_message", "hi")
    kwargs = {"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row}
    async with AsyncConnectionPool(libpq_dsn(migrated_db_url), kwargs=kwargs, open=False) as pool:
        agent = build_agent(scripted_chat_model(scripted_llm), ALL_TOOLS, AsyncPostgresSaver(pool))
        scripted_llm.add(text("Hello."))
        # The message carries the Chainlit message's id, as chat_turn.user_message sends it.
        sent = {"role": "user", "content": "hi", "id": f"{asked['id']}:0a1b"}
        await agent.ainvoke({"messages": [sent]},
                            config, context=context(session_factory, account,
                                                    thread_id=thread_id), durability="exit")
        before = (await agent.aget_state(config)).values["messages"]
        assert not await restore_cut_turn(agent, {"id": thread_id, "steps": [asked]}, NOTICE)
        assert (await agent.aget_state(config)).values["messages"] == before
