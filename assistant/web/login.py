"""Sign-in around Chainlit's own ``POST /login``, plus the sign-in page's error texts.

Chainlit's password callback receives only ``(username, password)`` and any failure becomes a
401. This route runs Chainlit's login unchanged but first hands the callback the client's
address (lockout counts per account and address pair, per address, and a back-off per account
that spares addresses the account signed in from before), and afterwards turns a lockout into
a 429 whose detail is the lockout message.

Chainlit's login page ignores the response body: it looks the HTTP status text up in its
translation table (``auth.login.errors.<status text>``) and otherwise shows "Unable to sign in".
So ``/project/translations`` adds texts under the status texts of 401 and 429, which is how a
person sees that they are locked out rather than mistyped.
"""

from __future__ import annotations

from chainlit.config import config
from chainlit.server import login as chainlit_login
from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.security import OAuth2PasswordRequestForm
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from assistant import runtime
from assistant.auth import LoginAttempt, current_login_attempt

router = APIRouter()

# Chainlit's own check for the language parameter, which names a file.
LANGUAGE_PATTERN = r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,4})?(-[a-zA-Z0-9]{2,8})?(-x-[a-zA-Z0-9]{1,8})?$"
WRONG_CREDENTIALS_TEXT = "Wrong username or password. Check them and try again."


def login_error_texts(lockout_minutes: int) -> dict[str, str]:
    """Sign-in page texts keyed by the status texts the page looks up (both spellings it tries)."""
    # One text for every kind of lock (the page cannot show the response's own detail).
    locked = (
        "Too many failed sign-in attempts, from your address or for this account from many "
        f"addresses: signing in from here is paused for up to {lockout_minutes} minutes. A "
        "device or network you signed in from before is not held back by other people's "
        "attempts. Wait and try again, or ask an administrator to reset your password."
    )
    return {
        "Unauthorized": WRONG_CREDENTIALS_TEXT,
        "unauthorized": WRONG_CREDENTIALS_TEXT,
        "Too Many Requests": locked,
        "too many requests": locked,
    }


@router.post("/login")
async def login(
    request: Request,
    response: Response,
    form_data: OAuth2PasswordRequestForm = Depends(),  # noqa: B008 - FastAPI's idiom
) -> Response:
    attempt = LoginAttempt(client_address=request.client.host if request.client else "unknown")
    reset = current_login_attempt.set(attempt)
    try:
        return await chainlit_login(request, response, form_data)
    except HTTPException as error:
        if error.status_code == 401 and attempt.locked and attempt.outcome is not None:
            raise HTTPException(status_code=429, detail=attempt.outcome.message) from error
        raise
    finally:
        current_login_attempt.reset(reset)


@router.get("/project/translations")
async def translations(
    language: str = Query(default="en-US", pattern=LANGUAGE_PATTERN),
) -> JSONResponse:
    table = config.load_translation(config.ui.language or language)
    login_texts = table.setdefault("auth", {}).setdefault("login", {})
    login_texts.setdefault("errors", {}).update(
        login_error_texts(runtime.settings().login_lockout_minutes)
    )
    # Accounts have usernames, not e-mail addresses.
    login_texts.setdefault("form", {})["email"] = {
        "label": "Username",
        "required": "Enter your username.",
        "placeholder": "your username",
    }
    return JSONResponse({"translation": table})
