"""Talk to a running app the way the browser does: form posts over HTTP, chat over socket.io.

The socket.io protocol is Chainlit's (see PLATFORM_NOTES "Testing Chainlit"): connect on
``/ws/socket.io`` with the ``access_token`` cookie and an auth payload, emit
``connection_successful``, send ``client_message`` and wait for ``task_end``.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import socketio

HTML = {"Accept": "text/html,application/xhtml+xml"}


def http(base_url: str, token: str | None = None) -> httpx.Client:
    """A client that does not follow redirects, so tests can see where they point."""
    cookies = {"access_token": token} if token else None
    return httpx.Client(base_url=base_url, cookies=cookies, follow_redirects=False, timeout=15)


async def thread_with_elements(base_url: str, token: str, thread_id: str) -> dict:
    """The thread as its owner reads it, once its files are listed: Chainlit writes a message's
    elements in a task of their own, which may finish just after the turn's answer arrives."""
    with http(base_url, token) as client:
        for _ in range(50):
            thread = client.get(f"/project/thread/{thread_id}").json()
            if thread["elements"]:
                return thread
            await asyncio.sleep(0.2)
    raise AssertionError(f"the uploaded file never appeared in the thread: {thread}")


def create_first_admin(base_url: str, username: str, password: str) -> httpx.Response:
    with http(base_url) as client:
        return client.post(
            "/setup",
            data={"username": username, "password": password, "password_confirm": password},
            headers={"Origin": base_url, **HTML},
        )


def login(base_url: str, username: str, password: str) -> httpx.Response:
    with http(base_url) as client:
        return client.post("/login", data={"username": username, "password": password})


def login_token(base_url: str, username: str, password: str) -> str:
    response = login(base_url, username, password)
    assert response.status_code == 200, response.text
    return response.cookies["access_token"]


def socket_connects(
    base_url: str, headers: list[tuple[str, str]], *, thread_id: str = ""
) -> bool:
    """Open Chainlit's chat socket by hand over engine.io long-polling, with headers exactly as
    given (repeated ones stay repeated, which socket.io's client cannot send); True when the
    server accepted the connection. Disconnects again when it did."""
    auth = {"clientType": "webapp", "sessionId": str(uuid.uuid4()), "threadId": thread_id,
            "userEnv": "{}", "chatProfile": ""}
    query = {"EIO": "4", "transport": "polling"}
    with httpx.Client(base_url=base_url, timeout=15) as client:
        opened = client.get("/ws/socket.io/", params=query, headers=headers)
        if opened.status_code != 200 or not opened.text.startswith("0"):
            return False
        query["sid"] = json.loads(opened.text[1:])["sid"]
        sent = client.post("/ws/socket.io/", params=query, headers=headers,
                           content="40" + json.dumps(auth))
        if sent.status_code != 200:
            return False
        packets = client.get("/ws/socket.io/", params=query, headers=headers).text.split("\x1e")
        connected = any(packet.startswith("40") for packet in packets)
        if connected:
            client.post("/ws/socket.io/", params=query, headers=headers, content="41")
        return connected


@dataclass
class ChatClient:
    """One browser tab's chat connection; records every event the server emits."""

    base_url: str
    token: str
    thread_id: str = ""
    events: list[tuple[str, Any]] = field(default_factory=list)
    refused: str | None = None
    session_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    # More cookies for the socket's handshake, e.g. a load balancer's sticky-session cookie.
    cookies: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.sio = socketio.AsyncClient(reconnection=False)
        self._task_end = asyncio.Event()
        self._chat_ready = asyncio.Event()
        self._chat_task_started = False
        self.sio.on("*", self._record)

    async def _record(self, event: str, data: Any = None) -> None:
        self.events.append((event, data))
        if event == "first_interaction" and isinstance(data, dict):
            self.thread_id = data.get("thread_id") or self.thread_id
        if event == "task_start":
            self._chat_task_started = True
        if event == "task_end":
            self._task_end.set()
            if self._chat_task_started:
                self._chat_ready.set()
        if event == "resume_thread":
            self._chat_ready.set()

    async def connect(self, *, resume_thread_id: str = "") -> None:
        auth = {
            "clientType": "webapp",
            "sessionId": self.session_id,
            "threadId": resume_thread_id,
            "userEnv": "{}",
            "chatProfile": "",
        }
        try:
            await self.sio.connect(
                self.base_url,
                socketio_path="/ws/socket.io",
                transports=["websocket"],
                headers={"Cookie": "; ".join(
                    f"{name}={value}"
                    for name, value in {**self.cookies, "access_token": self.token}.items())},
                auth=auth,
                wait_timeout=10,
            )
        except socketio.exceptions.ConnectionError as error:
            self.refused = str(error)
            return
        self._task_end.clear()
        self._chat_ready.clear()
        self._chat_task_started = False
        await self.sio.emit("connection_successful")
        # Chainlit answers task_end at once, then runs on_chat_start (a task of its own) or
        # on_chat_resume: wait for that, however long the server takes (the first chat of a
        # process also loads the conversation code).
        await asyncio.wait_for(self._chat_ready.wait(), 30)
        await asyncio.sleep(0.3)
        if resume_thread_id:
            self.thread_id = resume_thread_id
            await self._wait_resumed()

    async def _wait_resumed(self, timeout_s: float = 30.0) -> None:
        """Chainlit sends task_end before it resumes the thread: wait until the thread was sent
        (messages the app adds while resuming come before it), so they are not taken for
        answers to the next message."""
        deadline = asyncio.get_running_loop().time() + timeout_s
        while asyncio.get_running_loop().time() < deadline:
            if any(event in ("resume_thread", "resume_thread_error") for event, _ in self.events):
                await asyncio.sleep(0.3)
                return
            await asyncio.sleep(0.05)

    async def wait_idle(self, timeout_s: float = 15.0) -> None:
        """Wait for the next task_end, then let trailing emits arrive."""
        await asyncio.wait_for(self._task_end.wait(), timeout_s)
        await asyncio.sleep(0.3)

    def upload(self, path: Path, mime: str) -> str:
        """Upload a file into this chat session, as the composer does; returns its file id."""
        with http(self.base_url, self.token) as client:
            response = client.post(
                "/project/file",
                params={"session_id": self.session_id},
                files={"file": (path.name, path.read_bytes(), mime)},
            )
        assert response.status_code == 200, response.text
        return response.json()["id"]

    async def send(
        self,
        text: str,
        file_ids: list[str] | None = None,
        *,
        command: str | None = None,
        timeout_s: float = 15.0,
    ) -> list[str]:
        """Send a user message (``command``: as picked from the command menu); returns the
        assistant messages that came back for it."""
        before = len(self.events)
        self._task_end.clear()
        await self.sio.emit(
            "client_message",
            {
                "message": {
                    "threadId": self.thread_id,
                    "id": str(uuid.uuid4()),
                    "name": "User",
                    "type": "user_message",
                    "output": text,
                    "createdAt": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
                    "metadata": {},
                    "command": command,
                },
                "fileReferences": [{"id": file_id} for file_id in file_ids or []] or None,
            },
        )
        await self.wait_idle(timeout_s)
        return assistant_texts(self.events[before:])

    async def change_settings(self, values: dict[str, Any], timeout_s: float = 15.0) -> str:
        """Submit the chat settings panel; returns the assistant message that answers it
        (Chainlit sends no task_end for a settings change)."""
        before = len(self.events)
        await self.sio.emit("chat_settings_change", values)
        return await self.next_message(before, timeout_s)

    async def click(
        self, action: dict[str, Any], timeout_s: float = 15.0
    ) -> tuple[list[str], Any]:
        """Press an action button as the browser does (the payload is the client's copy);
        returns the assistant messages it caused and what the callback returned."""
        before = len(self.events)
        async with httpx.AsyncClient(
            base_url=self.base_url, cookies={"access_token": self.token}, timeout=timeout_s
        ) as client:
            response = await client.post(
                "/project/action", json={"sessionId": self.session_id, "action": action}
            )
        assert response.status_code == 200, response.text
        await asyncio.sleep(0.3)
        return assistant_texts(self.events[before:]), response.json().get("response")

    async def next_message(self, after: int, timeout_s: float = 15.0) -> str:
        deadline = asyncio.get_running_loop().time() + timeout_s
        while asyncio.get_running_loop().time() < deadline:
            texts = assistant_texts(self.events[after:])
            if texts:
                await asyncio.sleep(0.3)
                return assistant_texts(self.events[after:])[-1]
            await asyncio.sleep(0.05)
        raise TimeoutError(f"no assistant message within {timeout_s}s")

    def messages(self) -> list[str]:
        return assistant_texts(self.events)

    def event_data(self, name: str) -> list[Any]:
        return [data for event, data in self.events if event == name]

    async def close(self) -> None:
        if self.sio.connected:
            await self.sio.disconnect()


def assistant_texts(events: list[tuple[str, Any]]) -> list[str]:
    """The final text of each assistant message among these events, in order of creation."""
    texts: dict[str, str] = {}
    for event, data in events:
        is_step = event in ("new_message", "update_message") and isinstance(data, dict)
        if is_step and data.get("type") == "assistant_message":
            texts[data["id"]] = data.get("output", "")
    return list(texts.values())


def dump(events: list[tuple[str, Any]]) -> str:
    """Readable event list for assertion messages."""
    return "\n".join(f"{event}: {json.dumps(data, default=str)[:300]}" for event, data in events)


def confirm_buttons(client: ChatClient, since: int = 0) -> list[dict[str, Any]]:
    """The admin confirmation buttons the client was shown since event number ``since``."""
    return [data for event, data in client.events[since:]
            if event == "action" and data.get("name") == "admin_confirm"]


async def send_confirmed(client: ChatClient, text: str, timeout_s: float = 15.0) -> list[str]:
    """An admin command that changes state, as an admin makes it: typed, then its one button
    pressed. Returns what the click answered (the command itself only proposes)."""
    before = len(client.events)
    answers = await client.send(text, timeout_s=timeout_s)
    assert answers and "Nothing has changed yet" in answers[0], answers
    [button] = confirm_buttons(client, before)
    texts, _ = await client.click(button)
    return texts
