"""A page of another origin, in a signed-in person's browser, can neither read their data, nor
open their chat, nor post forms or API calls as them; the app's own pages still can.

Chainlit as shipped answered any Origin with ``Access-Control-Allow-Origin: <that origin>`` and
``-Credentials: true`` and let its socket.io server accept any Origin: any website could read a
signed-in person's threads and files and chat as them. SameSite=Lax does not stop another port
or subdomain of the same site, and ``CHAINLIT_COOKIE_SAMESITE=none`` stops nothing, so the server
itself must refuse (assistant/web/cross_origin.py).

The attacks are generated from the app's own route table (Chainlit's routes plus ours, read in a
child process as tests/security/test_http_ownership.py does): every state-changing route, every
GET route, every preflight and the socket.io mount. A new route is attacked without editing this
file. The server runs with ``CHAINLIT_COOKIE_SAMESITE=none``; the last test repeats the attacks
from a real Chromium page on another port of the same host, where the default Lax cookie is sent.
"""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys
import threading
import tomllib
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import aiohttp
import httpx
import pytest
import socketio
from e2e.client import (
    HTML,
    ChatClient,
    create_first_admin,
    http,
    login_token,
    thread_with_elements,
)
from e2e.fixtures import ADMIN, USER
from playwright.sync_api import sync_playwright
from support.mailbox import Mailbox

from assistant.web.cross_origin import REFUSED
from assistant.web.origins import (
    configured_origins,
    is_cross_origin,
    is_cross_origin_load,
    origin_of,
    own_origins,
)
from db.accounts import create_account

ROOT = Path(__file__).resolve().parents[2]
PUBLIC = "https://tailor.example.org"
EVIL = "http://evil.example"
SAFE = {"GET", "HEAD", "OPTIONS"}
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

LIST_ROUTES = """
import json, chainlit.server as s
from assistant import web
web.install(s.app)
def walk(routes):
    for r in routes:
        if hasattr(r, "path") and getattr(r, "methods", None):
            for m in sorted(r.methods):
                yield f"{m} {r.path}"
        elif hasattr(r, "original_router"):
            yield from walk(r.original_router.routes)
        elif hasattr(r, "path"):
            yield f"MOUNT {r.path}"
print(json.dumps(sorted(set(walk(s.app.routes)))))
"""


@pytest.fixture(scope="module")
def routes(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    root = tmp_path_factory.mktemp("routes")
    result = subprocess.run([sys.executable, "-c", LIST_ROUTES], cwd=ROOT, capture_output=True,
                            text=True, timeout=60, check=True,
                            env={"PATH": "/usr/bin:/bin", "CHAINLIT_APP_ROOT": str(root)})
    return json.loads(result.stdout.strip().splitlines()[-1])


def _path(template: str, ids: dict[str, str]) -> str:
    """A route's path with its parameters filled: the owner's ids where known, else new ones."""
    return re.sub(r"\{(\w+)(?::[^}]*)?\}", lambda m: ids.get(m.group(1), str(uuid.uuid4())),
                  template)


def _scope(headers: dict[str, str], *, scheme: str = "http", host: str = "127.0.0.1:8000"):
    raw = [(k.lower().encode(), v.encode()) for k, v in {"host": host, **headers}.items()]
    return {"type": "http", "scheme": scheme, "headers": raw, "server": ("127.0.0.1", 8000)}


# --- Which origins are ours (no server) --------------------------------------------------------


def test_origins_are_compared_normalised() -> None:
    assert origin_of("HTTPS://Tailor.Example.org:443/path?q") == "https://tailor.example.org"
    assert origin_of("http://127.0.0.1:8000/") == "http://127.0.0.1:8000"
    assert origin_of("http://[::1]:80") == "http://[::1]"
    assert origin_of("null") is None and origin_of("file:///x") is None
    assert origin_of("http://x:notaport") is None
    assert configured_origins(PUBLIC + "/") == [PUBLIC] and configured_origins(None) == []
    assert own_origins(_scope({}), PUBLIC) == {"http://127.0.0.1:8000", "https://127.0.0.1:8000",
                                               PUBLIC}
    # The WebSocket scope's scheme is ws/wss; the page's origin is http/https.
    assert own_origins({**_scope({}), "scheme": "ws"}, None) == {
        "http://127.0.0.1:8000", "https://127.0.0.1:8000"}


@pytest.mark.parametrize(("headers", "foreign"), [
    ({}, False),  # curl, a test client: no browser page involved
    ({"Origin": "http://127.0.0.1:8000"}, False),
    ({"Origin": "https://127.0.0.1:8000"}, False),  # a TLS proxy in front
    ({"Origin": PUBLIC}, False),  # a proxy that rewrites Host
    ({"Referer": "http://127.0.0.1:8000/account/password"}, False),
    ({"Sec-Fetch-Site": "same-origin", "Origin": "http://10.0.0.5:8000"}, False),
    ({"Sec-Fetch-Site": "none"}, False),  # typed in the address bar
    ({"Origin": EVIL}, True),
    ({"Origin": "http://127.0.0.1:8001"}, True),  # same site, another port
    ({"Origin": "http://127.0.0.1"}, True),
    ({"Origin": "null"}, True),  # sandboxed frame, data: URL
    ({"Origin": ""}, True),
    ({"Referer": EVIL + "/page"}, True),
    ({"Sec-Fetch-Site": "same-site"}, True),
    ({"Sec-Fetch-Site": "cross-site", "Origin": "http://127.0.0.1:8000"}, True),
])
def test_a_request_is_foreign_when_the_browser_says_so(headers, foreign) -> None:
    assert is_cross_origin(_scope(headers), PUBLIC) is foreign


@pytest.mark.parametrize(("headers", "refused"), [
    ({}, False),
    ({"Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "cors"}, False),
    # A link from an email or another site opens the page.
    ({"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document"},
     False),
    ({"Referer": EVIL + "/"}, False),  # an older browser following a link
    ({"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "cors"}, True),
    ({"Sec-Fetch-Site": "same-site", "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "image"},
     True),
    ({"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "iframe"},
     True),  # framed by another site (clickjacking)
    ({"Origin": EVIL}, True),  # an older browser's CORS fetch
])
def test_loading_into_another_sites_page_is_refused(headers, refused) -> None:
    assert is_cross_origin_load(_scope(headers), None) is refused


def test_chainlit_config_allows_no_origin() -> None:
    config = tomllib.loads((ROOT / ".chainlit" / "config.toml").read_text())
    assert config["project"]["allow_origins"] == []


# --- Against a real server, generated from the route table -------------------------------------


def _foreign_variants(base: str) -> dict[str, dict[str, str]]:
    sibling = re.sub(r":\d+$", ":1", base)  # same site (host), another port
    return {
        "another site": {"Origin": EVIL},
        "another port of the same host": {"Origin": sibling},
        "a sandboxed frame": {"Origin": "null"},
        "fetch metadata only": {"Sec-Fetch-Site": "same-site"},
        "referer only": {"Referer": EVIL + "/attack.html"},
    }


def _refused_by_guard(response: httpx.Response) -> bool:
    return response.status_code == 403 and response.json() == {"detail": REFUSED}


def _no_cors_grant(response: httpx.Response, origin: str) -> bool:
    """The browser lets the page read only with this header naming it (or "*")."""
    return response.headers.get("access-control-allow-origin") not in (origin, "*")


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    with Mailbox() as box:
        yield box


@pytest.mark.e2e
@pytest.mark.timeout(240)
async def test_no_route_answers_another_origin(
    start_server, in_database, routes: list[str], mailbox: Mailbox, fixtures_dir: Path
) -> None:
    # Every form route live (sign-up and reset need mail), and the cookie sent from anywhere.
    server = start_server(TAILOR_SIGNUP="open", TAILOR_PUBLIC_URL=PUBLIC,
                          CHAINLIT_COOKIE_SAMESITE="none", **mailbox.environment())
    base = server.base_url
    assert create_first_admin(base, *ADMIN).status_code == 303
    await in_database(lambda session: create_account(session, *USER))
    token = login_token(base, *ADMIN)
    chat = ChatClient(base, token)
    await chat.connect()
    job = sorted((fixtures_dir / "jobs").iterdir())[0]
    await chat.send("A job I like", file_ids=[chat.upload(job, "text/plain")])
    await chat.close()
    thread = await thread_with_elements(base, token, chat.thread_id)
    ids = {"thread_id": chat.thread_id, "file_id": thread["elements"][0]["url"].rsplit("/")[-1],
           "element_id": thread["elements"][0]["id"], "full_path": "", "filename": "x"}
    # A body each state-changing route would act on, were it not refused.
    bodies = {
        "/login": {"data": {"username": USER[0], "password": USER[1]}},
        "/account/password": {"data": {"current_password": ADMIN[1], "new_password": "x" * 20,
                                       "new_password_confirm": "x" * 20}},
        "/signup": {"data": {"username": "mallory", "email": "m@example.org",
                             "password": "lantern orchard violin",
                             "password_confirm": "lantern orchard violin"}},
        "/account/forgot": {"data": {"email": "alice@example.org"}},
        "/setup": {"data": {"username": "mallory", "password": "lantern orchard violin",
                            "password_confirm": "lantern orchard violin"}},
        "/project/thread": {"json": {"threadId": chat.thread_id, "name": "renamed by evil"}},
        "/project/thread/share": {"json": {"threadId": chat.thread_id, "isShared": True}},
        "/project/threads": {"json": {"pagination": {"first": 20}, "filter": {}}},
    }
    unsafe = [r for r in routes if r.split()[0] not in SAFE | {"MOUNT"}]
    reads = [r for r in routes if r.split()[0] == "GET"]
    assert {"POST /login", "POST /setup", "POST /account/password", "PUT /project/thread",
            "POST /project/threads"} <= set(unsafe)
    assert {"GET /user", "GET /files/{file_id}", "GET /project/thread/{thread_id}"} <= set(reads)
    assert "MOUNT /ws/socket.io" in routes

    answered: list[str] = []
    with http(base, token) as client:
        for variant, headers in _foreign_variants(base).items():
            origin = headers.get("Origin") or EVIL
            for route in unsafe:
                method, template = route.split()
                path = _path(template, ids)
                response = client.request(method, path, headers=headers,
                                          **bodies.get(template, {"json": {}}))
                if not _refused_by_guard(response) or not _no_cors_grant(response, origin):
                    answered.append(f"{variant}: {route} -> {response.status_code} "
                                    f"{response.text[:80]!r}")
                # The browser's preflight for it: no permission for this origin.
                preflight = client.options(path, headers={
                    "Origin": origin, "Access-Control-Request-Method": method,
                    "Access-Control-Request-Headers": "content-type"})
                if preflight.status_code < 400 or not _no_cors_grant(preflight, origin):
                    answered.append(f"{variant}: preflight {route} -> {preflight.status_code}")
            for route in reads:
                path = _path(route.split()[1], ids)
                if path.startswith(("/assets/", "/public/", "/avatars/", "/favicon", "/logo")):
                    continue  # not personal: anyone may load them
                # A credentialed fetch() from the other page: refused, and never readable.
                fetched = client.get(path, headers={**headers, "Sec-Fetch-Mode": "cors"}
                                     if "Sec-Fetch-Site" in headers else headers)
                marked = "Origin" in headers or "Sec-Fetch-Site" in headers
                if marked and not _refused_by_guard(fetched):
                    answered.append(f"{variant}: {route} -> {fetched.status_code}")
                if not _no_cors_grant(fetched, origin):
                    answered.append(f"{variant}: {route} grants CORS to {origin}")
            polling = client.get("/ws/socket.io/", params={"EIO": "4", "transport": "polling"},
                                 headers=headers)
            if not _refused_by_guard(polling):
                answered.append(f"{variant}: socket.io polling -> {polling.status_code}")
    assert not answered, "\n".join(answered)

    # Nothing happened: the thread keeps its name and stays private, the password and the
    # session still work, no account was made, no email went out.
    with http(base, token) as client:
        after = client.get(f"/project/thread/{chat.thread_id}")
        assert after.status_code == 200
        assert after.json()["name"] == thread["name"]
        assert not (after.json().get("metadata") or {}).get("is_shared")
    assert login_token(base, *ADMIN)
    assert mailbox.to("m@example.org") == [] and mailbox.to("alice@example.org") == []

    # The chat socket: refused for every foreign variant, over WebSocket and long-polling.
    for variant, headers in _foreign_variants(base).items():
        for transport in ("websocket", "polling"):
            refused = await _socket_refused(base, token, headers, transport)
            assert refused, f"{variant}: a foreign page opened a chat session over {transport}"


async def _socket_refused(base: str, token: str, headers: dict[str, str], transport: str) -> bool:
    # Our own HTTP session: engine.io's client closes the one it made before reading a refused
    # handshake's body, which then fails with "Connection closed" instead of saying 403.
    async with aiohttp.ClientSession() as session:
        client = socketio.AsyncClient(reconnection=False, http_session=session)
        auth = {"clientType": "webapp", "sessionId": str(uuid.uuid4()), "threadId": "",
                "userEnv": "{}", "chatProfile": ""}
        try:
            await client.connect(base, socketio_path="/ws/socket.io", transports=[transport],
                                 headers={"Cookie": f"access_token={token}", **headers},
                                 auth=auth, wait_timeout=10)
        except socketio.exceptions.ConnectionError:
            return True
        await client.disconnect()
        return False


@pytest.mark.e2e
@pytest.mark.timeout(180)
async def test_the_apps_own_origin_and_public_url_still_work(start_server) -> None:
    """Own origin (as the browser names it, or by Fetch Metadata behind a Host-rewriting proxy)
    and the configured public URL: sign in, post forms, call the API, open the chat."""
    server = start_server(TAILOR_PUBLIC_URL=PUBLIC)
    base = server.base_url
    own = {"Origin": base}
    assert create_first_admin(base, *ADMIN).status_code == 303
    for headers in (own, {"Origin": PUBLIC}, {"Origin": "http://10.1.2.3", "Sec-Fetch-Site":
                                                 "same-origin"}):
        with http(base) as client:
            signed_in = client.post("/login", headers=headers,
                                    data={"username": ADMIN[0], "password": ADMIN[1]})
        assert signed_in.status_code == 200, (headers, signed_in.text)
        token = signed_in.cookies["access_token"]
        with http(base, token) as client:
            threads = client.post("/project/threads", headers=headers,
                                  json={"pagination": {"first": 20}, "filter": {}})
            assert threads.status_code == 200, threads.text
            page = client.get("/account/password", headers={**headers, **HTML})
            assert page.status_code == 200
            chat_page = client.get("/", headers={**headers, **HTML})
            # No other site may frame either page, whatever the browser's age.
            for answer in (page, chat_page):
                assert answer.headers["X-Frame-Options"] == "DENY"
                assert "frame-ancestors 'none'" in answer.headers["Content-Security-Policy"]
        assert not await _socket_refused(base, token, headers, "websocket"), headers
    # The public URL is the only origin CORS names (with credentials): never anyone else.
    with http(base) as client:
        preflight = client.options("/project/threads", headers={
            "Origin": PUBLIC, "Access-Control-Request-Method": "POST"})
    assert preflight.headers.get("access-control-allow-origin") == PUBLIC


# --- A real browser: a page on another port of the same host ----------------------------------

HOSTILE_SCRIPT = """async ([app, signOut]) => {
  const result = {};
  const attempt = async (name, action) => {
    try { result[name] = await action(); } catch (error) { result[name] = 'blocked: ' + error; }
  };
  await attempt('read /user', async () =>
    (await (await fetch(app + '/user', {credentials: 'include'})).json()).identifier);
  await attempt('list threads', async () => (await (await fetch(app + '/project/threads', {
    method: 'POST', credentials: 'include', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({pagination: {first: 20}, filter: {}})})).json()).data.length
    + ' threads');
  await attempt('chat socket', () => new Promise((resolve) => {
    const url = app.replace('http', 'ws') + '/ws/socket.io/?EIO=4&transport=websocket';
    const ws = new WebSocket(url);
    ws.onmessage = (event) => {
      if (event.data.startsWith('0')) {
        ws.send('40' + JSON.stringify({clientType: 'webapp', sessionId: crypto.randomUUID(),
                                       threadId: '', userEnv: '{}', chatProfile: ''}));
      } else if (event.data.startsWith('40')) { ws.close(); resolve('connected as the person'); }
      else if (event.data.startsWith('44')) { ws.close(); resolve('refused: ' + event.data); }
    };
    ws.onerror = () => resolve('blocked: handshake refused');
    setTimeout(() => resolve('blocked: no answer'), 8000);
  }));
  if (signOut) {  // a form-like post that needs no CORS permission to be sent (its answer is
    // opaque to the page either way; whether it acted shows in the server's status)
    await fetch(app + '/logout', {method: 'POST', credentials: 'include', mode: 'no-cors'})
      .catch(() => null);
  }
  return result;
}"""

LOGIN_CSRF = """([app, username, password]) => {
  const form = document.createElement('form');
  form.method = 'POST'; form.action = app + '/login';
  for (const [name, value] of [['username', username], ['password', password]]) {
    const input = document.createElement('input');
    input.name = name; input.value = value; form.appendChild(input);
  }
  document.body.appendChild(form); form.submit();
}"""


class _CatsPage(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        body = b"<!doctype html><html><body>cute cats</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def _hostile_site() -> Iterator[str]:
    """An innocent-looking page on another port of the app's host: the same site, so the
    browser sends the person's SameSite=Lax cookie with its requests (a real server rather than
    a routed page: Chromium treats a routed page as public and blocks its calls to loopback)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _CatsPage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.browser
@pytest.mark.timeout(180)
def test_a_hostile_page_in_chromium_gets_nothing(start_server, in_database) -> None:
    server = start_server()
    base = server.base_url
    assert create_first_admin(base, *ADMIN).status_code == 303
    asyncio.run(in_database(lambda session: create_account(session, *USER)))
    token = login_token(base, *ADMIN)
    with _hostile_site() as hostile, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context()
        context.add_cookies([{"name": "access_token", "value": token, "url": base,
                              "httpOnly": True, "sameSite": "Lax"}])
        page = context.new_page()
        seen: list[tuple[str, int, str]] = []
        page.on("response", lambda r: seen.append((r.url, r.status, r.request.method)))

        # The person's own page: fetch and the chat socket work.
        page.goto(base + "/public/self-service.js")
        own = page.evaluate(HOSTILE_SCRIPT, [base, False])
        assert own["read /user"] == ADMIN[0] and own["list threads"].endswith("threads"), own
        assert own["chat socket"] == "connected as the person", own

        page.goto(hostile + "/cats.html")
        stolen = page.evaluate(HOSTILE_SCRIPT, [base, True])
        assert all(str(value).startswith("blocked") for value in stolen.values()), stolen
        # Login CSRF: a form posting the attacker's credentials (their account would then
        # receive the person's resume).
        with page.expect_navigation():
            page.evaluate(LOGIN_CSRF, [base, *USER])
        cookies = {c["name"]: c["value"] for c in context.cookies(base)}
        browser.close()
    assert cookies.get("access_token") == token, "the hostile page changed who is signed in"
    posted = [(status, method) for url, status, method in seen
              if url.startswith(base + "/login") or url.startswith(base + "/logout")]
    assert posted and all(status == 403 for status, _ in posted), posted
