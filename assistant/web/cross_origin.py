"""No page of another origin reads a person's data, opens their chat or sends forms as them.

Chainlit, as shipped, let any website do all three with a signed-in person's browser:

- ``allow_origins = ["*"]`` goes to Starlette's CORSMiddleware with ``allow_credentials=True``,
  which then echoes *any* ``Origin`` with ``Access-Control-Allow-Credentials: true``: a
  credentialed ``fetch`` from any page could read ``/user``, the thread list, every thread and
  every file, and pass the preflight of ``PUT``/``DELETE`` calls (rename, delete a thread).
- its socket.io server is created with ``cors_allowed_origins=[]``, which turns engine.io's
  Origin check off: any page could open the chat socket with the person's cookie and chat,
  list and export as them.
- ``POST /login``, ``/logout`` and ``/auth/jwt`` check no origin: a page could sign the person
  into the attacker's account (their next resume lands there) or sign them out.

SameSite=Lax on the cookie does not stop another port or subdomain of the same site, and a
``CHAINLIT_COOKIE_SAMESITE=none`` deployment sends it everywhere. So, at start-up:

- CORS answers only TAILOR_PUBLIC_URL's origin (Chainlit's ``allow_origins`` is replaced, see
  ``.chainlit/config.toml``); the app's own pages are same-origin and need no CORS at all.
- ``CrossOriginGuard`` refuses, with 403, every state-changing request (any method but
  GET/HEAD/OPTIONS), every socket.io request and every WebSocket handshake that the browser
  marks as coming from another origin (``assistant/web/origins.py``), whatever the route: a
  route added later is covered without doing anything. Chainlit's OAuth ``form_post`` callback
  would legitimately come from another site; Tailor configures no OAuth.
- It also refuses another origin's page fetching, embedding or framing anything but static
  assets, so a personal answer is not even produced for it (no reliance on CORS alone, and no
  "did it load" side channel); following a link from elsewhere still works.
"""

from __future__ import annotations

import logging

from chainlit.config import config
from fastapi import FastAPI
from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from starlette.websockets import WebSocketClose

from assistant import runtime
from assistant.web import pages
from assistant.web.origins import configured_origins, is_cross_origin, is_cross_origin_load

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SOCKET_PATH = "/ws/socket.io"
# The same for everyone and loaded by the app's own pages only; nothing personal.
STATIC_PREFIXES = ("/assets/", "/public/", "/avatars/", "/favicon", "/logo")
# Refused origins already logged (bounded: the Origin header is the sender's to choose).
MAX_LOGGED_ORIGINS = 100
logger = logging.getLogger(__name__)
REFUSED = "Refused: this request was sent from another site's page."


def restrict_cors(app: FastAPI) -> list[str]:
    """Replace Chainlit's CORS middleware by one that allows only the configured public URL."""
    allowed = configured_origins(runtime.settings().public_url)
    config.project.allow_origins = list(allowed)
    app.user_middleware[:] = [
        Middleware(
            CORSMiddleware,
            allow_origins=allowed,
            # Only meaningful for an allowed origin; with none, say nothing about credentials.
            allow_credentials=bool(allowed),
            allow_methods=["*"],
            allow_headers=["*"],
        )
        if entry.cls is CORSMiddleware
        else entry
        for entry in app.user_middleware
    ]
    return allowed


class CrossOriginGuard:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.public_url = runtime.settings().public_url
        self._logged: set[str] = set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self._refused(scope):
            self._log_once(scope)
            await self._refusal(scope)(scope, receive, send)
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_unframeable(message: Message) -> None:
            # Browsers without Sec-Fetch-* headers would still let another site frame the app
            # (clickjacking the Delete buttons); these two headers stop old and new ones alike.
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Frame-Options", "DENY")
                headers.setdefault("Content-Security-Policy", "frame-ancestors 'none'")
            await send(message)

        await self.app(scope, receive, send_unframeable)

    def _log_once(self, scope: Scope) -> None:
        """Say once per origin what was refused: an attack, or a proxy that changes the Host
        header (browsers send no Sec-Fetch-Site on WebSocket handshakes, so only Origin tells)."""
        headers = Headers(scope=scope)
        origin = headers.get("origin") or headers.get("sec-fetch-site") or "?"
        if origin in self._logged or len(self._logged) >= MAX_LOGGED_ORIGINS:
            return
        self._logged.add(origin)
        logger.warning(
            "Refused a request from another origin (%s) to %s; this instance answers to %s. "
            "Behind a proxy that changes the Host header, set TAILOR_PUBLIC_URL.",
            origin[:200], scope.get("path", "?"), headers.get("host", "?")[:200],
        )

    def _refused(self, scope: Scope) -> bool:
        if scope["type"] == "websocket":
            return is_cross_origin(scope, self.public_url)
        if scope["type"] != "http":
            return False
        method, path = scope["method"], scope["path"]
        if method not in SAFE_METHODS or path.startswith(SOCKET_PATH):
            return is_cross_origin(scope, self.public_url)
        if method == "OPTIONS" or path.startswith(STATIC_PREFIXES):
            return False  # a CORS preflight: CORSMiddleware answers it (and allows no stranger)
        return is_cross_origin_load(scope, self.public_url)

    @staticmethod
    def _refusal(scope: Scope) -> Response | WebSocketClose:
        if scope["type"] == "websocket":
            return WebSocketClose(code=1008, reason=REFUSED)
        if "text/html" in Headers(scope=scope).get("accept", ""):
            return pages.cross_site_refusal()
        return JSONResponse({"detail": REFUSED}, status_code=403)
