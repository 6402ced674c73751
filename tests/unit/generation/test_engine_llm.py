"""Structured calls through the real ChatOpenAI client against the scripted server."""

from __future__ import annotations

import time

import pytest
from pydantic import BaseModel, SecretStr
from support.llm_script import (
    error,
    invalid_json,
    prose_instead_of_json,
    rate_limited,
    server_error,
    structured,
)
from support.scripted_llm import ScriptedLLM

from core.errors import UserFacingError
from llm.structured import ModelConnection, UsageMeter, metering, structured_call


class Headline(BaseModel):
    title: str
    years: int = 0


async def ask(conn: ModelConnection) -> Headline:
    return await structured_call(conn, Headline, [("human", "hi")], purpose="read the headline")


async def test_valid_json_comes_back_as_the_schema(scripted_llm: ScriptedLLM, conn) -> None:
    scripted_llm.add(structured({"title": "Staff Engineer", "years": 9}))
    assert await ask(conn) == Headline(title="Staff Engineer", years=9)
    sent = scripted_llm.requests[0]
    assert sent.response_format["type"] == "json_schema"
    assert not sent.tools  # nothing the model says can become a tool call


@pytest.mark.parametrize("bad", [prose_instead_of_json(), invalid_json(), structured({"x": 1})])
async def test_a_malformed_answer_gets_one_repair_request(scripted_llm, conn, bad) -> None:
    scripted_llm.add(bad, structured({"title": "Staff Engineer"}))
    assert (await ask(conn)).title == "Staff Engineer"
    repair = scripted_llm.requests[1].last_message_text("user")
    assert "not valid JSON for the requested schema" in repair


async def test_two_malformed_answers_fail_with_a_clear_message(scripted_llm, conn) -> None:
    scripted_llm.add(prose_instead_of_json(), prose_instead_of_json())
    with pytest.raises(UserFacingError) as caught:
        await ask(conn)
    assert "Could not read the headline" in caught.value.message
    assert "did not return the expected structure" in caught.value.message
    assert len(scripted_llm.requests) == 2


async def test_server_without_json_schema_falls_back_to_json_object(scripted_llm, conn) -> None:
    rejected = error(400, "response_format json_schema is not supported",
                     error_type="invalid_request_error")
    # Prose in JSON mode is a mistake like any other: repaired once.
    scripted_llm.add(rejected, prose_instead_of_json(), structured({"title": "SRE"}))
    assert (await ask(conn)).title == "SRE"
    assert [r.response_format["type"] for r in scripted_llm.requests] == [
        "json_schema", "json_object", "json_object"]
    assert not any(r.tools for r in scripted_llm.requests)


async def test_rate_limit_waits_for_retry_after(scripted_llm, conn) -> None:
    scripted_llm.add(rate_limited(retry_after_s=1), structured({"title": "SRE"}))
    started = time.monotonic()
    assert (await ask(conn)).title == "SRE"
    first, second = scripted_llm.requests
    assert second.received_at - first.received_at >= 0.95
    assert time.monotonic() - started < 5


async def test_server_errors_retry_then_name_the_server(scripted_llm, conn) -> None:
    scripted_llm.add(server_error(), server_error(), server_error())
    with pytest.raises(UserFacingError) as caught:
        await ask(conn)
    assert len(scripted_llm.requests) == 3  # the first try and conn.max_retries=2
    assert f"The model server at {conn.base_url} answered with an error (HTTP 500)" in str(
        caught.value
    )


async def test_timeout_says_what_to_do(scripted_llm: ScriptedLLM) -> None:
    slow = ModelConnection(scripted_llm.base_url, SecretStr("k"), "scripted", timeout_s=0.3,
                           max_retries=0)
    scripted_llm.add(structured({"title": "late"}, delay_s=2))
    with pytest.raises(UserFacingError) as caught:
        await ask(slow)
    assert "did not answer within 0.3 s" in caught.value.message
    assert "raise the timeout in /settings" in caught.value.message


async def test_unreachable_server() -> None:
    gone = ModelConnection("http://127.0.0.1:9/v1", None, "m", timeout_s=2, max_retries=0)
    with pytest.raises(UserFacingError) as caught:
        await ask(gone)
    assert "could not be reached" in caught.value.message


async def test_the_meter_counts_calls_and_tokens(scripted_llm, conn) -> None:
    scripted_llm.add(structured({"title": "SRE"}, prompt_tokens=120, completion_tokens=7))
    meter = UsageMeter()
    token = metering(meter)
    try:
        await ask(conn)
    finally:
        token.var.reset(token)
    assert [(c.purpose, c.prompt_tokens, c.completion_tokens) for c in meter.calls] == [
        ("read the headline", 120, 7)
    ]


@pytest.mark.parametrize(("status", "says"), [
    (401, "refused the API key. Set a valid key in /settings."),
    (404, "does not know the model 'scripted'. Pick one it serves in /settings."),
])
async def test_permanent_errors_are_not_retried_and_say_what_to_do(scripted_llm, conn, status,
                                                                   says) -> None:
    scripted_llm.add(error(status, "nope", error_type="invalid_request_error"))
    with pytest.raises(UserFacingError) as caught:
        await ask(conn)
    assert len(scripted_llm.requests) == 1
    assert caught.value.message == f"Could not read the headline: The model server at " \
                                   f"{conn.base_url} {says}"


async def test_a_timeout_is_not_retried_so_the_person_hears_after_one_wait(
    scripted_llm: ScriptedLLM,
) -> None:
    import dataclasses

    slow = dataclasses.replace(structured({"title": "Staff Engineer"}), delay_s=1.5)
    scripted_llm.add(slow, structured({"title": "never asked"}))
    conn = ModelConnection(
        base_url=scripted_llm.base_url, api_key=SecretStr("test-key"), model="scripted",
        timeout_s=0.5, max_retries=2, backoff_s=0.01,
    )
    started = time.monotonic()
    with pytest.raises(UserFacingError) as caught:
        await ask(conn)
    assert "did not answer within 0.5 s" in caught.value.message
    assert len(scripted_llm.requests) == 1
    assert time.monotonic() - started < 1.5
