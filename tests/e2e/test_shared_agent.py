"""One compiled agent and one model client per connection serve everybody in the process: each
person's messages still reach only their own model, with their own key, prompt and tools.

Alice (an administrator) uses the instance's model; bob saved his own model and key. They chat
at the same time, bob changes his key halfway, and every request is checked at both servers.
"""

from __future__ import annotations

import asyncio

import pytest
from support.scripted_llm_process import ScriptedLLMProcess

from db.accounts import create_account
from e2e.client import ChatClient, create_first_admin, login_token
from e2e.fixtures import ADMIN, USER

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(180)]

INSTANCE_KEY = "sk-instance-key-for-everyone"
BOB_KEYS = ("sk-bob-first-key", "sk-bob-second-key")
ROUNDS = 4
SCRIPT = {"rules": [{"when_user_says": "round", "reply": {"text": "Noted.", "delay_s": 0.2}}]}


def system_prompt(request) -> str:
    return next(str(m.get("content")) for m in request.messages if m.get("role") == "system")


async def chat_rounds(chat: ChatClient, who: str) -> None:
    for number in range(ROUNDS):
        replies = await chat.send(f"round {number} from {who}", timeout_s=30)
        assert replies[-1] == "Noted.", replies


async def test_people_chatting_at_once_each_reach_only_their_own_model(
    start_server, in_database
) -> None:
    with ScriptedLLMProcess(SCRIPT) as instance_llm, ScriptedLLMProcess(SCRIPT) as bobs_llm:
        server = start_server(OPENAI_BASE_URL=instance_llm.base_url, OPENAI_API_KEY=INSTANCE_KEY,
                              TAILOR_MODEL_NAME="scripted",
                              TAILOR_ALLOW_PRIVATE_MODEL_URLS="true")
        create_first_admin(server.base_url, *ADMIN)

        async def add_bob(session):
            await create_account(session, *USER)

        await in_database(add_bob)
        alice = ChatClient(server.base_url, login_token(server.base_url, *ADMIN))
        bob = ChatClient(server.base_url, login_token(server.base_url, *USER))
        await alice.connect()
        await bob.connect()
        own = {"model": "scripted", "forget_key": False, "timeout_s": 30,
               "base_url": bobs_llm.base_url}
        assert (await bob.change_settings({**own, "api_key": BOB_KEYS[0]})).startswith("Saved")

        await asyncio.gather(chat_rounds(alice, "alice"), chat_rounds(bob, "bob"))
        assert (await bob.change_settings({**own, "api_key": BOB_KEYS[1]})).startswith("Saved")
        await asyncio.gather(chat_rounds(alice, "alice"), chat_rounds(bob, "bob"))

        at_instance, at_bobs = instance_llm.requests(), bobs_llm.requests()
        assert len(at_instance) == len(at_bobs) == 2 * ROUNDS
        for request in at_instance:
            assert request.bearer_token == INSTANCE_KEY
            assert "from alice" in request.last_message_text("user")
            assert "alice" in system_prompt(request) and "bob" not in system_prompt(request)
            assert any(name.startswith("admin_") for name in request.tool_names)
        # Bob's key change takes effect on his very next message; nothing of alice's reaches him.
        assert [r.bearer_token for r in at_bobs] == [BOB_KEYS[0]] * ROUNDS + [BOB_KEYS[1]] * ROUNDS
        for request in at_bobs:
            assert "from bob" in request.last_message_text("user")
            assert "bob" in system_prompt(request) and "alice" not in system_prompt(request)
            assert request.tool_names and not [
                n for n in request.tool_names if n.startswith("admin_")]
        await alice.close()
        await bob.close()
