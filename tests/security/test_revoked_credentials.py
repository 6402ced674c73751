"""A login token that no longer counts opens nothing, however the request dresses it up.

Three readers used to see three different tokens in one request (Starlette: last Cookie header
wins; engine.io joins Cookie headers with a comma and Chainlit parses the joined string;
``/auth/jwt`` reads only the Bearer header), so a revoked token next to an empty or valid one
opened the chat socket, and ``/auth/jwt`` re-signed a revoked Bearer token for 15 days. The
attacks below are generated over credential shapes x the app's route table (read as
tests/security/test_cross_origin.py reads it) x the chat socket: a new route is covered
without editing this file.
"""

from __future__ import annotations

import json
import subprocess
import sys

import httpx
import pytest
from e2e.client import (
    HTML,
    ChatClient,
    create_first_admin,
    http,
    login_token,
    socket_connects,
)
from e2e.fixtures import ADMIN, USER
from test_cross_origin import LIST_ROUTES, ROOT, _path

from assistant.auth import SESSION_ENDED
from assistant.credentials import AMBIGUOUS, read_credentials
from assistant.web.gate import OPEN_PATHS, OPEN_POSTS, OPEN_PREFIXES
from db.accounts import create_account, get_account_by_username
from db.admin import delete_account_everywhere

NEW_PASSWORD = "a brand new passphrase"


def attacks(old: str, new: str) -> dict[str, list[tuple[str, str]]]:
    """Ways to carry a revoked token ``old`` (``new`` is a token that still counts)."""
    return {
        "revoked cookie": [("Cookie", f"access_token={old}")],
        "revoked bearer": [("Authorization", f"Bearer {old}")],
        "revoked, then empty cookie header": [("Cookie", f"access_token={old};"),
                                              ("Cookie", "access_token=")],
        "empty, then revoked cookie header": [("Cookie", "access_token="),
                                              ("Cookie", f"access_token={old}")],
        "valid, then revoked cookie header": [("Cookie", f"access_token={new}"),
                                              ("Cookie", f"access_token={old}")],
        "two tokens in one header": [("Cookie", f"access_token={new}; access_token={old}")],
        "comma-joined tokens": [("Cookie", f"access_token={new},access_token={old}")],
        "plain and chunked cookie": [("Cookie", f"access_token={new}; access_token_0={old}")],
        "valid cookie, revoked bearer": [("Cookie", f"access_token={new}"),
                                         ("Authorization", f"Bearer {old}")],
        "two bearer headers": [("Authorization", f"Bearer {new}"),
                               ("Authorization", f"Bearer {old}")],
    }


def _raw(headers: list[tuple[str, str]]) -> list[tuple[bytes, bytes]]:
    return [(name.lower().encode(), value.encode()) for name, value in headers]


@pytest.mark.parametrize("shape", list(attacks("OLD", "NEW")))
def test_every_ambiguous_shape_gives_no_token(shape: str) -> None:
    credentials = read_credentials(_raw(attacks("OLD", "NEW")[shape]))
    if shape.startswith("revoked "):
        assert credentials == read_credentials(_raw(attacks("OLD", "OLD")[shape]))
        assert credentials.token == "OLD"  # plain: the token is refused by its account check
    else:
        assert credentials.ambiguous and credentials.token is None


def test_one_credential_is_read_as_itself() -> None:
    for headers in (
        [("Cookie", "theme=dark; access_token=T")],
        [("Cookie", "theme=dark"), ("Cookie", "access_token=T")],
        [("Authorization", "Bearer T")],
        [("Cookie", "access_token=T"), ("Authorization", "Bearer T")],
        [("Cookie", "access_token_0=T1; access_token_1=T2")],
    ):
        expected = "T1T2" if "access_token_0" in str(headers) else "T"
        assert read_credentials(_raw(headers)).token == expected, headers


@pytest.fixture(scope="module")
def person_routes(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Every route (method and path) that needs a signed-in person."""
    root = tmp_path_factory.mktemp("routes")
    result = subprocess.run([sys.executable, "-c", LIST_ROUTES], cwd=ROOT, capture_output=True,
                            text=True, timeout=60, check=True,
                            env={"PATH": "/usr/bin:/bin", "CHAINLIT_APP_ROOT": str(root)})
    routes = json.loads(result.stdout.strip().splitlines()[-1])
    return [
        route for route in routes
        if (method := route.split()[0]) not in ("MOUNT", "OPTIONS")
        and (path := route.split()[1]) not in OPEN_PATHS
        and not path.startswith(OPEN_PREFIXES)
        and not (method == "POST" and path in OPEN_POSTS)
    ]


def _refusals(base: str, routes: list[str], old: str, new: str, thread_id: str) -> list[str]:
    """What each attack still opened: a route not refused by the gate, or the chat socket."""
    opened: list[str] = []
    with httpx.Client(base_url=base, timeout=15) as client:
        for shape, headers in attacks(old, new).items():
            if socket_connects(base, headers, thread_id=thread_id):
                opened.append(f"{shape}: chat socket (thread {thread_id or 'new'})")
            for route in routes:
                method, template = route.split()
                answer = client.request(method, _path(template, {"thread_id": thread_id}),
                                        headers=headers, json={})
                json_body = answer.headers.get("content-type", "").startswith("application/json")
                refused = answer.status_code == 401 and (method == "HEAD" or (
                    json_body and answer.json().get("detail") in (SESSION_ENDED, AMBIGUOUS)))
                if not refused:
                    opened.append(f"{shape}: {route} -> {answer.status_code}")
    return opened


def _change_password(base: str, token: str) -> str:
    with http(base, token) as client:
        changed = client.post("/account/password", data={
            "current_password": USER[1], "new_password": NEW_PASSWORD,
            "new_password_confirm": NEW_PASSWORD})
    assert changed.status_code == 303, changed.text
    return changed.cookies["access_token"]


async def _thread_of(base: str, token: str, text: str) -> str:
    chat = ChatClient(base, token)
    await chat.connect()
    await chat.send(text)
    await chat.close()
    assert chat.thread_id
    return chat.thread_id


@pytest.mark.e2e
@pytest.mark.timeout(240)
async def test_a_token_from_before_a_password_change_opens_nothing(
    start_server, in_database, person_routes: list[str]
) -> None:
    server = start_server()
    base = server.base_url
    create_first_admin(base, *ADMIN)
    await in_database(lambda session: create_account(session, *USER))
    old = login_token(base, *USER)
    thread_id = await _thread_of(base, old, "my private notes")
    new = _change_password(base, old)

    assert socket_connects(base, [("Cookie", f"access_token={new}")], thread_id=thread_id)
    assert _refusals(base, person_routes, old, new, thread_id) == []
    assert _refusals(base, person_routes, old, new, "") == []


@pytest.mark.e2e
@pytest.mark.timeout(240)
async def test_a_deleted_accounts_token_does_not_open_a_new_account_of_that_name(
    start_server, in_database, person_routes: list[str]
) -> None:
    server = start_server()
    base = server.base_url
    create_first_admin(base, *ADMIN)
    await in_database(lambda session: create_account(session, *USER))
    departed = login_token(base, *USER)

    async def delete_and_recreate(session) -> None:
        account = await get_account_by_username(session, USER[0])
        await delete_account_everywhere(session, account)
        await create_account(session, *USER)

    await in_database(delete_and_recreate)
    newcomer = login_token(base, *USER)
    thread_id = await _thread_of(base, newcomer, "the new person's private notes")

    with http(base, departed) as client:
        assert client.get("/user").status_code == 401
    assert _refusals(base, person_routes, departed, newcomer, thread_id) == []


@pytest.mark.e2e
@pytest.mark.timeout(180)
async def test_auth_jwt_refreshes_only_a_token_that_still_counts(start_server, in_database):
    server = start_server()
    base = server.base_url
    create_first_admin(base, *ADMIN)
    await in_database(lambda session: create_account(session, *USER))
    old = login_token(base, *USER)
    new = _change_password(base, old)
    someone_else = login_token(base, *ADMIN)

    with httpx.Client(base_url=base, timeout=15) as client:
        for cookie in (None, someone_else, new):
            headers = {"Authorization": f"Bearer {old}"}
            if cookie:
                headers["Cookie"] = f"access_token={cookie}"
            refused = client.post("/auth/jwt", headers=headers)
            assert refused.status_code == 401, (cookie, refused.text)
            assert "access_token" not in refused.cookies

        fresh = client.post("/auth/jwt", headers={"Authorization": f"Bearer {new}"})
        assert fresh.status_code == 200, fresh.text
        refreshed = fresh.cookies["access_token"]
    with http(base, refreshed) as client:
        me = client.get("/user")
        assert me.status_code == 200 and me.json()["identifier"] == USER[0], me.text

    # A token refreshed from the current one ends with it.
    _change_password_again = {"current_password": NEW_PASSWORD,
                              "new_password": "yet another passphrase",
                              "new_password_confirm": "yet another passphrase"}
    with http(base, new) as client:
        assert client.post("/account/password", data=_change_password_again).status_code == 303
    with http(base, refreshed) as client:
        assert client.get("/user").status_code == 401
    assert not socket_connects(base, [("Cookie", f"access_token={refreshed}")])


@pytest.mark.e2e
@pytest.mark.timeout(180)
async def test_signing_out_ends_the_token_everywhere(start_server, in_database) -> None:
    """Sign-out bumps the session version: this browser's tabs (they share the cookie) and the
    person's other devices are signed out too; a copy of the cookie is worth nothing."""
    server = start_server()
    base = server.base_url
    create_first_admin(base, *ADMIN)
    await in_database(lambda session: create_account(session, *USER))
    laptop, phone = login_token(base, *USER), login_token(base, *USER)
    with http(base, laptop) as client:
        assert client.get("/user").status_code == 200
        assert client.post("/logout").status_code == 200
    for token in (laptop, phone):
        with http(base, token) as client:
            answer = client.get("/user")
            assert (answer.status_code, answer.json()["detail"]) == (401, SESSION_ENDED)
        assert not socket_connects(base, [("Cookie", f"access_token={token}")])
    again = login_token(base, *USER)
    with http(base, again) as client:
        assert client.get("/user").status_code == 200


def test_routes_are_read(person_routes: list[str]) -> None:
    assert {"GET /user", "POST /auth/jwt", "PUT /project/thread"} <= set(person_routes)
    assert "POST /login" not in person_routes


@pytest.mark.e2e
@pytest.mark.timeout(120)
async def test_ambiguous_cookies_send_the_browser_to_sign_in_without_a_loop(start_server):
    """A browser holding two login cookies (say, set on different paths) is sent to the sign-in
    page, which it can then load, rather than bounced between redirects."""
    server = start_server()
    base = server.base_url
    create_first_admin(base, *ADMIN)
    token = login_token(base, *ADMIN)
    two = [("Cookie", f"access_token={token}; access_token={token}"), *HTML.items()]
    with httpx.Client(base_url=base, timeout=15, follow_redirects=False) as client:
        home = client.get("/", headers=two)
        assert (home.status_code, home.headers["location"]) == (303, "/login")
        assert client.get("/login", headers=two).status_code == 200
        api = client.get("/user", headers=two)
        assert (api.status_code, api.json()["detail"]) == (401, AMBIGUOUS)
