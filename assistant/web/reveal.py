"""``/reveal/{id}``: a temporary password, once, to the admin who made it, within 15 minutes.

The same 404 for a used, expired, unknown or someone else's link, so the answer never says
whether a secret exists.
"""

from __future__ import annotations

from html import escape

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from assistant import runtime
from assistant.auth import account_for_token, request_token
from assistant.web.pages import page
from core.errors import UserFacingError
from workflows.accounts.one_time_reveal import reveal

router = APIRouter()

GONE = (
    "This link does not open (any more). A temporary password link works once, only for the "
    "administrator who made it, for 15 minutes. Reset the password again for a new link."
)


@router.get("/reveal/{secret_id}")
async def reveal_secret(secret_id: str, request: Request) -> Response:
    account = await account_for_token(request_token(request))
    if account is None:
        return page("Sign in", "<h1>Sign in first</h1><p>Sign in as the administrator who made "
                    "this link, then open it again.</p>", status_code=401)
    try:
        revealed = await reveal(runtime.session_factory(), secret_id, account.id)
    except UserFacingError as error:
        return page("Cannot be read", f"<h1>Cannot be read</h1><p>{escape(error.message)}</p>",
                    status_code=410)
    if revealed is None:
        return page("Link not valid", f"<h1>Link not valid</h1><p>{escape(GONE)}</p>",
                    status_code=404)
    body = (
        f"<h1>Temporary password for {escape(revealed.username)}</h1>"
        f"<p class='notice'><code id='secret'>{escape(revealed.secret)}</code></p>"
        "<p>Give it to them privately. They must choose their own password when they sign in. "
        "This page cannot be opened again.</p>"
    )
    return page("Temporary password", body)
