"""ASGI middleware in front of every request: where a person may go, and whether a token counts.

- No account yet: every page navigation goes to ``/setup``.
- A token whose account is gone, disabled or signed out (session version bumped), a token that
  does not verify, or credentials that could be read as more than one token
  (``assistant.credentials``): page navigations go to ``/login`` with the cookie cleared; API
  calls get 401; the chat socket is closed. Chainlit alone would accept such a token for 15 days,
  and would read its own token where the gate saw none. Chainlit's own readers are replaced by
  the same check too (``assistant.web.chainlit_auth``), so nothing here is the only line.
- An account that must change its password: page navigations go to ``/account/password``.
"""

from __future__ import annotations

from chainlit.auth import clear_auth_cookie
from starlette.requests import HTTPConnection
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send
from starlette.websockets import WebSocketClose

from assistant import runtime
from assistant.auth import SESSION_ENDED, account_for_token
from assistant.credentials import AMBIGUOUS, read_credentials
from db.accounts import count_accounts

SETUP_PATH = "/setup"
PASSWORD_PATH = "/account/password"
LOGIN_PATH = "/login"

# Static assets, health checks and the pages that run before or outside a session.
OPEN_PATHS = frozenset(
    {
        "/favicon",
        "/logo",
        "/health",
        "/auth/config",
        "/project/translations",
        SETUP_PATH,
        PASSWORD_PATH,
        # Self-service accounts: used signed out, or by someone whose session just ended.
        "/signup",
        "/account/verify",
        "/account/forgot",
        "/account/reset",
        "/auth/self-service",
    }
)
OPEN_PREFIXES = ("/assets/", "/public/", "/avatars/")
# Signing in and out must work whatever stale cookie the browser still holds.
OPEN_POSTS = ("/login", "/logout")


def is_page_navigation(connection: HTTPConnection, method: str) -> bool:
    """A browser loading a page (Chainlit answers every unknown GET with its app page)."""
    if method not in ("GET", "HEAD"):
        return False
    path = connection.url.path
    if path == "/user" or path.startswith(("/project/", "/ws/", "/files/", "/auth/")):
        return False
    return "text/html" in connection.headers.get("accept", "")


class AccessGate:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        # Accounts are never all deleted in normal use; once one exists, stop asking.
        self._accounts_exist = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            refusal = await self._refusal(scope)
            if refusal is not None:
                await refusal(scope, receive, send)
                return
        await self.app(scope, receive, send)

    async def _refusal(self, scope: Scope) -> Response | WebSocketClose | None:
        connection = HTTPConnection(scope)
        method = scope.get("method", "GET")
        path = connection.url.path
        navigation = scope["type"] == "http" and is_page_navigation(connection, method)

        if navigation and path != SETUP_PATH and not await self._has_accounts():
            return RedirectResponse(SETUP_PATH, status_code=303)
        if path in OPEN_PATHS or path.startswith(OPEN_PREFIXES):
            return None
        if method == "POST" and path in OPEN_POSTS:
            return None

        credentials = read_credentials(scope["headers"])
        if not credentials.ambiguous and credentials.token is None:
            return None  # signed out: Chainlit's own checks refuse what needs a person
        account = None if credentials.ambiguous else await account_for_token(credentials.token)
        if account is None:
            reason = AMBIGUOUS if credentials.ambiguous else SESSION_ENDED
            if scope["type"] == "websocket":
                return WebSocketClose(code=1008, reason=reason)
            if navigation and credentials.ambiguous and path == LOGIN_PATH:
                # Clearing cannot reach a second cookie set on another path or domain; sending
                # the sign-in page back to itself would loop. Its API calls are refused anyway.
                return None
            if navigation:
                target = path if path == LOGIN_PATH else LOGIN_PATH
                response: Response = RedirectResponse(target, status_code=303)
                clear_auth_cookie(connection, response)  # type: ignore[arg-type]
                return response
            return JSONResponse({"detail": reason}, status_code=401)
        if navigation and account.must_change_password:
            return RedirectResponse(PASSWORD_PATH, status_code=303)
        return None

    async def _has_accounts(self) -> bool:
        if not self._accounts_exist:
            async with runtime.session_factory()() as session:
                self._accounts_exist = await count_accounts(session) > 0
        return self._accounts_exist
