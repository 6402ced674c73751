"""Every HTTP route that takes an id, from the app's own route table: a second person using the
first person's ids gets exactly the answer an unknown id gets, and changes nothing.

The route list is read from the app (Chainlit's routes plus ours) in a child process; a route
that takes an id and has no attack below, or a reason it needs none, fails the suite.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import uuid
from collections.abc import Callable
from functools import partial
from pathlib import Path

import httpx
import pytest
from e2e.client import (
    ChatClient,
    create_first_admin,
    http,
    login_token,
    send_confirmed,
    thread_with_elements,
)
from e2e.fixtures import ADMIN, USER
from sqlalchemy import text as sql_text

from assistant.web.sharing import SHARING_OFF, SHARING_ROUTES
from db.accounts import create_account

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(180)]
ROOT = Path(__file__).resolve().parents[2]

Attack = Callable[[httpx.Client, dict[str, str]], httpx.Response]
# "METHOD path" -> a request made with the given ids (the owner's, or unknown ones).
ATTACKS: dict[str, Attack] = {
    "GET /project/thread/{thread_id}": lambda c, i: c.get(f"/project/thread/{i['thread']}"),
    "GET /project/share/{thread_id}": lambda c, i: c.get(f"/project/share/{i['thread']}"),
    "GET /project/thread/{thread_id}/element/{element_id}": lambda c, i: c.get(
        f"/project/thread/{i['thread']}/element/{i['element']}"),
    "PUT /project/thread": lambda c, i: c.put(
        "/project/thread", json={"threadId": i["thread"], "name": "renamed by someone else"}),
    "PUT /project/thread/share": lambda c, i: c.put(
        "/project/thread/share", json={"threadId": i["thread"], "isShared": True}),
    "DELETE /project/thread": lambda c, i: c.request(
        "DELETE", "/project/thread", json={"threadId": i["thread"]}),
    "PUT /feedback": lambda c, i: c.put("/feedback", json={
        "feedback": {"forId": i["step"], "threadId": i["thread"], "value": 0, "comment": "spam"},
        "sessionId": ""}),
    "DELETE /feedback": lambda c, i: c.request(
        "DELETE", "/feedback", json={"feedbackId": i["feedback"]}),
    "GET /files/{file_id}": lambda c, i: c.get(f"/files/{i['file']}"),
    # Someone else's temporary-password link must neither open nor be used up.
    "GET /reveal/{secret_id}": lambda c, i: c.get(f"/reveal/{i['secret']}"),
}
# Feedback rows can also be named by their own id: overwrite someone's rating from your message.
OVERWRITE_FEEDBACK = "PUT /feedback (someone's feedback id)"
# Routes with an id that name no stored person's data.
NOT_PERSONAL = {
    "GET /public/{filename:path}", "GET /assets/{filename:path}", "GET /copilot/{filename:path}",
    "GET /auth/oauth/{provider_id}", "GET /auth/oauth/{provider_id}/callback",
    "GET /avatars/{avatar_id:str}", "GET /{full_path:path}",
}
TAKES_IDS_IN_BODY = {"PUT /project/thread", "PUT /project/thread/share", "DELETE /project/thread",
                     "PUT /feedback", "DELETE /feedback", "PUT /project/element",
                     "DELETE /project/element", "POST /project/action", "POST /mcp",
                     "DELETE /mcp"}

# Routes that act on a live chat session named by its id (test_action_ownership.py attacks every
# action callback's payload). "METHOD path" -> a request made on the session id given.
SessionAttack = Callable[[httpx.Client, str], httpx.Response]
EDITOR_ELEMENT = {"id": str(uuid.uuid4()), "type": "custom", "name": "MarkdownEditor",
                  "display": "side", "props": {"markdown": "# Someone else"}}
SESSION_ATTACKS: dict[str, SessionAttack] = {
    "POST /project/action": lambda c, s: c.post("/project/action", json={
        "sessionId": s, "action": {"name": "save_markdown", "payload": {"markdown": "# Mine"}}}),
    "POST /project/file": lambda c, s: c.post(
        "/project/file", params={"session_id": s},
        files={"file": ("planted.txt", b"not your file", "text/plain")}),
    "PUT /project/element": lambda c, s: c.put(
        "/project/element", json={"sessionId": s, "element": EDITOR_ELEMENT}),
    "DELETE /project/element": lambda c, s: c.request(
        "DELETE", "/project/element", json={"sessionId": s, "element": EDITOR_ELEMENT}),
    "GET /project/file/{file_id}": lambda c, s: c.get(
        f"/project/file/{uuid.uuid4()}", params={"session_id": s}),
    "POST /mcp": lambda c, s: c.post("/mcp", json={"sessionId": s, "name": "files"}),
    "DELETE /mcp": lambda c, s: c.request("DELETE", "/mcp", json={"sessionId": s, "name": "x"}),
}

LIST_ROUTES = """
import json, chainlit.server as s
from assistant import web
web.install(s.app)
def walk(routes):
    for r in routes:
        if hasattr(r, "path"):
            for m in sorted(getattr(r, "methods", None) or []):
                yield f"{m} {r.path}"
        elif hasattr(r, "original_router"):
            yield from walk(r.original_router.routes)
print(json.dumps(sorted(set(walk(s.app.routes)))))
"""


def _app_routes(tmp_path: Path) -> list[str]:
    result = subprocess.run([sys.executable, "-c", LIST_ROUTES], cwd=ROOT, capture_output=True,
                            text=True, timeout=60, check=True,
                            env={"PATH": "/usr/bin:/bin", "CHAINLIT_APP_ROOT": str(tmp_path)})
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_every_route_that_takes_an_id_is_attacked(tmp_path: Path) -> None:
    routes = _app_routes(tmp_path)
    assert "GET /files/{file_id}" in routes and "GET /project/thread/{thread_id}" in routes
    with_ids = {r for r in routes if "{" in r} | (TAKES_IDS_IN_BODY & set(routes))
    unattacked = with_ids - set(ATTACKS) - set(SESSION_ATTACKS) - NOT_PERSONAL - {"HEAD /"}
    assert not unattacked, f"add an ownership attack (or a reason) for: {sorted(unattacked)}"


# Sharing is off: these routes refuse everyone, the thread's owner included.
REFUSED_FOR_EVERYONE = {f"{method} {path}" for method, path in SHARING_ROUTES}


def test_every_sharing_route_is_refused_for_everyone(tmp_path: Path) -> None:
    routes = _app_routes(tmp_path)
    sharing = {route for route in routes if "share" in route.lower()}
    assert sharing, "Chainlit's sharing routes are gone: update REFUSED_FOR_EVERYONE"
    assert sharing <= REFUSED_FOR_EVERYONE, \
        f"refuse (assistant/web/sharing.py) or explain: {sorted(sharing - REFUSED_FOR_EVERYONE)}"


async def test_a_conversation_cannot_be_shared_or_opened_as_shared(
    start_server, in_database
) -> None:
    server = start_server()
    base = server.base_url
    create_first_admin(base, *ADMIN)
    await in_database(lambda session: create_account(session, *USER))
    alice, bob = login_token(base, *ADMIN), login_token(base, *USER)
    chat = ChatClient(base, alice)
    await chat.connect()
    await chat.send("/help")
    await chat.close()
    ids = {"thread": chat.thread_id}
    with http(base, alice) as owner:
        for route in REFUSED_FOR_EVERYONE:
            answer = ATTACKS[route](owner, ids)
            assert (answer.status_code, answer.json()) == (404, {"detail": SHARING_OFF}), route
        metadata = owner.get(f"/project/thread/{chat.thread_id}").json().get("metadata") or {}
    assert not metadata.get("is_shared")

    # A thread marked shared before this change (or by hand) is not shown either.
    async def mark_shared(session) -> None:
        await session.execute(sql_text(
            "UPDATE threads SET metadata = COALESCE(metadata, '{}'::jsonb) "
            "|| '{\"is_shared\": true}'::jsonb WHERE id = :id"), {"id": chat.thread_id})

    await in_database(mark_shared)
    for token in (None, bob, alice):
        with http(base, token) as anyone:
            answer = anyone.get(f"/project/share/{chat.thread_id}")
            assert answer.status_code in (401, 404), answer.text
            assert "/help" not in answer.text and chat.thread_id not in answer.text


def _same(owner_answer: httpx.Response, unknown_answer: httpx.Response,
          owned: dict[str, str], unknown: dict[str, str]) -> bool:
    def blank(text: str, ids: dict[str, str]) -> str:
        for value in ids.values():
            text = text.replace(value, "<ID>")
        return text

    return (owner_answer.status_code == unknown_answer.status_code
            and blank(owner_answer.text, owned) == blank(unknown_answer.text, unknown))


async def test_another_persons_ids_answer_like_unknown_ones_on_every_route(
    start_server, in_database, fixtures_dir: Path
) -> None:
    server = start_server()
    base = server.base_url
    create_first_admin(base, *ADMIN)

    erin_login = ("erin", "tangerine kettle marathon")

    async def add_user(session) -> None:
        await create_account(session, *USER)
        await create_account(session, *erin_login, roles=("user", "admin"))

    await in_database(add_user)
    alice, bob = login_token(base, *ADMIN), login_token(base, *USER)
    erin = login_token(base, *erin_login)
    chat = ChatClient(base, alice)
    await chat.connect()
    job = sorted((fixtures_dir / "jobs").iterdir())[0]
    await chat.send("A job I like", file_ids=[chat.upload(job, "text/plain")])
    (created,) = await send_confirmed(chat, "/adduser carol")
    secret = re.search(r"\]\(/reveal/([0-9a-f-]{36})\)", created).group(1)
    await chat.close()
    thread = await thread_with_elements(base, alice, chat.thread_id)
    with http(base, alice) as client:
        step = next(s["id"] for s in thread["steps"] if s["type"] == "user_message")
        rated = client.put("/feedback", json={
            "feedback": {"forId": step, "threadId": chat.thread_id, "value": 1, "comment": "mine"},
            "sessionId": ""})
        assert rated.status_code == 200, rated.text
    (element,) = thread["elements"]
    owned = {"thread": chat.thread_id, "element": element["id"], "step": step,
             "feedback": rated.json()["feedbackId"], "file": element["url"].rsplit("/", 1)[-1],
             "secret": secret}
    unknown = {key: str(uuid.uuid4()) for key in owned}

    differing = []
    # A signed-out visitor and another administrator too: admin links (/reveal) are only the
    # maker's, and no answer may depend on whether a signed-out guess exists.
    for who, token in (("signed out", None), ("erin (admin)", erin), ("bob", bob)):
        with http(base, token) as intruder:
            for route, attack in ATTACKS.items():
                stolen, missing = attack(intruder, owned), attack(intruder, unknown)
                if not _same(stolen, missing, owned, unknown) or stolen.status_code < 400:
                    differing.append(f"{who}, {route}: {stolen.status_code} "
                                     f"{stolen.text[:80]!r} vs {missing.status_code} "
                                     f"{missing.text[:80]!r}")
    with http(base, bob) as intruder:
        overwrite = {"feedback": {"id": owned["feedback"], "forId": unknown["step"],
                                  "threadId": unknown["thread"], "value": 0}, "sessionId": ""}
        stolen = intruder.put("/feedback", json=overwrite)
        overwrite["feedback"]["id"] = unknown["feedback"]
        missing = intruder.put("/feedback", json=overwrite)
        if not _same(stolen, missing, owned, unknown) or stolen.status_code < 400:
            differing.append(f"{OVERWRITE_FEEDBACK}: {stolen.status_code} vs "
                             f"{missing.status_code}")
    assert not differing, "\n".join(differing)

    # Alice's thread, its name, its file, her rating and her link are all as she left them.
    with http(base, alice) as client:
        after = client.get(f"/project/thread/{chat.thread_id}").json()
        assert client.get(element["url"]).status_code == 200
        assert "Temporary password for carol" in client.get(f"/reveal/{secret}").text
    assert after["name"] == thread["name"]
    assert not (after.get("metadata") or {}).get("is_shared")
    rated_step = next(s for s in after["steps"] if s["id"] == step)
    assert rated_step["feedback"]["value"] == 1 and rated_step["feedback"]["comment"] == "mine"


SESSION_NOT_FOUND = (404, '{"detail":"Session not found"}')
NOT_JSON = {"content-type": "application/json"}
Request = Callable[[httpx.Client], httpx.Response]


def _malformed(route: str, own: str, unknown: str) -> list[Request]:
    """Bodies Chainlit's handlers cannot use, some on the caller's own live session."""
    method, path = route.split()
    if route == "POST /project/file":
        file = {"file": ("a.txt", b"text", "text/plain")}
        return [
            lambda c: c.post(path, files=file),  # no session id
            lambda c: c.post(path, params=[("session_id", unknown), ("session_id", own)],
                             files=file),
            lambda c: c.post(path, params={"session_id": unknown}, content=b"--x\r\ngarbage",
                             headers={"content-type": "multipart/form-data; boundary=x"}),
        ]
    if route == "GET /project/file/{file_id}":
        file_path = f"/project/file/{uuid.uuid4()}"
        return [lambda c: c.get(file_path),
                lambda c: c.get(file_path, params=[("session_id", own), ("session_id", own)])]

    def raw(body: bytes) -> Request:
        return lambda c: c.request(method, path, content=body, headers=NOT_JSON)

    def sent(body: object) -> Request:
        return lambda c: c.request(method, path, json=body)

    attacks = [raw(b"not json"), raw(b'{"sessionId": "\xff"}'), raw(b"[]"), sent({}),
               sent({"sessionId": 5, "action": {}, "element": {}, "name": "x"}),
               sent({"sessionId": None, "name": "x"})]
    if path == "/project/action":
        attacks += [sent({"sessionId": own, "action": "save_markdown"}),
                    sent({"sessionId": own, "action": {"payload": {}}}),
                    sent({"sessionId": own, "action": {"name": "save_markdown", "payload": 3}}),
                    sent({"sessionId": own,
                          "action": {"name": "x", "payload": {}, "label": ["x"]}})]
    elif path == "/project/element":
        attacks += [sent({"sessionId": own, "element": []}),
                    sent({"sessionId": own, "element": {"name": "no type"}}),
                    sent({"sessionId": own, "element": {"type": "custom", "name": "no id"}}),
                    sent({"sessionId": own, "element": {**EDITOR_ELEMENT, "display": "nowhere"}}),
                    sent({"sessionId": own, "element": {**EDITOR_ELEMENT, "props": "text"}}),
                    sent({"sessionId": own, "element": {**EDITOR_ELEMENT, "id": "not-a-uuid"}})]
    else:
        attacks += [sent({"sessionId": own}), sent({"sessionId": own, "name": ["x"]})]
    return attacks


async def test_live_session_routes_answer_alike_for_unknown_foreign_and_malformed(
    start_server, in_database, fixtures_dir: Path
) -> None:
    """Chainlit answered an unknown session id with a 500 and a traceback in the log (uploads:
    404), someone else's live session with 401, and a malformed body with 422 or a 500: a
    prober could tell live session ids apart and anyone signed in could fill the log."""
    server = start_server()
    base = server.base_url
    create_first_admin(base, *ADMIN)
    await in_database(lambda session: create_account(session, *USER))
    alice, bob = login_token(base, *ADMIN), login_token(base, *USER)
    alice_chat, bob_chat = ChatClient(base, alice), ChatClient(base, bob)
    await alice_chat.connect()
    await bob_chat.connect()
    job = sorted((fixtures_dir / "jobs").iterdir())[0]
    alice_file = alice_chat.upload(job, "text/plain")
    await alice_chat.send("A job I like", file_ids=[alice_file])
    await bob_chat.send("/help")  # Bob's session gets its thread
    (alice_element,) = (await thread_with_elements(base, alice, alice_chat.thread_id))["elements"]

    differing = []

    def expect_not_found(label: str, request: Callable[..., httpx.Response], *args) -> None:
        try:
            answer = request(*args)
        except httpx.TransportError as error:  # Chainlit dropped the connection
            differing.append(f"{label}: {error!r}")
            return
        if (answer.status_code, answer.text) != SESSION_NOT_FOUND:
            differing.append(f"{label}: {answer.status_code} {answer.text[:120]!r}")

    with http(base, bob) as intruder:
        for route, attack in SESSION_ATTACKS.items():
            expect_not_found(f"{route}, unknown id", attack, intruder, str(uuid.uuid4()))
            expect_not_found(f"{route}, alice's live session", attack, intruder,
                             alice_chat.session_id)
            for number, malformed in enumerate(_malformed(route, bob_chat.session_id,
                                                          str(uuid.uuid4()))):
                expect_not_found(f"{route}, malformed body {number}", malformed, intruder)
        # Bob's own session, Alice's element: Chainlit would overwrite or delete it by its id.
        for method in ("PUT", "DELETE"):
            in_her_thread = {**alice_element, "type": "custom", "props": {}}
            in_his_thread = {**in_her_thread, "threadId": bob_chat.thread_id}
            for label, stolen in (("alice's element", in_her_thread),
                                  ("alice's element id", in_his_thread)):
                expect_not_found(f"{method} /project/element, {label}", partial(
                    intruder.request, method, "/project/element",
                    json={"sessionId": bob_chat.session_id, "element": stolen}))
    # Signed out, nobody's session is looked at: the same refusal whatever the id.
    with http(base) as visitor:
        for route, attack in SESSION_ATTACKS.items():
            unknown = attack(visitor, str(uuid.uuid4()))
            live = attack(visitor, alice_chat.session_id)
            same = (unknown.status_code, unknown.text) == (live.status_code, live.text)
            if not same or live.status_code != 401:
                differing.append(f"signed out, {route}: {unknown.status_code} {unknown.text!r} "
                                 f"vs {live.status_code} {live.text!r}")
    assert not differing, "\n".join(differing)

    # Alice's own session works as before: her upload, her file, her element, her actions.
    with http(base, alice) as client:
        own = alice_chat.session_id
        assert client.get(f"/project/file/{alice_file}", params={"session_id": own}).content == \
            job.read_bytes()
        mine = {"id": str(uuid.uuid4()), "type": "custom", "name": "MarkdownEditor",
                "display": "side", "props": {"markdown": "# Mine"},
                "threadId": alice_chat.thread_id}
        for method in ("PUT", "DELETE"):
            answer = client.request(method, "/project/element",
                                    json={"sessionId": own, "element": mine})
            assert answer.json() == {"success": True}, (method, answer.text)
        action = client.post("/project/action", json={
            "sessionId": own, "action": {"name": "save_markdown", "payload": {}}})
        assert action.status_code == 200 and action.json()["response"]["ok"] is False, action.text
        after = client.get(f"/project/thread/{alice_chat.thread_id}").json()["elements"]
    assert alice_element["id"] in [e["id"] for e in after]
    assert alice_chat.upload(job, "text/plain")
    await alice_chat.close()
    await bob_chat.close()
