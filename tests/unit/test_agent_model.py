"""The agent's model client posts its requests without the OpenAI SDK's parameter transform:
the model server must receive exactly what the SDK's own ``create`` would have sent, so an SDK
release whose transform starts changing chat requests (an alias, an encoding) fails here."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage, ToolMessage
from langchain_openai import StreamChunkTimeoutError
from pydantic import SecretStr
from support.llm_script import text
from support.scripted_llm import ScriptedLLM

from assistant.agent_middleware import openai_schema
from llm.agent_model import streaming_chat_model
from llm.structured import ModelConnection, chat_model
from tools import ALL_TOOLS

HISTORY = [
    SystemMessage("You tailor resumes for Ada (today: 2026-11-21)."),
    HumanMessage("Show my resume, please — the one called “Main”."),
    AIMessage("", tool_calls=[{"id": "call-1", "name": "show_resume", "args": {"name": "Main"}}]),
    ToolMessage("# Personal\n\nName: Ada Lovelace", tool_call_id="call-1"),
    HumanMessage([{"type": "text", "text": "And now in two sentences."}]),
]


async def test_the_server_receives_what_the_sdks_create_would_send(scripted_llm: ScriptedLLM):
    connection = ModelConnection(base_url=scripted_llm.base_url, api_key=SecretStr("sk-test"),
                                 model="scripted", timeout_s=10)
    tools = [openai_schema(tool) for tool in ALL_TOOLS]
    scripted_llm.add(text("Ada builds engines."), text("Ada builds engines."))
    through_sdk = chat_model(connection, streaming=True).bind_tools(tools)
    posted = streaming_chat_model(connection, asyncio.get_running_loop()).bind_tools(tools)

    answers = [[chunk async for chunk in model.astream(HISTORY)] for model in (through_sdk, posted)]

    by_sdk, as_is = scripted_llm.chat_requests
    assert as_is.body == by_sdk.body
    # The same path and headers, Content-Length included: the bytes orjson wrote are the SDK's
    # (unescaped UTF-8, compact separators; HISTORY holds non-ASCII text).
    assert (as_is.method, as_is.path) == (by_sdk.method, by_sdk.path)
    assert dict(as_is.headers) == dict(by_sdk.headers)
    assert as_is.body["stream"] is True and len(as_is.body["tools"]) == len(ALL_TOOLS)
    assert as_is.bearer_token == by_sdk.bearer_token == "sk-test"
    texts = ["".join(chunk.text for chunk in chunks) for chunks in answers]
    assert texts == ["Ada builds engines."] * 2


async def test_one_client_per_connection_and_a_new_one_when_the_key_changes(
    scripted_llm: ScriptedLLM,
):
    loop = asyncio.get_running_loop()
    first = ModelConnection(base_url=scripted_llm.base_url, api_key=SecretStr("a"), model="m")
    same = ModelConnection(base_url=scripted_llm.base_url, api_key=SecretStr("a"), model="m")
    rotated = ModelConnection(base_url=scripted_llm.base_url, api_key=SecretStr("b"), model="m")
    assert streaming_chat_model(first, loop) is streaming_chat_model(same, loop)
    assert streaming_chat_model(rotated, loop) is not streaming_chat_model(first, loop)


def test_a_body_orjson_cannot_write_is_left_to_the_sdk():
    from llm.agent_model import _encoded

    class Odd:
        pass

    assert _encoded({"model": "m", "stream": True}, {}) == (None, b'{"model":"m","stream":true}')
    odd = {"model": "m", "metadata": Odd()}
    assert _encoded(odd, {}) == (odd, None)
    assert _encoded({"model": "m", "n": 2**70}, {})[1] is None
    merged = {"model": "m"}
    assert _encoded(merged, {"extra_json": {"top_k": 3}}) == (merged, None)


async def _streamed(model: Any, pause_s: float = 0.0) -> list[str]:
    pieces = []
    async for chunk in model.astream("hi"):
        pieces.append(chunk.text)
        await asyncio.sleep(pause_s)  # the consumer's own time between chunks
    return pieces


async def test_a_stream_silent_longer_than_langchains_chunk_bound_is_stopped(
    scripted_llm: ScriptedLLM, monkeypatch: pytest.MonkeyPatch,
):
    """LangChain's bound on the wait for each chunk (kept by the agent's stream at less cost):
    its error, with how many chunks came; the model server's timeout is far away."""
    monkeypatch.setenv("LANGCHAIN_OPENAI_STREAM_CHUNK_TIMEOUT_S", "0.3")
    connection = ModelConnection(base_url=scripted_llm.base_url, api_key=None, model="slow",
                                 timeout_s=10, max_retries=0)
    model = streaming_chat_model(connection, asyncio.get_running_loop())
    assert model.stream_chunk_timeout is None  # LangChain's wait_for is off: ours holds it
    scripted_llm.add(text("one two three", tokens_per_second=1.5))  # ~0.7 s between words

    with pytest.raises(StreamChunkTimeoutError) as stopped:
        await _streamed(model)
    assert stopped.value.timeout_s == 0.3
    assert stopped.value.chunks_received >= 1 and stopped.value.model_name == "slow"


async def test_only_the_wait_for_a_chunk_counts_not_the_stream_or_the_consumer(
    scripted_llm: ScriptedLLM, monkeypatch: pytest.MonkeyPatch,
):
    monkeypatch.setenv("LANGCHAIN_OPENAI_STREAM_CHUNK_TIMEOUT_S", "0.5")
    connection = ModelConnection(base_url=scripted_llm.base_url, api_key=None, model="steady",
                                 timeout_s=10, max_retries=0)
    model = streaming_chat_model(connection, asyncio.get_running_loop())
    words = "one two three four five six"
    scripted_llm.add(text(words, tokens_per_second=8), text("a b", tokens_per_second=8))
    started = asyncio.get_running_loop().time()
    assert "".join(await _streamed(model)) == words
    assert asyncio.get_running_loop().time() - started > 0.5  # longer than the bound in all
    assert "".join(await _streamed(model, pause_s=0.7)) == "a b"  # a slow consumer is no silence
