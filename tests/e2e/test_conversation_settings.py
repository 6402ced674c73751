"""No model yet -> commands still work -> the settings panel connects one -> the key stays secret
-> after a restart the resumed thread continues with its whole context."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from support.scripted_llm_process import ScriptedLLMProcess

from e2e.client import ChatClient, create_first_admin, http, login_token
from e2e.fixtures import ADMIN

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(180)]

SECRET_KEY = "sk-live-0123456789abcdef-never-show"
SCRIPT = {
    "rules": [
        {"when_user_says": "hello", "reply": {"text": "Hi alice! Upload your resume to begin."}},
        {
            "when_user_says": "what did i say",
            "reply": {"text": "You said hello, and I asked for your resume."},
        },
    ]
}


async def test_no_model_then_settings_then_restart_and_resume(start_server, in_database):
    with ScriptedLLMProcess(SCRIPT) as llm:
        server = start_server(
            OPENAI_BASE_URL="", OPENAI_API_KEY="", TAILOR_ALLOW_PRIVATE_MODEL_URLS="true"
        )
        create_first_admin(server.base_url, *ADMIN)
        token = login_token(server.base_url, *ADMIN)
        # The first thing the assistant says, on the start screen: no model, and how to set one.
        with http(server.base_url, token) as client:
            (profile,) = client.get("/project/settings").json()["chatProfiles"]
        first = profile["markdown_description"]
        assert "I am not connected to a language model yet" in first
        assert "`/help`" in first and "base URL" in first
        chat = ChatClient(server.base_url, token)
        await chat.connect()

        # Commands need no model, typed or picked from the menu.
        (helped,) = await chat.send("/help")
        assert "`/resumes`: list your resumes" in helped
        (listed,) = await chat.send("", command="resumes")
        assert listed.startswith("You have no resumes yet.")
        (unknown,) = await chat.send("/frobnicate now")
        assert unknown.startswith("There is no command `/frobnicate`.")
        (waiting,) = await chat.send("hello there")
        assert waiting.startswith("I am not connected to a language model yet")
        assert waiting.endswith("> hello there")
        assert llm.requests() == []

        settings = {"model": "scripted", "forget_key": False, "timeout_s": 30}
        refused = await chat.change_settings({**settings, "base_url": "ftp://models.example"})
        assert "is not an http(s) address" in refused
        saved = await chat.change_settings(
            {**settings, "base_url": llm.base_url, "api_key": SECRET_KEY}
        )
        assert saved.startswith("Saved your model settings: model scripted at http://127.0.0.1")
        assert "a saved API key" in saved and SECRET_KEY not in saved

        with http(server.base_url, token) as client:
            (profile,) = client.get("/project/settings").json()["chatProfiles"]
        assert "not connected" not in profile["markdown_description"]
        replies = await chat.send("hello there")
        assert replies[-1] == "Hi alice! Upload your resume to begin."
        assert llm.requests()[-1].bearer_token == SECRET_KEY
        thread_id = chat.thread_id
        await chat.close()

        server.restart()
        token = login_token(server.base_url, *ADMIN)
        again = ChatClient(server.base_url, token)
        await again.connect(resume_thread_id=thread_id)
        replies = await again.send("What did I say before?")
        assert replies[-1] == "You said hello, and I asked for your resume."
        sent = llm.requests()[-1]
        assert sent.bearer_token == SECRET_KEY, "the stored key survives a restart"
        history = [m.get("content") for m in sent.messages]
        assert "hello there" in history and "Hi alice! Upload your resume to begin." in history
        await again.close()

    async def stored_metadata(session) -> list[str]:
        rows = await session.execute(text('SELECT CAST("metadata" AS text) FROM threads'))
        return [row[0] or "" for row in rows]

    metadata = await in_database(stored_metadata)
    assert metadata and all(SECRET_KEY not in m for m in metadata)
    assert SECRET_KEY not in server.log_text()
