"""First run to resumed conversation, against a real `chainlit run` server and PostgreSQL."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from html import escape
from pathlib import Path

import pytest

from assistant.chat_answer import NOT_CONNECTED
from core.passwords import PASSWORD_RULES
from db.accounts import count_accounts
from e2e.client import HTML, ChatClient, create_first_admin, http, login_token
from e2e.fixtures import ADMIN

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(180)]

NOT_CONNECTED_START = NOT_CONNECTED.split(",")[0]


def thread_ids(base_url: str, token: str) -> list[str]:
    with http(base_url, token) as client:
        response = client.post(
            "/project/threads", json={"pagination": {"first": 20}, "filter": {}}
        )
    assert response.status_code == 200, response.text
    return [thread["id"] for thread in response.json()["data"]]


async def test_first_run_setup_chat_restart_and_resume(start_server, fixtures_dir: Path):
    server = start_server()
    base = server.base_url
    with http(base) as client:
        # Nobody can do anything before the first administrator exists.
        for page in ("/", "/login", "/thread/123"):
            response = client.get(page, headers=HTML)
            assert (response.status_code, response.headers["location"]) == (303, "/setup"), page
        setup_page = client.get("/setup")
        assert setup_page.status_code == 200
        assert all(escape(rule) in setup_page.text for rule in PASSWORD_RULES)

        mismatch = client.post(
            "/setup",
            data={"username": "alice", "password": ADMIN[1], "password_confirm": "other words!"},
        )
        assert mismatch.status_code == 400
        assert "The two passwords are not the same." in mismatch.text
        weak = client.post(
            "/setup", data={"username": "alice", "password": "short", "password_confirm": "short"}
        )
        assert weak.status_code == 400 and "At least 10 characters" in weak.text
        forged = client.post(
            "/setup",
            data={"username": "mallory", "password": ADMIN[1], "password_confirm": ADMIN[1]},
            headers={"Origin": "http://attacker.example"},
        )
        assert forged.status_code == 403 and "sent from another site" in forged.text
        assert client.get("/setup").status_code == 200, "a refused form must create nobody"

    created = create_first_admin(base, *ADMIN)
    assert created.status_code == 303 and created.headers["location"] == "/"
    assert "access_token" in created.cookies, "the new administrator is signed in"
    with http(base) as client:
        assert client.get("/setup").status_code == 404
        again = client.post(
            "/setup", data={"username": "mallory", "password": "x" * 12, "password_confirm": "x"}
        )
        assert again.status_code == 404

    token = login_token(base, *ADMIN)
    with http(base, token) as client:
        settings = client.get("/project/settings").json()
    (profile,) = settings["chatProfiles"]
    assert "Hello, alice!" in profile["markdown_description"]
    assert len(profile["starters"]) >= 3

    resume_file = fixtures_dir / "resumes" / "markdown" / "offlinecv__inline-links.md"
    chat = ChatClient(base, token)
    await chat.connect()
    assert chat.refused is None
    file_id = chat.upload(resume_file, "text/markdown")
    replies = await chat.send("Here is my resume.", file_ids=[file_id])
    assert len(replies) == 1 and replies[0].startswith(NOT_CONNECTED_START)
    assert "> Here is my resume." in replies[0]
    await chat.close()
    assert chat.thread_id and thread_ids(base, token) == [chat.thread_id]

    server.restart()

    resumed = ChatClient(base, token)
    await resumed.connect(resume_thread_id=chat.thread_id)
    await resumed.close()
    assert resumed.refused is None
    (thread,) = resumed.event_data("resume_thread")
    steps = thread["steps"]
    outputs = [(step["type"], step["output"]) for step in steps if "message" in step["type"]]
    assert outputs == [("user_message", "Here is my resume."), ("assistant_message", replies[0])]
    (element,) = thread["elements"]
    assert element["name"] == resume_file.name and element["url"].startswith("/files/")
    with http(base, token) as client:
        stored = client.get(element["url"])
    assert stored.status_code == 200
    assert stored.content == resume_file.read_bytes()
    assert thread_ids(base, token) == [chat.thread_id], "the history sidebar still lists it"


async def test_concurrent_setup_creates_one_administrator(start_server, in_database):
    server = start_server()

    def submit(name: str) -> int:
        return create_first_admin(server.base_url, name, "tangerine bicycle orbit").status_code

    with ThreadPoolExecutor(max_workers=6) as pool:
        statuses = list(pool.map(submit, [f"admin{n}" for n in range(6)]))
    assert sorted(statuses) == [303] + [404] * 5
    assert await in_database(count_accounts) == 1
