"""Editing a message the person sent earlier answers the edited text: the agent's history gains
it as a new message after the earlier turn, and the earlier message is still there (Chainlit
re-sends an edited message with its old id)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from support.scripted_llm_process import ScriptedLLMProcess

from e2e.client import ChatClient, create_first_admin, login_token
from e2e.fixtures import ADMIN

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(120)]


def user_message(chat: ChatClient, message_id: str, text: str) -> dict:
    return {"message": {
        "threadId": chat.thread_id, "id": message_id, "name": "User", "type": "user_message",
        "output": text, "createdAt": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
        "metadata": {}, "command": None}, "fileReferences": None}


async def test_an_edited_message_is_answered_and_the_earlier_one_is_kept(start_server) -> None:
    script = {"rules": [
        {"when_user_says": "What is a cover letter", "reply": {"text": "A letter to them."}},
        {"when_user_says": "What is a resume", "reply": {"text": "Your working history."}},
    ]}
    with ScriptedLLMProcess(script) as llm:
        server = start_server(OPENAI_BASE_URL=llm.base_url, OPENAI_API_KEY="test-key",
                              TAILOR_MODEL_NAME="scripted")
        create_first_admin(server.base_url, *ADMIN)
        chat = ChatClient(server.base_url, login_token(server.base_url, *ADMIN))
        await chat.connect()
        asked = str(uuid.uuid4())
        chat._task_end.clear()  # noqa: SLF001 - the client's own turn signal, as send() uses it
        await chat.sio.emit("client_message", user_message(chat, asked, "What is a cover letter?"))
        await chat.wait_idle()
        chat._task_end.clear()  # noqa: SLF001
        await chat.sio.emit("edit_message", user_message(chat, asked, "What is a resume?"))
        await chat.wait_idle()
        assert chat.messages()[-1] == "Your working history."
        sent = [m.get("content") for m in llm.requests()[-1].messages if m.get("role") == "user"]
        assert sent[-1] == "What is a resume?", sent
        assert "What is a cover letter?" in sent, "the earlier message vanished from the history"
        await chat.close()
