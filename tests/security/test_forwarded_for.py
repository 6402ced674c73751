"""Per-address sign-in limits count the real peer: X-Forwarded-For is believed only from the
proxies named in TAILOR_TRUSTED_PROXIES (uvicorn's default believed anyone on loopback, so a
client on the same machine, or behind a proxy passing the header on, chose its own address)."""

from __future__ import annotations

import httpx
import pytest
from e2e.client import create_first_admin
from e2e.fixtures import ADMIN

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(180)]


def _guess_then_sign_in(base: str) -> int:
    """Five wrong passwords for five different names, each claiming another address, then the
    admin's right password claiming yet another: the status of that last sign-in."""
    with httpx.Client(base_url=base, timeout=15) as client:
        for n in range(5):
            wrong = client.post("/login", data={"username": f"guess{n}", "password": "nope"},
                                headers={"X-Forwarded-For": f"203.0.113.{n + 1}"})
            assert wrong.status_code in (401, 429)
        return client.post("/login", data={"username": ADMIN[0], "password": ADMIN[1]},
                           headers={"X-Forwarded-For": "203.0.113.99"}).status_code


async def test_a_client_cannot_choose_its_address(start_server) -> None:
    server = start_server()
    create_first_admin(server.base_url, *ADMIN)
    assert _guess_then_sign_in(server.base_url) == 429, "the guesses all came from 127.0.0.1"


async def test_a_configured_proxy_is_believed(start_server) -> None:
    server = start_server(TAILOR_TRUSTED_PROXIES="127.0.0.1")
    create_first_admin(server.base_url, *ADMIN)
    assert _guess_then_sign_in(server.base_url) == 200, "each guess came from its own address"
