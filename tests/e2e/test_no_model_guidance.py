"""Without a model, each person is told what they can do about it (an administrator
`/defaultmodel`, a person the settings or an administrator), with only base URLs the settings
accept here; once an administrator sets a default, the next message is answered without a reload.
"""

from __future__ import annotations

import pytest
from support.scripted_llm_process import ScriptedLLMProcess

from db.accounts import create_account
from e2e.client import ChatClient, create_first_admin, http, login_token, send_confirmed
from e2e.fixtures import ADMIN, USER

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(180)]

SCRIPT = {"rules": [{"when_user_says": "hello", "reply": {"text": "Hi bob, send your resume."}}]}
NO_MODEL = "I am not connected to a language model yet"
LOCAL_EXAMPLE = "http://localhost:11434/v1"


def start_screen(base_url: str, token: str) -> str:
    with http(base_url, token) as client:
        (profile,) = client.get("/project/settings").json()["chatProfiles"]
    return profile["markdown_description"]


async def add_user(session) -> None:
    await create_account(session, *USER)


async def test_guidance_per_role_then_a_default_model_answers_the_next_message(
    start_server, in_database
):
    with ScriptedLLMProcess(SCRIPT) as llm:
        server = start_server(OPENAI_BASE_URL="", OPENAI_API_KEY="")  # listens on 127.0.0.1
        create_first_admin(server.base_url, *ADMIN)
        await in_database(add_user)
        alice, bob = login_token(server.base_url, *ADMIN), login_token(server.base_url, *USER)

        for_admin = start_screen(server.base_url, alice)
        assert NO_MODEL in for_admin and "`/defaultmodel" in for_admin
        assert "gear icon" in for_admin and "sliders" not in for_admin
        assert "ask your administrator" not in for_admin.lower()
        assert "ask an administrator" not in for_admin.lower()

        chat = ChatClient(server.base_url, bob)
        await chat.connect()
        (waiting,) = await chat.send("hello there")
        assert waiting.startswith(NO_MODEL) and waiting.endswith("> hello there")
        assert "gear icon" in waiting and "ask an administrator" in waiting
        assert "/defaultmodel" not in waiting and "sliders" not in waiting
        # This instance only answers this machine, so a local model server is suggested, and
        # the settings take it.
        assert LOCAL_EXAMPLE in waiting
        saved = await chat.change_settings({"base_url": LOCAL_EXAMPLE, "model": "",
                                            "forget_key": False, "timeout_s": 30})
        assert saved.startswith("Saved your model settings"), saved

        admin = ChatClient(server.base_url, alice)
        await admin.connect()
        done = await send_confirmed(admin, f"/defaultmodel {llm.base_url} scripted")
        assert "The instance default model is now **scripted**" in done[-1]
        await admin.close()

        # Bob's chat stays open: his next message uses the new default, without the warning.
        replies = await chat.send("hello again")
        assert replies[-1] == "Hi bob, send your resume."
        assert not any(NO_MODEL in reply for reply in replies)
        assert NO_MODEL not in start_screen(server.base_url, bob)
        await chat.close()


async def test_an_instance_others_reach_suggests_only_urls_its_settings_accept(
    start_server, in_database
):
    server = start_server(OPENAI_BASE_URL="", OPENAI_API_KEY="", TAILOR_HOST="0.0.0.0")
    create_first_admin(server.base_url, *ADMIN)
    await in_database(add_user)
    chat = ChatClient(server.base_url, login_token(server.base_url, *USER))
    await chat.connect()
    (waiting,) = await chat.send("hello there")
    assert waiting.startswith(NO_MODEL) and "https://api.openai.com/v1" in waiting
    assert "localhost" not in waiting
    refused = await chat.change_settings({"base_url": LOCAL_EXAMPLE, "model": "llama3.1",
                                          "forget_key": False, "timeout_s": 30})
    assert "private network" in refused
    await chat.close()
