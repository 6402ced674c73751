"""Structured calls and the agent's model against the documented quirks of local servers.

The scripted server plays each server's profile (tests/support/quirk_profiles.py, with sources).
"""

from __future__ import annotations

import dataclasses

import openai
import pytest
from langchain_core.messages import AIMessage
from pydantic import BaseModel
from support.llm_script import error, structured
from support.quirk_profiles import PROFILES, Quirks
from support.scripted_llm import ScriptedLLM

from llm.agent_model_quirks import calls_from_text, may_be_text_call
from llm.structured import (
    ModelConnection,
    UsageMeter,
    agent_retry_delay,
    describe_model_error,
    metering,
    structured_call,
)


class Headline(BaseModel):
    title: str
    years: int = 0


async def ask(conn: ModelConnection) -> Headline:
    return await structured_call(conn, Headline, [("human", "hi")], purpose="read the headline")


def formats(llm: ScriptedLLM) -> list[str | None]:
    return [(r.response_format or {}).get("type") for r in llm.requests]


async def test_llamacpp_refusing_json_schema_with_500_steps_down_once_and_remembers(
    scripted_llm: ScriptedLLM, conn
) -> None:
    scripted_llm.quirks = PROFILES["llamacpp"]
    scripted_llm.add(structured({"title": "SRE"}), structured({"title": "SRE", "years": 3}))
    assert (await ask(conn)).title == "SRE"
    assert (await ask(conn)).years == 3
    # The 500 is a refusal, not an outage: not retried, and the second call skips it.
    assert formats(scripted_llm) == ["json_schema", "json_object", "json_object"]
    told = scripted_llm.requests[1].last_message_text("user")
    assert told.startswith("hi") and "JSON schema" in told and '"title"' in told
    # In the same user message: templates that need alternating turns refuse two in a row.
    assert len(scripted_llm.requests[1].messages) == len(scripted_llm.requests[0].messages)


async def test_lmstudio_answers_json_schema_first_time(scripted_llm, conn) -> None:
    scripted_llm.quirks = PROFILES["lmstudio"]
    scripted_llm.add(structured({"title": "SRE"}))
    assert (await ask(conn)).title == "SRE"
    assert formats(scripted_llm) == ["json_schema"]


async def test_ollama_json_in_a_code_fence_is_read_without_a_repair(scripted_llm, conn) -> None:
    scripted_llm.quirks = PROFILES["ollama"]
    scripted_llm.add(structured({"title": "Staff Engineer", "years": 9}))
    assert await ask(conn) == Headline(title="Staff Engineer", years=9)
    assert len(scripted_llm.requests) == 1


async def test_a_server_refusing_both_formats_gets_the_schema_in_the_prompt(
    scripted_llm: ScriptedLLM, conn
) -> None:
    refusal = error(400, "Unsupported response_format", error_type="invalid_request_error")
    scripted_llm.quirks = Quirks(
        refused_formats={"json_schema": refusal, "json_object": refusal}, fences_json=True)
    scripted_llm.add(structured({"title": "SRE"}), structured({"title": "SRE"}))
    await ask(conn)
    await ask(conn)
    assert formats(scripted_llm) == ["json_schema", "json_object", None, None]
    assert "JSON schema" in scripted_llm.requests[-1].last_message_text("user")


async def test_what_a_server_can_do_is_remembered_per_model(scripted_llm, conn) -> None:
    scripted_llm.quirks = PROFILES["llamacpp"]
    scripted_llm.add(structured({"title": "a"}), structured({"title": "b"}))
    await ask(conn)
    await ask(dataclasses.replace(conn, model="another"))
    assert formats(scripted_llm) == ["json_schema", "json_object", "json_schema", "json_object"]


async def test_usage_is_counted_when_llamacpp_sends_it_unasked(scripted_llm, conn) -> None:
    scripted_llm.quirks = PROFILES["llamacpp"]
    scripted_llm.add(structured({"title": "SRE"}, prompt_tokens=50, completion_tokens=5))
    meter = UsageMeter()
    token = metering(meter)
    try:
        await ask(conn)
    finally:
        token.var.reset(token)
    assert [(c.prompt_tokens, c.completion_tokens) for c in meter.calls] == [(50, 5)]


NO_TOOLS = [
    (400, "registry.ollama.ai/library/deepseek-r1:1.5b does not support tools"),
    (400, '"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be '
          "set"),
    (500, "tools param requires --jinja flag"),
    (500, "Unsupported param: tools"),
]


@pytest.mark.parametrize(("status", "said"), NO_TOOLS)
def test_a_server_without_tool_calling_is_named_with_what_to_do(status, said, conn) -> None:
    exc = _status_error(status, said)
    message = describe_model_error(exc, conn)
    assert message.startswith(f"The model 'scripted' at {conn.base_url} cannot call tools")
    assert "/settings" in message and "--enable-auto-tool-choice" in message
    assert agent_retry_delay(exc, 0, conn) is None, "a refusal does not change on a retry"


def test_the_timeout_message_gives_local_servers_advice(conn) -> None:
    message = describe_model_error(openai.APITimeoutError(request=_request()), conn)
    assert "did not answer within 5 s" in message and "300 s" in message


OFFERED = {"save_job", "import_resume"}


@pytest.mark.parametrize("text", [
    '<tool_call>\n{"name": "save_job", "arguments": {"title": "SRE"}}\n</tool_call>',
    '{"name": "save_job", "parameters": {"title": "SRE"}}',
    '<tool_call>{"name": "save_job", "arguments": "{\\"title\\": \\"SRE\\"}"}</tool_call>',
])
def test_a_tool_call_written_as_text_is_read_as_the_call(text: str) -> None:
    read = calls_from_text(AIMessage(content=text, id="m1"), OFFERED)
    assert read is not None and read.id == "m1" and read.content == ""
    assert [(c["name"], c["args"]) for c in read.tool_calls] == [("save_job", {"title": "SRE"})]


@pytest.mark.parametrize("text", [
    '<tool_call>{"name": "delete_everything", "arguments": {}}</tool_call>',  # not offered
    'I will now call <tool_call>{"name": "save_job", "arguments": {}}</tool_call>',  # prose
    '<tool_call>{"name": "save_job", "arguments": [1]}</tool_call>',  # not an object
    '<tool_call>{"name": "save_job", "arguments": {}</tool_call>',  # broken JSON
    '{"title": "SRE"}',  # JSON, but not a call
    "Saved the job.",
])
def test_text_that_is_not_clearly_a_call_stays_text(text: str) -> None:
    assert calls_from_text(AIMessage(content=text), OFFERED) is None


def test_only_replies_that_may_be_calls_are_held_back() -> None:
    assert may_be_text_call("<tool") and may_be_text_call('{"na')
    assert may_be_text_call("<tool_call>\n{")
    assert not may_be_text_call("Saved") and not may_be_text_call("<b>")


def _request():
    import httpx2

    return httpx2.Request("POST", "http://127.0.0.1/v1/chat/completions")


def _status_error(status: int, message: str) -> openai.APIStatusError:
    import httpx2

    response = httpx2.Response(status, request=_request(), json={"error": {"message": message}})
    return openai.APIStatusError(f"Error code: {status} - {message}", response=response,
                                 body=None)


async def test_the_agents_timeout_is_for_the_first_token_not_the_whole_answer(
    scripted_llm: ScriptedLLM,
) -> None:
    """A slow local model streams for longer than the timeout; only silence counts."""
    import asyncio

    from support.llm_script import text

    from llm.agent_model import streaming_chat_model

    scripted_llm.quirks = dataclasses.replace(PROFILES["slow-first-token"], first_byte_delay_s=0.6)
    words = "one two three four five six seven eight nine ten"
    scripted_llm.add(text(words, tokens_per_second=8))  # about 1.4 s of streaming
    conn = ModelConnection(scripted_llm.base_url, None, "slow", timeout_s=1.0, max_retries=0)
    model = streaming_chat_model(conn, asyncio.get_running_loop())
    started = asyncio.get_running_loop().time()
    pieces = [chunk.content async for chunk in model.astream("hi")]
    assert "".join(pieces) == words
    assert asyncio.get_running_loop().time() - started > conn.timeout_s
