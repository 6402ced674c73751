"""DNS rebinding: a page on another name that resolves to this instance gets nothing from it.

The browser sends ``Host`` and ``Origin`` both naming the attacker's host, so an origin check
trusting Host let such a page create the first administrator on a fresh instance or sign in.
Every route of the app's route table (read as tests/security/test_cross_origin.py reads it) and
the chat socket are attacked with a foreign Host; the names the instance answers to still work.
"""

from __future__ import annotations

import json
import subprocess
import sys

import httpx
import pytest
from e2e.client import HTML, create_first_admin, http, login_token, socket_connects
from e2e.fixtures import ADMIN
from test_cross_origin import LIST_ROUTES, ROOT, _path

from assistant.web.hosts import allowed_host_names, is_allowed_host

REBIND = "rebind.attacker.example"
PUBLIC = "https://tailor.example.org"
SETUP_FORM = {"username": "mallory", "password": "lantern orchard violin",
              "password_confirm": "lantern orchard violin"}


@pytest.mark.parametrize(("host", "allowed"), [
    ("127.0.0.1:8000", True), ("localhost:8000", True), ("LOCALHOST", True),
    ("[::1]:8000", True), ("127.0.0.2", True), ("tailor.example.org", True),
    ("tailor.example.org:443", True), ("10.0.0.5:8000", True),
    (REBIND, False), (f"{REBIND}:8000", False), ("127.0.0.1.nip.io", False),
    ("localhost.attacker.example", False), ("tailor.example.org.attacker.example", False),
    ("", False), ("[bad", False),
])
def test_only_known_names_are_answered(host: str, allowed: bool) -> None:
    names = allowed_host_names(PUBLIC, "10.0.0.5")
    assert is_allowed_host(host, names) is allowed


def test_a_wildcard_bind_address_allows_no_name() -> None:
    assert allowed_host_names(None, "0.0.0.0") == frozenset()
    assert allowed_host_names(None, "::") == frozenset()


@pytest.fixture(scope="module")
def routes(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    root = tmp_path_factory.mktemp("routes")
    result = subprocess.run([sys.executable, "-c", LIST_ROUTES], cwd=ROOT, capture_output=True,
                            text=True, timeout=60, check=True,
                            env={"PATH": "/usr/bin:/bin", "CHAINLIT_APP_ROOT": str(root)})
    return [r for r in json.loads(result.stdout.strip().splitlines()[-1])
            if not r.startswith("MOUNT")]


@pytest.mark.e2e
@pytest.mark.timeout(240)
async def test_a_rebound_name_gets_nothing_from_a_fresh_instance(start_server, routes) -> None:
    server = start_server(TAILOR_PUBLIC_URL=PUBLIC)
    base = server.base_url
    rebound = {"Host": REBIND, "Origin": f"http://{REBIND}"}
    with httpx.Client(base_url=base, timeout=15, follow_redirects=False) as client:
        setup = client.post("/setup", data=SETUP_FORM, headers={**rebound, **HTML})
        assert setup.status_code == 400
        assert f"does not answer to the address '{REBIND}'" in setup.text
        assert "TAILOR_PUBLIC_URL" in setup.text
        answered = []
        for route in routes:
            method, template = route.split()
            headers = {**rebound, **HTML} if method == "GET" else rebound
            answer = client.request(method, _path(template, {}), headers=headers)
            if answer.status_code != 400:
                answered.append(f"{route} -> {answer.status_code}")
        assert answered == []
        # The instance is still fresh: its real owner can set it up.
        assert client.get("/setup", headers={"Host": "tailor.example.org"}).status_code == 200

    assert create_first_admin(base, *ADMIN).status_code == 303
    token = login_token(base, *ADMIN)
    with httpx.Client(base_url=base, timeout=15) as client:
        signed_in = client.post("/login", data={"username": ADMIN[0], "password": ADMIN[1]},
                                headers=rebound)
        assert signed_in.status_code == 400 and "access_token" not in signed_in.cookies
    cookie = ("Cookie", f"access_token={token}")
    assert not socket_connects(base, [cookie, ("Host", REBIND)])
    assert socket_connects(base, [cookie])
    with http(base.replace("127.0.0.1", "localhost"), token) as client:
        assert client.get("/user").status_code == 200
