"""Chainlit routes that act on a live chat session by its id, held to "yours or not found".

``POST /project/action``, ``PUT``/``DELETE /project/element`` and ``POST``/``DELETE /mcp`` take
the session id from their JSON body; ``POST /project/file`` and ``GET /project/file/{id}`` from
the ``session_id`` query parameter. Chainlit looks the id up with ``WebsocketSession.get_by_id``
and then answers in ways that tell ids apart: an unknown id crashes the action, element and MCP
routes (500, a traceback in the log), uploads say 404 "Session not found", and someone else's
live session says 401. A malformed body gets a 422 listing the fields, or a 500 when the action
or element inside does not fit Chainlit's classes.

In front of those routes, for a signed-in caller, anything but the caller's own live session
with a well-formed body gets one answer, 404 "Session not found", before Chainlit runs.
Signed-out requests go on: Chainlit refuses them without looking at the session. Uploads are
judged from the query string alone; the file body is read only to discard it, never kept.

The element routes also write and delete the ``elements`` row named by the body's element id,
whoever's thread it is in: from one's own session, someone else's element could be overwritten
or deleted. An element must belong to the session's thread (the one it was shown in).
"""

from __future__ import annotations

import json
import re
from typing import Any

import jwt
from chainlit.action import Action
from chainlit.auth import decode_jwt
from chainlit.server import _sanitize_custom_element
from chainlit.session import WebsocketSession
from chainlit.types import (
    CallActionRequest,
    ConnectMCPRequest,
    DisconnectMCPRequest,
    ElementRequest,
)
from sqlalchemy import text
from starlette.datastructures import QueryParams
from starlette.requests import HTTPConnection
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant import runtime
from assistant.auth import request_token

# The models Chainlit's handlers read those bodies with.
REQUEST_MODELS = {
    ("POST", "/project/action"): CallActionRequest,
    ("PUT", "/project/element"): ElementRequest,
    ("DELETE", "/project/element"): ElementRequest,
    ("POST", "/mcp"): ConnectMCPRequest,
    ("DELETE", "/mcp"): DisconnectMCPRequest,
}
UPLOAD_ROUTE = ("POST", "/project/file")
SESSION_FILE_PREFIX = "/project/file/"  # GET /project/file/{file_id}?session_id=...
# The largest JSON body read: the Markdown editor saves up to 200,000 characters through an
# action, which JSON may escape to six bytes each.
MAX_JSON_BYTES = 4 * 1024 * 1024

NOT_FOUND_STATUS = 404
NOT_FOUND_BODY = {"detail": "Session not found"}
# The form PostgreSQL's uuid columns hold (uuid.UUID also accepts braces and "urn:uuid:").
CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _route_path(scope: Scope) -> str:
    """The path as Starlette's router matches it (without the app's root path)."""
    path: str = scope["path"]
    root = scope.get("root_path", "")
    if root and path.startswith(root + "/"):
        return path[len(root):]
    return path


def _caller(scope: Scope) -> str | None:
    """The identifier Chainlit's ``get_current_user`` would give this request, if any."""
    token = request_token(HTTPConnection(scope))
    if not token:
        return None
    try:
        return decode_jwt(token).identifier
    except (jwt.InvalidTokenError, TypeError, ValueError):
        return None


def _callers_session(session_id: object, identifier: str) -> WebsocketSession | None:
    """The live session of that id when it is the caller's, else None (unknown or not theirs)."""
    if not isinstance(session_id, str):
        return None
    session = WebsocketSession.get_by_id(session_id)
    user = session.user if session is not None else None
    return session if user is not None and user.identifier == identifier else None


def _single_query_value(scope: Scope, name: str) -> str | None:
    values = QueryParams(scope.get("query_string", b"")).getlist(name)
    return values[0] if len(values) == 1 else None


def _fits_chainlit(route: tuple[str, str], body: dict[str, Any]) -> bool:
    """Whether Chainlit's handler can read this body and build what it builds without crashing."""
    try:
        REQUEST_MODELS[route].model_validate(body)
    except ValueError:  # pydantic's ValidationError
        return False
    try:
        if route[1] == "/project/action":
            Action(**body["action"])
        elif route[1] == "/project/element":
            element = body["element"]
            if not isinstance(element.get("type"), str):
                return False
            if element["type"] == "custom":
                _sanitize_custom_element(element)
    except (KeyError, TypeError, ValueError):
        return False
    return True


def _is_uuid(value: object) -> bool:
    return isinstance(value, str) and CANONICAL_UUID.fullmatch(value) is not None


async def _element_in_session(element: dict[str, Any], session: WebsocketSession) -> bool:
    """A custom element names the session's thread, and its id is new or already there."""
    if element["type"] != "custom":
        return True  # Chainlit answers {"success": false} and touches nothing
    for_id = element.get("forId")
    if not _is_uuid(element.get("id")) or (for_id and not _is_uuid(for_id)):
        return False
    if (element.get("threadId") or "") != session.thread_id:
        return False
    async with runtime.session_factory()() as db:
        stored_in = await db.scalar(
            text('SELECT "threadId" FROM elements WHERE "id" = CAST(:id AS uuid)'),
            {"id": element["id"]},
        )
    return stored_in is None or str(stored_in) == session.thread_id


async def _read_json(receive: Receive, limit: int) -> tuple[bytes | None, bool]:
    """The whole body up to ``limit`` bytes; (None, False) when too big, (None, True) when the
    client left."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None, True
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None, False
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks), False


async def _discard_body(receive: Receive, limit: int) -> None:
    """Read and drop a refused request's body (up to ``limit``) so the connection stays usable."""
    size = 0
    while size <= limit:
        message = await receive()
        if message["type"] == "http.disconnect":
            return
        size += len(message.get("body", b""))
        if not message.get("more_body", False):
            return


class SessionRouteGuard:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        route = (scope["method"], _route_path(scope))
        guarded_get = route[0] == "GET" and route[1].startswith(SESSION_FILE_PREFIX)
        if route not in REQUEST_MODELS and route != UPLOAD_ROUTE and not guarded_get:
            await self.app(scope, receive, send)
            return
        identifier = _caller(scope)
        if identifier is None:
            await self.app(scope, receive, send)  # Chainlit refuses it before any lookup
            return

        if route in REQUEST_MODELS:
            body, gone = await _read_json(receive, MAX_JSON_BYTES)
            if gone:
                return
            if body is not None and await self._json_is_fine(route, body, identifier):
                await self.app(scope, _replay(body, receive), send)
                return
        else:
            if _callers_session(_single_query_value(scope, "session_id"), identifier):
                await self.app(scope, receive, send)
                return
            if route == UPLOAD_ROUTE:
                limit = runtime.settings().max_upload_mb * 1024 * 1024 + 1024 * 1024
                await _discard_body(receive, limit)
        await JSONResponse(NOT_FOUND_BODY, status_code=NOT_FOUND_STATUS)(scope, receive, send)

    @staticmethod
    async def _json_is_fine(route: tuple[str, str], body: bytes, identifier: str) -> bool:
        try:
            payload = json.loads(body)
        except ValueError:  # also bad UTF-8
            return False
        if not isinstance(payload, dict):
            return False
        session = _callers_session(payload.get("sessionId"), identifier)
        if session is None or not _fits_chainlit(route, payload):
            return False
        if route[1] == "/project/element":
            return await _element_in_session(payload["element"], session)
        return True


def _replay(body: bytes, receive: Receive) -> Receive:
    """The body already read, then whatever the client sends next (its disconnect)."""
    pending: list[Message] = [{"type": "http.request", "body": body, "more_body": False}]

    async def replayed() -> Message:
        return pending.pop() if pending else await receive()

    return replayed
