"""Nobody can lock someone else out: failed sign-ins from rotating addresses (issue 21: five of
them locked the admin out for everyone, renewable forever) only slow down sign-in from
addresses the account never signed in from; its own known addresses keep working, and every
refusal says which lock it is. Addresses rotate through a trusted proxy's X-Forwarded-For."""

from __future__ import annotations

import httpx
import pytest
from e2e.client import create_first_admin
from e2e.fixtures import ADMIN

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(180)]

HOME = "198.51.100.7"


def _sign_in(client: httpx.Client, password: str, address: str) -> httpx.Response:
    return client.post("/login", data={"username": ADMIN[0], "password": password},
                       headers={"X-Forwarded-For": address})


async def test_strangers_guessing_from_everywhere_do_not_lock_the_admin_out(start_server):
    server = start_server(TAILOR_TRUSTED_PROXIES="127.0.0.1", TAILOR_LOGIN_MAX_FAILURES="3")
    create_first_admin(server.base_url, *ADMIN)
    with httpx.Client(base_url=server.base_url, timeout=15) as client:
        assert _sign_in(client, ADMIN[1], HOME).status_code == 200
        statuses = {_sign_in(client, f"guess {n}", f"192.0.2.{n + 1}").status_code
                    for n in range(30)}
        assert statuses == {401, 429}, "the guesses met the account's back-off"

        home = _sign_in(client, ADMIN[1], HOME)
        assert home.status_code == 200, home.text
        assert "access_token" in home.cookies

        new_place = _sign_in(client, ADMIN[1], "203.0.113.9")
        assert new_place.status_code == 429
        assert "from other addresses" in new_place.json()["detail"]

        assert "signed in from before is not affected" in new_place.json()["detail"]
