"""When the model server misbehaves the person gets one clear message, and the conversation
stays usable: the next turn works and the model sees a result for every earlier tool call."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.scripted_llm_process import ScriptedLLMProcess

from e2e.client import ChatClient, create_first_admin, login_token
from e2e.fixtures import ADMIN
from e2e.test_journey import JOB, call, is_tool_step, say

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(180)]

PROSE = {"text": "Sure! This job looks like a great fit for you."}


async def test_model_failures_are_explained_and_the_thread_goes_on(
    start_server, fixtures_dir: Path
):
    with ScriptedLLMProcess() as llm:
        server = start_server(OPENAI_BASE_URL=llm.base_url, OPENAI_API_KEY="test-key",
                              TAILOR_MODEL_NAME="scripted")
        create_first_admin(server.base_url, *ADMIN)
        chat = ChatClient(server.base_url, login_token(server.base_url, *ADMIN))
        await chat.connect()

        # The server refuses the key on the agent's own call.
        llm.add_script({"replies": [{"status": 401, "error_body": {"error": {
            "message": "Incorrect API key provided", "type": "invalid_request_error"}}}]})
        (refused,) = await chat.send("Hello")
        assert refused == (f"The model server at {llm.base_url} refused the API key. "
                           "Set a valid key in /settings.")

        # A tool whose structured call gets prose twice fails with the engine's own message.
        posting = (fixtures_dir / JOB).read_text()
        llm.add_script({"replies": [call("save_job", posting_text=posting), say("Saved.")]})
        await chat.send("Save this job: " + posting[:300])
        llm.add_script({"replies": [call("analyze_job"), PROSE, PROSE]})
        answers = await chat.send("Analyse the job.", timeout_s=60)
        assert answers[-1].startswith("Could not analyse the job posting"), answers
        (step,) = [d for e, d in chat.events if e == "update_message" and isinstance(d, dict)
                   and is_tool_step(d, "analyze_job") and d.get("isError")][-1:]
        assert step["output"] == answers[-1]

        llm.add_script({"replies": [say("Let us try again later.")]})
        answers = await chat.send("What happened?")
        assert answers[-1] == "Let us try again later."
        sent = llm.requests()[-1].messages
        calls = [c["id"] for m in sent for c in m.get("tool_calls") or []]
        results = [m["tool_call_id"] for m in sent if m.get("role") == "tool"]
        assert calls and calls == results, "every tool call has a result"
        await chat.close()
