"""The model settings panel takes whatever the socket carries: NaN, infinity, negative and huge
numbers, lists and objects instead of text. Each is refused with a message that names the field
and what it allows, the stored settings stay as they were, and no Python error reaches the log
(the server fixture fails the test on a traceback)."""

from __future__ import annotations

import math

import pytest
from e2e.client import ChatClient, create_first_admin, login_token
from e2e.fixtures import ADMIN
from sqlalchemy import text
from support.scripted_llm_process import ScriptedLLMProcess

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(240)]

GOOD = {"model": "scripted", "forget_key": False, "timeout_s": 30, "api_key": ""}
# (what is sent, the field the refusal must name)
HOSTILE = [
    ({"timeout_s": math.nan}, "timeout"),
    ({"timeout_s": "nan"}, "timeout"),
    ({"timeout_s": math.inf}, "timeout"),
    ({"timeout_s": "-inf"}, "timeout"),
    ({"timeout_s": -5}, "timeout"),
    ({"timeout_s": 0}, "timeout"),
    ({"timeout_s": 1e308}, "timeout"),
    ({"timeout_s": True}, "timeout"),
    ({"timeout_s": {"seconds": 30}}, "timeout"),
    ({"timeout_s": [30]}, "timeout"),
    ({"timeout_s": "thirty"}, "timeout"),
    ({"model": 42}, "model name"),
    ({"model": ["scripted"]}, "model name"),
    ({"model": "x" * 100_000}, "model name"),
    ({"model": "scripted\x00\x1b[2J"}, "model name"),
    ({"base_url": {"url": "http://127.0.0.1"}}, "base URL"),
    ({"api_key": ["sk-1", "sk-2"]}, "API key"),
    ({"api_key": 12345}, "API key"),
    ({"forget_key": "yes please"}, "'remove the saved API key' switch"),
]


async def test_hostile_settings_values_are_refused_clearly_and_nothing_is_stored(
    start_server, in_database
):
    with ScriptedLLMProcess({}) as llm:
        server = start_server(
            OPENAI_BASE_URL="", OPENAI_API_KEY="", TAILOR_ALLOW_PRIVATE_MODEL_URLS="true"
        )
        create_first_admin(server.base_url, *ADMIN)
        chat = ChatClient(server.base_url, login_token(server.base_url, *ADMIN))
        await chat.connect()
        good = {**GOOD, "base_url": llm.base_url}
        saved = await chat.change_settings(good)
        assert saved.startswith("Saved your model settings: model scripted"), saved

        for change, field in HOSTILE:
            answer = await chat.change_settings({**good, **change})
            assert answer.startswith("Your model settings were not saved"), (change, answer)
            assert f"the {field} must be" in answer, (change, answer)
            assert "Traceback" not in answer and "Error" not in answer
        # Still usable afterwards, and a numeric text from the field is fine.
        resaved = await chat.change_settings({**good, "timeout_s": "45"})
        assert resaved.startswith("Saved your model settings"), resaved
        assert "timeout 45 s" in resaved
        await chat.close()

    async def stored(session) -> list[tuple]:
        rows = await session.execute(
            text("SELECT model, base_url, timeout_s FROM llm_settings WHERE account_id IS NOT NULL")
        )
        return [tuple(row) for row in rows]

    ((model, base_url, timeout_s),) = await in_database(stored)
    assert (model, base_url, timeout_s) == ("scripted", llm.base_url, 45.0)
