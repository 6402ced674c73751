"""Requests to model servers: never follow redirects, and keep personal URLs out of our network.

A base URL is checked when it is saved, but that alone is not enough: the name may resolve to a
private address later (DNS rebinding), and a public server may answer with a redirect to
169.254.169.254 or localhost, which the OpenAI client follows by default. So every request made
for a personal connection resolves its host again and is refused when any address is not
public, and no connection follows redirects (model servers have no reason to send one).
"""

from __future__ import annotations

import asyncio
import functools
import ipaddress
import socket
import ssl
from collections.abc import Iterable
from typing import Any

import certifi
import httpx2

_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class PrivateAddressRefused(httpx2.ConnectError):
    """A personal model URL led to an address inside the instance's network.

    A connection error to the OpenAI client, which then reports it as one (with this as cause).
    """

    def __init__(self, host: str, address: str) -> None:
        self.host = host
        self.address = address
        super().__init__(
            f"The model address '{host}' points into a private network ({address}), which "
            "personal settings may not reach. Ask your administrator to set the model for the "
            "instance, or to allow private model addresses."
        )


def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """False for loopback, private, link-local, metadata, and IPv6 forms that embed them."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            return is_public(embedded)
    return address.is_global and not address.is_multicast


def first_private(addresses: Iterable[str]) -> str | None:
    for text in addresses:
        if not is_public(ipaddress.ip_address(text.split("%", 1)[0])):
            return text
    return None


def _port(url: httpx2.URL) -> int:
    return url.port or (443 if url.scheme == "https" else 80)


async def _refuse_private_async(request: httpx2.Request) -> None:
    host = request.url.host
    infos = await asyncio.get_running_loop().getaddrinfo(
        host, _port(request.url), type=socket.SOCK_STREAM
    )
    private = first_private(str(info[4][0]) for info in infos)
    if private is not None:
        raise PrivateAddressRefused(host, private)


def _refuse_private_sync(request: httpx2.Request) -> None:
    host = request.url.host
    infos = socket.getaddrinfo(host, _port(request.url), type=socket.SOCK_STREAM)
    private = first_private(str(info[4][0]) for info in infos)
    if private is not None:
        raise PrivateAddressRefused(host, private)


@functools.cache
def _tls() -> ssl.SSLContext:
    # Loading the CA bundle costs milliseconds; clients are made per connection, so share it.
    return ssl.create_default_context(cafile=certifi.where())


def model_http_clients(*, private_allowed: bool) -> dict[str, Any]:
    """Keyword arguments for ChatOpenAI: its sync and async httpx clients."""
    options: dict[str, Any] = {"follow_redirects": False, "verify": _tls(), "trust_env": True}
    async_hooks = {} if private_allowed else {"request": [_refuse_private_async]}
    sync_hooks = {} if private_allowed else {"request": [_refuse_private_sync]}
    return {
        "http_async_client": httpx2.AsyncClient(event_hooks=async_hooks, **options),
        "http_client": httpx2.Client(event_hooks=sync_hooks, **options),
    }


def refusal_in(exc: BaseException) -> PrivateAddressRefused | None:
    """The refusal behind a client error (the OpenAI client wraps it as a connection error)."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, PrivateAddressRefused):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None
