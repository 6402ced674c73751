"""The scripted OpenAI-compatible server, driven by the real langchain-openai client."""

from __future__ import annotations

import asyncio
import json
import time

import openai
import pytest
from langchain_core.messages import AIMessageChunk, HumanMessage, ToolMessage
from langchain_core.tools import tool
from pydantic import BaseModel
from support.chat_model import TEST_API_KEY, scripted_chat_model
from support.llm_script import (
    Reply,
    ToolCall,
    dropped_stream,
    invalid_json,
    prose_instead_of_json,
    rate_limited,
    server_error,
    structured,
    text,
    tool_call,
    tool_calls,
    when_tool_result_for,
    when_user_says,
)
from support.openai_wire import estimate_prompt_tokens, estimate_tokens
from support.scripted_llm import ScriptedLLM
from support.scripted_llm_process import ScriptedLLMProcess


class Role(BaseModel):
    title: str
    company: str
    years: int


@tool
def save_job(company: str, title: str) -> str:
    """Save a job posting the person pasted."""
    return f"saved {title} at {company}"


@tool
def match_report(job_id: int) -> str:
    """Score the primary resume against a saved job."""
    return f"report for job {job_id}"


async def test_plain_reply_with_usage_and_recorded_request(scripted_llm: ScriptedLLM) -> None:
    scripted_llm.add(text("Hello Ada, paste a job posting to begin."))
    reply = await scripted_chat_model(scripted_llm).ainvoke("Hi, I'm Ada")

    assert reply.content == "Hello Ada, paste a job posting to begin."
    sent = scripted_llm.requests[0]
    assert sent.messages == [{"role": "user", "content": "Hi, I'm Ada"}]
    assert sent.body["model"] == "scripted"
    assert sent.bearer_token == TEST_API_KEY
    assert "authorization" not in {name.lower() for name in sent.headers}
    assert reply.usage_metadata["input_tokens"] == estimate_prompt_tokens(dict(sent.body)) == 6
    assert reply.usage_metadata["output_tokens"] == estimate_tokens(reply.content) == 10


async def test_stream_arrives_in_pieces_with_usage_at_the_end(scripted_llm: ScriptedLLM) -> None:
    words = "Your resume matches seven of the nine required skills."
    scripted_llm.add(text(words, tokens_per_second=100))
    arrivals: list[tuple[float, AIMessageChunk]] = []
    async for chunk in scripted_chat_model(scripted_llm).astream("How do I match?"):
        arrivals.append((time.monotonic(), chunk))

    pieces = [chunk.content for _, chunk in arrivals if chunk.content]
    assert pieces[:3] == ["Your", " resume", " matches"]
    assert "".join(pieces) == words
    first_word_at = next(at for at, chunk in arrivals if chunk.content)
    last_word_at = [at for at, chunk in arrivals if chunk.content][-1]
    assert last_word_at - first_word_at >= 0.08  # nine pauses of 10 ms: the stream is paced
    chunks = [chunk for _, chunk in arrivals]
    with_usage = [i for i, chunk in enumerate(chunks) if chunk.usage_metadata]
    last_word = max(i for i, chunk in enumerate(chunks) if chunk.content)
    assert len(with_usage) == 1 and with_usage[0] > last_word
    assert chunks[with_usage[0]].usage_metadata["output_tokens"] == estimate_tokens(words)
    assert scripted_llm.requests[0].body["stream_options"] == {"include_usage": True}


async def test_tool_call_plain_sends_schema_and_parses_arguments(scripted_llm: ScriptedLLM) -> None:
    scripted_llm.add(tool_call("save_job", {"company": "Acme", "title": "SRE"}))
    model = scripted_chat_model(scripted_llm).bind_tools([save_job, match_report])
    reply = await model.ainvoke("Save this posting: SRE at Acme")

    assert [(c["name"], c["args"]) for c in reply.tool_calls] == [
        ("save_job", {"company": "Acme", "title": "SRE"})
    ]
    sent = scripted_llm.requests[0]
    assert sent.tool_names == ["save_job", "match_report"]
    parameters = sent.tools[0]["function"]["parameters"]
    assert set(parameters["properties"]) == {"company", "title"}
    assert sent.tools[0]["function"]["description"] == "Save a job posting the person pasted."


async def test_streamed_tool_calls_are_reassembled_from_fragments(
    scripted_llm: ScriptedLLM,
) -> None:
    long_title = "Senior Site Reliability Engineer, Platform"
    scripted_llm.add(
        tool_calls(
            ToolCall("save_job", {"company": "Acme Robotics", "title": long_title}),
            ToolCall("match_report", {"job_id": 42}),
        )
    )
    model = scripted_chat_model(scripted_llm).bind_tools([save_job, match_report])
    chunks = [chunk async for chunk in model.astream("Save it and score me")]
    fragments = [c for c in chunks if c.tool_call_chunks]
    merged = chunks[0]
    for chunk in chunks[1:]:
        merged += chunk

    assert len(fragments) > 4  # arguments came in several pieces, not one
    assert [(c["name"], c["args"]) for c in merged.tool_calls] == [
        ("save_job", {"company": "Acme Robotics", "title": long_title}),
        ("match_report", {"job_id": 42}),
    ]
    assert merged.usage_metadata["output_tokens"] > 0


async def test_structured_output_json_schema(scripted_llm: ScriptedLLM) -> None:
    scripted_llm.add(structured({"title": "SRE", "company": "Acme", "years": 3}))
    model = scripted_chat_model(scripted_llm).with_structured_output(Role, method="json_schema")
    role = await model.ainvoke("Extract the role")

    assert role == Role(title="SRE", company="Acme", years=3)
    response_format = scripted_llm.requests[0].response_format
    assert response_format["type"] == "json_schema"
    assert response_format["json_schema"]["name"] == "Role"
    assert response_format["json_schema"]["schema"]["required"] == ["title", "company", "years"]


async def test_structured_output_function_calling(scripted_llm: ScriptedLLM) -> None:
    scripted_llm.add(structured({"title": "SRE", "company": "Acme", "years": 3}))
    model = scripted_chat_model(scripted_llm).with_structured_output(
        Role, method="function_calling"
    )
    role = await model.ainvoke("Extract the role")

    assert role == Role(title="SRE", company="Acme", years=3)
    assert scripted_llm.requests[0].forced_tool == "Role"
    assert scripted_llm.requests[0].tool_names == ["Role"]


@pytest.mark.parametrize(
    "bad_reply", [prose_instead_of_json(), invalid_json()], ids=["prose", "cut"]
)
async def test_unusable_structured_output(scripted_llm: ScriptedLLM, bad_reply) -> None:
    # json_schema raises; function_calling with no tool call yields None instead of raising, so
    # callers must treat None as a failed extraction.
    scripted_llm.add(bad_reply, bad_reply)
    model = scripted_chat_model(scripted_llm)
    with pytest.raises(ValueError, match="Invalid JSON"):
        await model.with_structured_output(Role, method="json_schema").ainvoke("Extract")
    assert await model.with_structured_output(Role, method="function_calling").ainvoke("x") is None


async def test_rate_limit_surfaces_with_retry_after(scripted_llm: ScriptedLLM) -> None:
    scripted_llm.add(rate_limited(retry_after_s=7))
    with pytest.raises(openai.RateLimitError) as raised:
        await scripted_chat_model(scripted_llm).ainvoke("hi")
    assert raised.value.response.headers["Retry-After"] == "7"
    assert "Rate limit reached" in raised.value.message


async def test_client_waits_retry_after_then_succeeds(scripted_llm: ScriptedLLM) -> None:
    scripted_llm.add(rate_limited(retry_after_s=1), text("Done on the second try."))
    reply = await scripted_chat_model(scripted_llm, max_retries=1).ainvoke("hi")

    assert reply.content == "Done on the second try."
    first, second = scripted_llm.requests
    assert second.received_at - first.received_at >= 0.95


async def test_server_error_and_timeout(scripted_llm: ScriptedLLM) -> None:
    scripted_llm.add(server_error("The model crashed."), text("too late", delay_s=2))
    with pytest.raises(openai.InternalServerError, match="The model crashed."):
        await scripted_chat_model(scripted_llm).ainvoke("hi")
    started = time.monotonic()
    with pytest.raises(openai.APITimeoutError):
        await scripted_chat_model(scripted_llm, timeout=0.3).ainvoke("hi")
    assert time.monotonic() - started < 1.5


async def test_dropped_stream_raises_after_the_first_words(scripted_llm: ScriptedLLM) -> None:
    scripted_llm.add(dropped_stream("Dear hiring manager, I am writing to apply", after_chunks=4))
    received: list[str] = []
    with pytest.raises(openai.APIConnectionError):
        async for chunk in scripted_chat_model(scripted_llm).astream("Write a cover letter"):
            received.append(chunk.content)
    assert "".join(received) == "Dear hiring manager,"


async def test_connection_cut_before_a_plain_answer_raises(scripted_llm: ScriptedLLM) -> None:
    scripted_llm.add(Reply(text="never sent", drop_after_chunks=0))
    with pytest.raises(openai.APIConnectionError):
        await scripted_chat_model(scripted_llm).ainvoke("hi")
    assert len(scripted_llm.requests) == 1


async def test_rules_answer_from_the_conversation(scripted_llm: ScriptedLLM) -> None:
    # The user rule comes first and still does not fire again once the tool result is back.
    scripted_llm.add_rule(
        when_user_says("posting", tool_call("save_job", {"company": "Acme", "title": "SRE"}))
    )
    scripted_llm.add_rule(when_tool_result_for("save_job", text("Saved. Want a match report?")))
    model = scripted_chat_model(scripted_llm).bind_tools([save_job])
    history: list = [HumanMessage("Here is a posting: SRE at Acme")]
    call_message = await model.ainvoke(history)
    call = call_message.tool_calls[0]
    history += [call_message, ToolMessage(save_job.invoke(call["args"]), tool_call_id=call["id"])]
    answer = await model.ainvoke(history)

    assert answer.content == "Saved. Want a match report?"
    tool_result = scripted_llm.requests[1].messages[-1]
    assert tool_result == {
        "role": "tool",
        "tool_call_id": call["id"],
        "content": "saved SRE at Acme",
    }
    assert json.loads(
        scripted_llm.requests[1].messages[1]["tool_calls"][0]["function"]["arguments"]
    ) == {
        "company": "Acme",
        "title": "SRE",
    }


async def test_concurrent_requests_each_get_their_own_answer(scripted_llm: ScriptedLLM) -> None:
    scripted_llm.add_rule(lambda request: text(f"echo: {request.last_message_text('user')}"))
    model = scripted_chat_model(scripted_llm)
    questions = [f"question {n}" for n in range(20)]
    replies = await asyncio.gather(*(model.ainvoke(q) for q in questions))

    assert [reply.content for reply in replies] == [f"echo: {q}" for q in questions]
    assert sorted(r.number for r in scripted_llm.requests) == list(range(1, 21))


async def test_unscripted_request_gets_a_clear_error_without_retries() -> None:
    with ScriptedLLM() as server:
        with pytest.raises(openai.InternalServerError, match="no reply scripted for request #1"):
            await scripted_chat_model(server, max_retries=2).ainvoke("anything")
        assert len(server.unscripted) == len(server.requests) == 1


async def test_models_endpoint_and_responses_api_refusal(scripted_llm: ScriptedLLM) -> None:
    client = openai.AsyncOpenAI(base_url=scripted_llm.base_url, api_key=TEST_API_KEY)
    assert [model.id async for model in client.models.list()] == ["scripted"]
    with pytest.raises(openai.NotFoundError, match="use_responses_api=False"):
        await client.responses.create(model="scripted", input="hi")
    await client.close()


def test_separate_process_answers_and_reports_requests() -> None:
    script = {
        "replies": [{"text": "Hello from another process."}],
        "rules": [{"when_user_says": "job", "reply": {"status": 503}}],
    }
    with ScriptedLLMProcess(script) as server:
        model = scripted_chat_model(server, api_key="other-key")
        assert model.invoke("hello").content == "Hello from another process."
        server.add_script(
            {
                "replies": [
                    {
                        "tool_calls": [
                            {"name": "save_job", "arguments": {"company": "A", "title": "B"}}
                        ]
                    }
                ]
            }
        )
        assert model.bind_tools([save_job]).invoke("hi").tool_calls[0]["args"] == {
            "company": "A",
            "title": "B",
        }
        with pytest.raises(openai.APIStatusError) as raised:
            model.invoke("save this job")
        recorded = server.requests()
    assert raised.value.status_code == 503
    assert [r.bearer_token for r in recorded] == ["other-key"] * 3
    assert recorded[2].last_message_text("user") == "save this job"
