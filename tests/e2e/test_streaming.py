"""A streamed answer reaches the person whole and in order although its pieces are sent in
batches, and the turn (her message, the tool step, the answer) is in the history afterwards,
on a restarted server too."""

from __future__ import annotations

from typing import Any

import pytest
from support.scripted_llm_process import ScriptedLLMProcess

from e2e.client import ChatClient, create_first_admin, http, login_token
from e2e.fixtures import ADMIN
from e2e.test_journey import is_tool_step

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(180)]

# Distinct numbered words: a lost, doubled or swapped piece changes the text.
WORDS = [f"word{number:03d}" for number in range(150)]
ANSWER = " ".join(WORDS) + "."
QUESTION = "List my resumes, then say the long thing."


def streamed_text(chat: ChatClient, message_id: str) -> tuple[str, int]:
    """The text the browser assembled for one message from the stream, and how many socket
    frames carried it."""
    text, frames = "", 0
    for event, data in chat.events:
        if event == "stream_start" and data.get("id") == message_id:
            text, frames = data.get("output") or "", 1
        elif event == "stream_token" and data.get("id") == message_id:
            text += data["token"]
            frames += 1
    return text, frames


def final_steps(chat: ChatClient, kind: str) -> list[dict[str, Any]]:
    steps: dict[str, dict[str, Any]] = {}
    for event, data in chat.events:
        if event in ("new_message", "update_message") and data.get("type") == kind:
            steps[data["id"]] = data
    return list(steps.values())


async def test_a_streamed_answer_arrives_whole_in_order_and_stays_in_the_history(
    start_server,
) -> None:
    script = {"rules": [
        {"when_user_says": "List my resumes",
         "reply": {"tool_calls": [{"name": "list_resumes", "arguments": {}}]}},
        # One piece about every 5 ms, as a fast model streams.
        {"when_tool_result_for": "list_resumes",
         "reply": {"text": ANSWER, "tokens_per_second": 200}},
    ]}
    with ScriptedLLMProcess(script) as llm:
        server = start_server(OPENAI_BASE_URL=llm.base_url, OPENAI_API_KEY="test-key",
                              TAILOR_MODEL_NAME="scripted")
        create_first_admin(server.base_url, *ADMIN)
        token = login_token(server.base_url, *ADMIN)
        chat = ChatClient(server.base_url, token)
        await chat.connect()
        answers = await chat.send(QUESTION, timeout_s=60)

        assert answers == [ANSWER]
        (message,) = final_steps(chat, "assistant_message")
        text, frames = streamed_text(chat, message["id"])
        assert text == ANSWER, "the text shown while streaming is the whole answer, in order"
        # Each word is its own piece from the model; sending each as its own frame was the
        # per-chunk cost this batching removes.
        assert 1 < frames < len(WORDS), frames
        (tool,) = final_steps(chat, "tool")
        assert is_tool_step(tool, "list_resumes") and tool["output"], tool
        thread_id = chat.thread_id
        await chat.close()

        server.restart()
        token = login_token(server.base_url, *ADMIN)
        with http(server.base_url, token) as client:
            thread = client.get(f"/project/thread/{thread_id}").json()
        by_type: dict[str, list[dict[str, Any]]] = {}
        for step in thread["steps"]:
            by_type.setdefault(step["type"], []).append(step)
        assert [s["output"] for s in by_type["user_message"]] == [QUESTION]
        assert [s["output"] for s in by_type["assistant_message"]] == [ANSWER]
        (stored_tool,) = by_type["tool"]
        assert stored_tool["output"] == tool["output"] and stored_tool["end"], stored_tool

        # The resumed conversation carries on.
        again = ChatClient(server.base_url, token)
        await again.connect(resume_thread_id=thread_id)
        assert again.refused is None, again.refused
        llm.add_script({"replies": [{"text": "Still here."}]})
        assert await again.send("Are you there?", timeout_s=60) == ["Still here."]
        await again.close()
