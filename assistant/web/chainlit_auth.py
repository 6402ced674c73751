"""Every place Chainlit turns a token into a person goes through our check, not only the gate.

Chainlit resolves the person in three places, each with its own reading of the request and no
idea that a token can be revoked:

- HTTP routes depend on ``get_current_user``, which reads the token with
  ``OAuth2PasswordBearerWithCookie`` (Starlette's merged cookies, else the Bearer header) and
  trusts any correctly signed one (``authenticate_user``), finding the person by *username*;
- the chat socket's ``connect`` reads the ``Cookie`` string engine.io joined from every Cookie
  header (``_authenticate_connection``);
- ``POST /auth/jwt`` re-signs whatever Bearer token it is given for another 15 days.

Each is replaced so that the token comes from ``assistant.credentials`` (ambiguous credentials
give no token) and counts only while ``account_for_token`` accepts it. ``POST /logout`` also
ends the session server-side: clearing a cookie does not stop a copy of the token.
"""

from __future__ import annotations

from typing import Any

import chainlit.auth
import chainlit.socket
from chainlit.auth import OAuth2PasswordBearerWithCookie, get_current_user, set_auth_cookie
from chainlit.server import logout as chainlit_logout
from fastapi import APIRouter, HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from assistant import runtime
from assistant.auth import SESSION_ENDED, account_for_token, issue_token
from assistant.credentials import AMBIGUOUS, read_credentials
from db.accounts import bump_session_version

router = APIRouter()
NO_BEARER = "Send the token to refresh as 'Authorization: Bearer <token>'."


async def _token_or_refusal(_self: object, request: Request) -> str | None:
    """Chainlit's token dependency, reading the request our way (FastAPI reads this signature:
    ``request`` must stay annotated)."""
    credentials = read_credentials(request.scope["headers"])
    if credentials.ambiguous:
        raise HTTPException(status_code=401, detail=AMBIGUOUS)
    return credentials.token


def _checked(original: Any) -> Any:
    async def authenticate_user(token: str | None) -> Any:
        if await account_for_token(token) is None:
            raise HTTPException(status_code=401, detail=SESSION_ENDED)
        return await original(token)

    authenticate_user.__wrapped__ = original  # type: ignore[attr-defined]
    return authenticate_user


async def _socket_user(environ: dict[str, Any]) -> tuple[Any, str] | tuple[None, None]:
    """The socket's person from the handshake's raw headers, not engine.io's joined string."""
    credentials = read_credentials(environ["asgi.scope"]["headers"])
    if credentials.token is None:
        return None, None
    try:
        user = await get_current_user(token=credentials.token)
    except HTTPException:
        return None, None  # Chainlit then refuses the connection as unauthenticated
    return (user, credentials.token) if user else (None, None)


def guard_chainlit_sign_in() -> None:
    """Route Chainlit's three token readers through our check (idempotent)."""
    if not hasattr(chainlit.auth.authenticate_user, "__wrapped__"):
        # get_current_user looks this name up in its module at call time.
        chainlit.auth.authenticate_user = _checked(chainlit.auth.authenticate_user)
    # FastAPI calls the dependency instance, which calls its class's __call__.
    OAuth2PasswordBearerWithCookie.__call__ = _token_or_refusal  # type: ignore[method-assign]
    chainlit.socket._authenticate_connection = _socket_user


@router.post("/auth/jwt")
async def refresh_token(request: Request) -> Response:
    """A fresh token for the account behind a token that still counts, as the account is now."""
    credentials = read_credentials(request.scope["headers"])
    if credentials.ambiguous:
        raise HTTPException(status_code=401, detail=AMBIGUOUS)
    scheme, _, bearer = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not bearer.strip():
        raise HTTPException(status_code=401, detail=NO_BEARER)
    account = await account_for_token(bearer.strip())
    if account is None:
        raise HTTPException(status_code=401, detail=SESSION_ENDED)
    response = JSONResponse({"success": True})
    set_auth_cookie(request, response, issue_token(account))
    return response


@router.post("/logout")
async def logout(request: Request, response: Response) -> Any:
    """Sign out: this token, and every other one of the account, stops counting now.

    Every tab of a browser shares the one cookie, so a per-token revocation would end them all
    anyway; other devices end too (the session version is bumped), which is also what a person
    who signs out because they fear a copied token needs.
    """
    account = await account_for_token(read_credentials(request.scope["headers"]).token)
    if account is not None:
        async with runtime.session_scope() as session:
            await bump_session_version(session, account.id)
    return await chainlit_logout(request, response)
