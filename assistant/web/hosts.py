"""Only requests addressed to this instance by a name it answers to are served (DNS rebinding).

A page at ``http://rebind.attacker.example`` whose name is then made to resolve to 127.0.0.1
talks to a local instance as its own origin: the browser sends ``Host`` and ``Origin`` both
naming the attacker, so an origin check that trusts the Host header sees a same-origin page,
and on a fresh instance the attacker's page could create the first administrator via /setup.

So the Host header must name the configured public address (``TAILOR_PUBLIC_URL``), a loopback
name or address, or the address the server was told to listen on (``TAILOR_HOST``, unless it is
a wildcard such as 0.0.0.0). Anything else gets a 400 that says what to configure. A request
without a Host header is not a browser's and is left alone.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send
from starlette.websockets import WebSocketClose

from assistant import runtime

LOOPBACK_NAMES = frozenset({"localhost", "localhost.", "ip6-localhost", "ip6-loopback"})
UNKNOWN_HOST = (
    "This Tailor instance does not answer to the address '{host}'. Open it at {known}, or, if "
    "this is its address, set TAILOR_PUBLIC_URL to it."
)


def host_name(host_header: str) -> str | None:
    """The lower-case name or address in a Host header (no port, no IPv6 brackets)."""
    try:
        name = urlsplit(f"//{host_header.strip()}").hostname
    except ValueError:
        return None
    return name.lower() if name else None


def is_loopback(name: str) -> bool:
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def allowed_host_names(public_url: str | None, bind_host: str | None) -> frozenset[str]:
    """The names besides loopback ones this instance answers to."""
    names: set[str] = set()
    if public_url and (name := host_name(urlsplit(public_url.strip()).netloc)):
        names.add(name)
    if bind_host and (name := host_name(bind_host)):
        try:
            wildcard = ipaddress.ip_address(name).is_unspecified
        except ValueError:
            wildcard = False
        if not wildcard:
            names.add(name)
    return frozenset(names)


def is_allowed_host(host_header: str | None, allowed: frozenset[str]) -> bool:
    if host_header is None:
        return True
    name = host_name(host_header)
    return name is not None and (is_loopback(name) or name in allowed)


class HostGuard:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        settings = runtime.settings()
        self.allowed = allowed_host_names(settings.public_url, settings.host)
        self.known = settings.public_url or "its local address (localhost or 127.0.0.1)"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            host = Headers(scope=scope).get("host")
            if not is_allowed_host(host, self.allowed):
                shown = (host or "")[:100]
                refusal = (
                    WebSocketClose(code=1008, reason="Unknown Host")
                    if scope["type"] == "websocket"
                    else PlainTextResponse(
                        UNKNOWN_HOST.format(host=shown, known=self.known), status_code=400
                    )
                )
                await refusal(scope, receive, send)
                return
        await self.app(scope, receive, send)
