"""Which origins count as this app's own, and whether a request says it came from another one.

This app's own origin is the address the request was sent to (``scheme://Host``, plus
``https://Host`` for a TLS proxy in front of a plain-HTTP instance) and, when set, the origin of
``TAILOR_PUBLIC_URL`` (a proxy that rewrites the Host header). Nothing else is trusted:
SameSite=Lax cookies are still sent from another port or subdomain of the same site, and a
``CHAINLIT_COOKIE_SAMESITE=none`` deployment sends them from anywhere.

A browser marks where a request comes from in headers a page cannot set: ``Sec-Fetch-Site``
(current browsers, but not on WebSocket handshakes) and ``Origin`` (every POST and WebSocket
handshake; ``Referer`` as a fallback). A request with none of them is not a browser being
steered by another site (curl, the tests' clients), so it is not refused for its origin.

Two questions: may a request *act* (a post, a chat connection: ``is_cross_origin``), and may it
*load* something into another site's page (a fetch, an image, a frame: ``is_cross_origin_load``;
following a link from another site is a top-level navigation and always allowed).
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.types import Scope

DEFAULT_PORTS = {"http": 80, "https": 443}
# The WebSocket scope says ws/wss where a page's origin says http/https.
PAGE_SCHEMES = {"ws": "http", "wss": "https", "http": "http", "https": "https"}
# Sec-Fetch-Site values that mean "not this origin" ("same-site" is another port or subdomain).
FOREIGN_FETCH_SITES = frozenset({"cross-site", "same-site"})
# A navigation into one of these puts this app inside another site's page (clickjacking).
EMBEDDING_DESTS = frozenset({"iframe", "frame", "object", "embed", "fencedframe"})


def origin_of(url: str | None) -> str | None:
    """``scheme://host[:port]`` of an http(s) URL, lower-case and without a default port."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if scheme not in DEFAULT_PORTS or not host:
        return None
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    if port is not None and port != DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    return f"{scheme}://{host}"


def configured_origins(public_url: str | None) -> list[str]:
    """The origins allowed whatever the request's Host: TAILOR_PUBLIC_URL's, when set."""
    origin = origin_of(public_url)
    return [origin] if origin else []


def own_origins(scope: Scope, public_url: str | None) -> set[str]:
    headers = Headers(scope=scope)
    host = headers.get("host")
    if not host and scope.get("server"):
        server_host, server_port = scope["server"]
        host = f"{server_host}:{server_port}" if server_port else str(server_host)
    scheme = PAGE_SCHEMES.get(str(scope.get("scheme", "http")).lower(), "http")
    candidates: Iterable[str | None] = (
        (origin_of(f"{scheme}://{host}"), origin_of(f"https://{host}")) if host else ()
    )
    return {origin for origin in candidates if origin} | set(configured_origins(public_url))


def is_cross_origin(scope: Scope, public_url: str | None) -> bool:
    """True when the browser says this request was made by a page of another origin."""
    headers = Headers(scope=scope)
    fetch_site = headers.get("sec-fetch-site", "").lower()
    if fetch_site:
        # The browser's own verdict; also right behind a proxy that rewrites Host.
        return fetch_site in FOREIGN_FETCH_SITES
    claimed = headers.get("origin")
    if claimed is None:
        claimed = headers.get("referer")
        if claimed is None:
            return False  # not a browser page: nobody is being tricked
    # "null": a sandboxed frame, a data: URL or a file; never this app's own page.
    return origin_of(claimed) not in own_origins(scope, public_url)


def is_cross_origin_load(scope: Scope, public_url: str | None) -> bool:
    """True when a page of another origin fetches, embeds or frames this URL.

    A link followed from another site (an email, a search result) is a top-level navigation
    and is not refused. Without Fetch Metadata only a CORS request says where it comes from
    (``Origin``); an older browser's other loads are opaque to the page that made them.
    """
    headers = Headers(scope=scope)
    fetch_site = headers.get("sec-fetch-site", "").lower()
    if fetch_site:
        if fetch_site not in FOREIGN_FETCH_SITES:
            return False
        navigation = headers.get("sec-fetch-mode", "").lower() == "navigate"
        return not navigation or headers.get("sec-fetch-dest", "").lower() in EMBEDDING_DESTS
    claimed = headers.get("origin")
    return claimed is not None and origin_of(claimed) not in own_origins(scope, public_url)
