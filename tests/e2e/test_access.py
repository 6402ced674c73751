"""Who may do what: forced password change, other people's data, revoked sessions, lockout."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.auth import SESSION_ENDED
from assistant.chat_access import MUST_CHANGE_PASSWORD
from assistant.chat_answer import NOT_CONNECTED
from assistant.web.login import WRONG_CREDENTIALS_TEXT
from db.accounts import create_account, get_account_by_username, set_active
from e2e.client import HTML, ChatClient, create_first_admin, http, login, login_token
from e2e.fixtures import ADMIN, USER

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(180)]

NOT_CONNECTED_START = NOT_CONNECTED.split(",")[0]


def add_user(*, must_change_password: bool = False):
    async def action(session):
        await create_account(session, *USER, must_change_password=must_change_password)

    return action


async def test_forced_password_change_before_chatting(start_server, in_database):
    server = start_server()
    base = server.base_url
    create_first_admin(base, *ADMIN)
    await in_database(add_user(must_change_password=True))
    old_token = login_token(base, *USER)

    with http(base, old_token) as client:
        response = client.get("/", headers=HTML)
        assert (response.status_code, response.headers["location"]) == (303, "/account/password")
        page = client.get("/account/password")
        assert "You need to choose a new password" in page.text

    chat = ChatClient(base, old_token)
    await chat.connect()
    assert chat.messages() == [MUST_CHANGE_PASSWORD]
    assert await chat.send("Tailor my resume") == [MUST_CHANGE_PASSWORD]
    await chat.close()

    def change(current: str, new: str, confirm: str | None = None):
        with http(base, old_token) as client:
            return client.post(
                "/account/password",
                data={
                    "current_password": current,
                    "new_password": new,
                    "new_password_confirm": new if confirm is None else confirm,
                },
            )

    wrong_current = change("not my password", "a brand new passphrase")
    assert wrong_current.status_code == 400
    assert "The current password is not correct." in wrong_current.text
    same = change(USER[1], USER[1])
    assert same.status_code == 400 and "must be different" in same.text
    mismatch = change(USER[1], "a brand new passphrase", "a different passphrase")
    assert mismatch.status_code == 400 and "not the same" in mismatch.text

    changed = change(USER[1], "a brand new passphrase")
    assert (changed.status_code, changed.headers["location"]) == (303, "/")
    new_token = changed.cookies["access_token"]

    with http(base, old_token) as client:
        revoked = client.post("/project/threads", json={"pagination": {"first": 5}, "filter": {}})
        assert (revoked.status_code, revoked.json()["detail"]) == (401, SESSION_ENDED)
    with http(base, new_token) as client:
        assert client.get("/", headers=HTML).status_code == 200
    assert login(base, *USER).status_code == 401, "the old password no longer works"

    chat = ChatClient(base, new_token)
    await chat.connect()
    replies = await chat.send("Tailor my resume")
    await chat.close()
    assert len(replies) == 1 and replies[0].startswith(NOT_CONNECTED_START)


async def test_other_peoples_threads_and_files_are_refused(
    start_server, in_database, fixtures_dir: Path
):
    server = start_server()
    base = server.base_url
    create_first_admin(base, *ADMIN)
    await in_database(add_user())
    alice, bob = login_token(base, *ADMIN), login_token(base, *USER)

    chat = ChatClient(base, alice)
    await chat.connect()
    job = fixtures_dir / "jobs" / sorted(p.name for p in (fixtures_dir / "jobs").iterdir())[0]
    file_id = chat.upload(job, "text/plain")
    await chat.send("A job I like", file_ids=[file_id])
    await chat.close()
    with http(base, alice) as client:
        thread = client.get(f"/project/thread/{chat.thread_id}").json()
    (element,) = thread["elements"]
    file_url = element["url"]
    element_page = f"/project/thread/{chat.thread_id}/element/{element['id']}"
    with http(base, alice) as client:
        assert client.get(file_url).content == job.read_bytes()
        assert client.get(element_page).json()["url"] == file_url

    intruder = ChatClient(base, bob)
    await intruder.connect(resume_thread_id=chat.thread_id)
    await intruder.close()
    assert intruder.refused is not None
    assert not intruder.event_data("resume_thread")
    garbage = ChatClient(base, bob)
    await garbage.connect(resume_thread_id="not-a-thread-id")
    await garbage.close()
    assert garbage.event_data("resume_thread_error") == ["Thread not found."]
    with http(base, bob) as client:
        # Someone else's thread answers like an unknown one (tests/security/test_http_ownership).
        assert client.get(f"/project/thread/{chat.thread_id}").status_code == 404
        assert client.get(element_page).status_code == 404
        for unknown in ("7b0e1a52-8f57-4c1c-9d1e-9b6f3f2d0c11", "not-a-thread-id"):
            assert client.get(f"/project/thread/{unknown}").status_code == 404
        assert client.get(file_url).status_code == 404
        assert client.get("/files/7b0e1a52-8f57-4c1c-9d1e-9b6f3f2d0c11").status_code == 404
        threads = client.post("/project/threads", json={"pagination": {"first": 5}, "filter": {}})
        assert threads.json()["data"] == []
    with http(base) as anonymous:
        assert anonymous.get(file_url).status_code == 401

    # Bob cannot delete it; Alice can, and its file goes with it.
    with http(base, bob) as client:
        refused = client.request("DELETE", "/project/thread", json={"threadId": chat.thread_id})
        assert refused.status_code == 404
    with http(base, alice) as client:
        assert client.get(file_url).status_code == 200
        deleted = client.request("DELETE", "/project/thread", json={"threadId": chat.thread_id})
        assert deleted.status_code == 200
        assert client.get(file_url).status_code == 404
        assert client.get(f"/project/thread/{chat.thread_id}").status_code == 404


async def test_disabled_account_is_cut_off_mid_session(start_server, in_database):
    server = start_server()
    base = server.base_url
    create_first_admin(base, *ADMIN)
    await in_database(add_user())
    token = login_token(base, *USER)

    chat = ChatClient(base, token)
    await chat.connect()
    first = await chat.send("First message")
    assert len(first) == 1 and first[0].startswith(NOT_CONNECTED_START)

    async def disable(session):
        account = await get_account_by_username(session, USER[0])
        await set_active(session, account.id, False)

    await in_database(disable)
    second = await chat.send("Second message")
    await chat.close()
    assert second == [SESSION_ENDED]

    again = ChatClient(base, token)
    await again.connect()
    assert again.refused is not None, "a disabled account cannot open a new chat"
    with http(base, token) as client:
        response = client.get("/", headers=HTML)
        assert (response.status_code, response.headers["location"]) == (303, "/login")
        assert 'access_token=""' in response.headers["set-cookie"], "the stale cookie is cleared"
    assert login(base, *USER).status_code == 401


def test_lockout_after_repeated_failures_is_shown(start_server):
    server = start_server(TAILOR_LOGIN_MAX_FAILURES="3")
    base = server.base_url
    create_first_admin(base, *ADMIN)

    statuses = [login(base, ADMIN[0], f"wrong guess {n}").status_code for n in range(3)]
    assert statuses == [401, 401, 429], "the third failure locks"
    locked = login(base, *ADMIN)
    assert locked.status_code == 429, "even the right password is refused while locked"
    assert "Too many failed sign-in attempts" in locked.json()["detail"]

    # Chainlit's sign-in page shows the text filed under the response's status text.
    with http(base) as client:
        table = client.get("/project/translations", params={"language": "en-US"}).json()
    errors = table["translation"]["auth"]["login"]["errors"]
    assert "Too many failed sign-in attempts" in errors["Too Many Requests"]
    assert "15 minutes" in errors["Too Many Requests"]
    assert errors["Unauthorized"] == WRONG_CREDENTIALS_TEXT
