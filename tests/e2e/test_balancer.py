"""Two instances on one PostgreSQL behind HAProxy (deploy/haproxy.cfg), as docs/deploy.md says
to run them: a person's chat survives the instance holding it being killed, and a rolling
restart with chats open goes unnoticed."""

from __future__ import annotations

import asyncio
import contextlib
import threading

import httpx
import pytest
from support.scripted_llm_process import ScriptedLLMProcess

from assistant.chat_resume import INTERRUPTED_TURN
from e2e.balancer import COOKIE, HAProxy, model_env
from e2e.client import ChatClient, create_first_admin, dump, login
from e2e.fixtures import ADMIN
from e2e.test_journey import say, turn

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(300)]


def sign_in(proxy: HAProxy, instance: str | None = None) -> tuple[str, str]:
    """Sign in through the balancer as a browser would; returns the login token and the instance
    the balancer made the browser stick to (``instance`` picks it, as a cookie from earlier)."""
    cookies = {COOKIE: instance} if instance else None
    with httpx.Client(base_url=proxy.base_url, cookies=cookies, timeout=30) as client:
        response = client.post("/login", data={"username": ADMIN[0], "password": ADMIN[1]})
    assert response.status_code == 200, response.text
    return response.cookies["access_token"], response.cookies.get(COOKIE) or instance or ""


async def reconnect(chat: ChatClient, timeout_s: float = 60.0) -> ChatClient:
    """What the browser's socket.io client does when its connection drops: connect again
    through the balancer with the same session id and the conversation's id, until it works."""
    deadline = asyncio.get_running_loop().time() + timeout_s
    while True:
        again = ChatClient(chat.base_url, chat.token, session_id=chat.session_id,
                           cookies=dict(chat.cookies))
        with contextlib.suppress(TimeoutError):
            await again.connect(resume_thread_id=chat.thread_id)
            if again.refused is None and again.sio.connected:
                assert again.event_data("resume_thread"), dump(again.events)
                return again
        await again.close()
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"the chat did not reconnect: {again.refused}")
        await asyncio.sleep(0.5)


def resumed_texts(chat: ChatClient) -> list[str]:
    """The conversation as the browser redraws it on resume (Chainlit's resume_thread event)."""
    [thread] = chat.event_data("resume_thread")
    return [step["output"] for step in thread["steps"] if "message" in step["type"]]


async def test_kill_9_of_the_instance_holding_the_chat_moves_it_to_the_other(balanced):
    with ScriptedLLMProcess() as llm:
        servers, proxy = balanced(2, **model_env(llm))
        create_first_admin(proxy.base_url, *ADMIN)
        token, holder = sign_in(proxy)
        assert holder in ("tailor1", "tailor2"), "the balancer set its sticky cookie"
        chat = ChatClient(proxy.base_url, token, cookies={COOKIE: holder})
        await chat.connect()
        assert chat.refused is None, chat.refused
        assert await turn(chat, llm, "Hello, who are you?",
                          say("I am Tailor, I tailor resumes.")) == [
            "I am Tailor, I tailor resumes."]
        await turn(chat, llm, "What can you do?", say("Resumes and cover letters."))

        # A turn is running (the model takes a minute to answer) when its instance dies.
        asked = len(llm.requests())
        llm.add_script({"replies": [{"text": "Never seen.", "delay_s": 60}]})
        running = asyncio.create_task(chat.send("Write my cover letter.", timeout_s=120))
        await asyncio.to_thread(proxy.wait_for, lambda: len(llm.requests()) > asked, 60,
                                "the turn to reach the model")
        victim = servers[int(holder[-1]) - 1]
        survivor = servers[2 - int(holder[-1])]
        victim.kill()
        await asyncio.to_thread(proxy.wait_for, lambda: not chat.sio.connected, 60,
                                "the socket to notice")
        running.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await running

        # The browser reconnects with its stale cookie: the balancer sends it to the survivor,
        # which resumes the conversation from PostgreSQL and says the last turn was cut.
        again = await reconnect(chat)
        texts = resumed_texts(again)
        for finished in ("Hello, who are you?", "I am Tailor, I tailor resumes.",
                         "What can you do?", "Resumes and cover letters.",
                         "Write my cover letter."):
            assert finished in texts, f"{finished!r} was lost: {texts}"
        assert texts[-1] == INTERRUPTED_TURN, texts
        assert INTERRUPTED_TURN in again.messages()
        assert "Never seen." not in texts

        # The next message works, on the survivor, with the whole history.
        asked = len(llm.requests())
        assert await turn(again, llm, "Let's try again: a cover letter.",
                          say("Here we go.")) == ["Here we go."]
        sent = str(llm.requests()[asked].messages)
        assert "What can you do?" in sent and "Resumes and cover letters." in sent
        with httpx.Client(base_url=proxy.base_url, cookies={COOKIE: holder}) as client:
            moved = client.get("/health")
        assert moved.status_code == 200
        assert moved.cookies.get(COOKIE) == f"tailor{servers.index(survivor) + 1}", (
            "the balancer re-sticks the browser to the survivor")

        # Resuming again later tells nothing new: the interruption was reported once.
        await again.close()
        later = await reconnect(again)
        assert later.messages().count(INTERRUPTED_TURN) == 0
        assert resumed_texts(later).count(INTERRUPTED_TURN) == 1
        await later.close()


class Poller:
    """Requests through the balancer the whole time, as open browser tabs make them."""

    def __init__(self, base_url: str, token: str) -> None:
        self.base_url, self.token = base_url, token
        self.failures: list[str] = []
        self.count = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        with httpx.Client(base_url=self.base_url, cookies={"access_token": self.token},
                          timeout=30) as client:
            while not self._stop.is_set():
                for path in ("/health", "/user"):
                    try:
                        status = client.get(path).status_code
                    except httpx.TransportError as error:
                        status = type(error).__name__
                    self.count += 1
                    if status != 200:
                        self.failures.append(f"GET {path}: {status}")
                self._stop.wait(0.05)

    def __enter__(self) -> Poller:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join(30)


async def test_rolling_restart_with_chats_open_shows_no_error(balanced):
    with ScriptedLLMProcess() as llm:
        servers, proxy = balanced(2, **model_env(llm))
        create_first_admin(proxy.base_url, *ADMIN)
        chats, where = [], []
        for number in range(4):  # two tabs on each instance
            instance = f"tailor{number % 2 + 1}"
            token, _ = sign_in(proxy, instance)
            chat = ChatClient(proxy.base_url, token, cookies={COOKIE: instance})
            await chat.connect()
            assert chat.refused is None, chat.refused
            await turn(chat, llm, f"Hello from tab {number}.", say(f"Hello, tab {number}."))
            chats.append(chat)
            where.append(number % 2)

        with Poller(proxy.base_url, chats[0].token) as poller:
            for stopped, server in enumerate(servers):
                server.stop()  # SIGTERM: what systemd or `tailor serve` sends
                moved = [i for i, on in enumerate(where) if on == stopped]
                await asyncio.to_thread(
                    proxy.wait_for, lambda moved=moved: not any(
                        chats[i].sio.connected for i in moved), 60, "the sockets to drop")
                for index in moved:
                    chats[index] = await reconnect(chats[index])
                    where[index] = 1 - stopped
                    assert INTERRUPTED_TURN not in chats[index].messages()
                # Every tab answers while one instance is down.
                for index, chat in enumerate(chats):
                    assert await turn(chat, llm, f"Still there, tab {index}?",
                                      say(f"Yes, tab {index}.")) == [f"Yes, tab {index}."]
                server.start()
                await asyncio.to_thread(proxy.wait_until_state, f"tailor{stopped + 1}", "UP")
        for chat in chats:
            await chat.close()
        assert poller.count > 20
        assert poller.failures == [], poller.failures

        # Uploads bigger than the cap never reach an instance.
        with httpx.Client(base_url=proxy.base_url, timeout=30) as client:
            too_big = client.post("/project/file", params={"session_id": "x"},
                                  content=b"x" * (13 * 2**20),
                                  headers={"Content-Type": "application/octet-stream"})
        assert too_big.status_code == 413
        assert login(proxy.base_url, *ADMIN).status_code == 200


async def test_a_turn_running_in_another_tab_on_another_instance_is_not_called_interrupted(
    balanced,
):
    with ScriptedLLMProcess() as llm:
        _, proxy = balanced(2, **model_env(llm))
        create_first_admin(proxy.base_url, *ADMIN)
        token, _ = sign_in(proxy, "tailor1")
        tab_a = ChatClient(proxy.base_url, token, cookies={COOKIE: "tailor1"})
        await tab_a.connect()
        await turn(tab_a, llm, "Hello.", say("Hi."))
        asked = len(llm.requests())
        llm.add_script({"replies": [{"text": "Your letter is ready.", "delay_s": 30}]})
        running = asyncio.create_task(tab_a.send("Write my cover letter.", timeout_s=120))
        await asyncio.to_thread(proxy.wait_for, lambda: len(llm.requests()) > asked, 60,
                                "the turn to reach the model")

        # The same person opens the conversation in a second tab, served by the other instance,
        # while the first tab's turn is still running there.
        token_b, _ = sign_in(proxy, "tailor2")
        tab_b = await reconnect(ChatClient(proxy.base_url, token_b, thread_id=tab_a.thread_id,
                                           cookies={COOKIE: "tailor2"}))
        assert not running.done(), "the turn was still running when the second tab opened"
        assert resumed_texts(tab_b)[-1] == "Write my cover letter."
        assert INTERRUPTED_TURN not in tab_b.messages()
        assert await running == ["Your letter is ready."]
        await tab_a.close()
        await tab_b.close()
