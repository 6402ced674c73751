"""A model server that answers with megabytes: every kind of model call stops at the reply
limits with a message that says so, quickly and without keeping the reply.

Anyone can point their personal settings at a server they control, so the server here is
hostile: arguments streamed in 8- and 1-character fragments, a plain reply of megabytes, a
structured answer past the limit, a stream of thousands of tiny pieces. CPU is measured on the
test's own thread (the scripted server runs in another), where the client does its work.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid

import pytest
from langchain_core.messages import HumanMessage
from langgraph.checkpoint.memory import InMemorySaver
from pydantic import BaseModel, SecretStr
from support.llm_script import Reply, structured, text, tool_call
from support.scripted_llm import ScriptedLLM

from assistant.agent import build_agent, run_config
from assistant.reply_tokens import ReplyTokens
from core.errors import UserFacingError
from core.settings import Settings
from llm.reply_limits import ReplyLimits
from llm.structured import ModelConnection, structured_call
from tools import ALL_TOOLS
from tools.context import ToolContext
from workflows.accounts.model_settings import reply_limits

pytestmark = pytest.mark.timeout(300)

MB = 1024 * 1024
# The worst case within the limits is 40 000 stream events at ~0.2 ms of client CPU each (the
# OpenAI SDK's and LangChain's per-chunk work): ~8 s on this 2-core machine, under load. Before
# the limits a 1.2 MB argument in 8-character fragments took about a minute and 0.8 GB.
MAX_CPU_S = 15.0


def connection(llm: ScriptedLLM, limits: ReplyLimits | None = None) -> ModelConnection:
    return ModelConnection(base_url=llm.base_url, api_key=SecretStr("k"), model="scripted",
                           timeout_s=120, max_retries=2, backoff_s=0.01,
                           limits=limits or reply_limits(Settings()))


def model_only_context(conn: ModelConnection) -> ToolContext:
    # The model's reply is refused before any tool runs, so no database is needed.
    return ToolContext(account_id=uuid.uuid4(), username="ada", roles=frozenset(),
                       thread_id="t", session_factory=None, progress=None, settings=None,
                       model=conn, today=dt.date.today())


async def agent_turn(conn: ModelConnection) -> None:
    """One agent turn as the chat runs it (its reply-token handler and stream mode included), on
    an in-memory history."""
    agent = build_agent(None, ALL_TOOLS, InMemorySaver())
    shown: list[str] = []

    async def show(text: str) -> None:
        shown.append(text)

    config = {**run_config(str(uuid.uuid4())), "callbacks": [ReplyTokens(show)]}
    async for _ in agent.astream({"messages": [{"role": "user", "content": "save the job"}]},
                                 config, context=model_only_context(conn), stream_mode="updates"):
        pass


def huge_call(size: int, fragment_chars: int) -> Reply:
    return tool_call("save_job", {"title": "SRE", "text": "x" * size},
                     argument_fragment_chars=fragment_chars)


@pytest.mark.parametrize(("size", "fragment_chars", "said"), [
    (1_200_000, 8, "tool-call argument was larger than 128 KB"),
    (1_200_000, 1, "reply came in more than 40000 pieces"),
])
async def test_a_huge_streamed_argument_ends_the_turn_quickly_with_a_clear_message(
    scripted_llm: ScriptedLLM, size: int, fragment_chars: int, said: str
):
    scripted_llm.add(huge_call(size, fragment_chars))
    started = time.thread_time()
    with pytest.raises(UserFacingError) as stopped:
        await agent_turn(connection(scripted_llm))
    spent = time.thread_time() - started
    assert said in stopped.value.message and "was stopped" in stopped.value.message
    assert "/settings" in stopped.value.message
    assert spent < MAX_CPU_S, f"the client spent {spent:.1f} s of CPU on a refused reply"
    assert len(scripted_llm.chat_requests) == 1, "a refused reply is not asked for again"


async def test_an_argument_within_the_limits_arrives_whole(scripted_llm: ScriptedLLM):
    """100 KB in 8-character fragments (12 800 of them): the joined argument is exact."""
    posting = "".join(f"line {n}: requirement {n % 97}\n" for n in range(3_500))[:100_000]
    scripted_llm.add(tool_call("save_job", {"title": "SRE", "text": posting}))
    agent = build_agent(None, ALL_TOOLS, InMemorySaver())
    started = time.thread_time()
    async for update in agent.astream(
        {"messages": [{"role": "user", "content": "save it"}]}, run_config("whole"),
        context=model_only_context(connection(scripted_llm)), stream_mode="updates",
    ):
        if "model" in update:
            (call,) = update["model"]["messages"][-1].tool_calls
            assert call["args"] == {"title": "SRE", "text": posting}
            break
    assert time.thread_time() - started < MAX_CPU_S


class Summary(BaseModel):
    summary: str


async def test_structured_answers_past_the_limit_are_stopped(scripted_llm: ScriptedLLM):
    conn = connection(scripted_llm)
    scripted_llm.add(structured({"summary": "y" * 400_000}))
    with pytest.raises(UserFacingError, match="reply was larger than 256 KB and was stopped"):
        await structured_call(conn, Summary, [HumanMessage("sum up")], purpose="sum up")
    assert len(scripted_llm.chat_requests) == 1, "not retried, not repaired"


async def test_streamed_structured_answers_past_the_limit_are_stopped(scripted_llm: ScriptedLLM):
    """Inside a tool the agent's stream mode makes structured calls stream too."""
    from llm.structured import chat_model

    scripted_llm.add(text("word " * 60_000))
    model = chat_model(connection(scripted_llm), streaming=True)
    with pytest.raises(UserFacingError, match="more than 40000 pieces"):
        await model.ainvoke([HumanMessage("talk")])


async def test_the_wire_limit_stops_a_plain_reply_before_it_is_kept(scripted_llm: ScriptedLLM):
    limits = ReplyLimits(reply_max_kb=64 * 1024, argument_max_kb=64 * 1024, wire_max_mb=1)
    scripted_llm.add(text("z" * (3 * MB)))
    with pytest.raises(UserFacingError, match="reply was larger than 1 MB and was stopped"):
        await structured_call(connection(scripted_llm, limits), Summary,
                              [HumanMessage("sum up")], purpose="sum up")
    assert len(scripted_llm.chat_requests) == 1


async def test_replies_within_the_limits_are_unchanged(scripted_llm: ScriptedLLM):
    scripted_llm.add(structured({"summary": "Builds engines. " * 2_000}))
    answer = await structured_call(connection(scripted_llm), Summary, [HumanMessage("sum up")],
                                   purpose="sum up")
    assert answer.summary == "Builds engines. " * 2_000
