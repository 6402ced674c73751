"""Sign-in around Chainlit's own ``POST /login``, plus the sign-in page's error texts.

Chainlit's password callback receives only ``(username, password)`` and any failure becomes the
fixed error code ``credentialssignin``. This route runs Chainlit's login unchanged but first
hands the callback the client's address (lockout counts per address too), and afterwards turns a
lockout into its own error code. The login page shows an error code through its translation
table (``auth.login.errors.<code>``), so ``/project/translations`` adds texts for our codes.
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

LOCKED_CODE = "accountLocked"
# Chainlit's own check for the language parameter, which names a file.
LANGUAGE_PATTERN = r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,4})?(-[a-zA-Z0-9]{2,8})?(-x-[a-zA-Z0-9]{1,8})?$"
WRONG_CREDENTIALS_CODE = "credentialssignin"


def login_error_texts(lockout_minutes: int) -> dict[str, str]:
    return {
        WRONG_CREDENTIALS_CODE: "Wrong username or password. Check them and try again.",
        LOCKED_CODE: (
            "Too many failed sign-in attempts: signing in is locked for up to "
            f"{lockout_minutes} minutes. Wait and try again, or ask an administrator to reset "
            "your password."
        ),
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
        if error.status_code == 401 and attempt.locked:
            raise HTTPException(status_code=401, detail=LOCKED_CODE) from error
        raise
    finally:
        current_login_attempt.reset(reset)


@router.get("/project/translations")
async def translations(
    language: str = Query(default="en-US", pattern=LANGUAGE_PATTERN),
) -> JSONResponse:
    table = config.load_translation(config.ui.language or language)
    errors = table.setdefault("auth", {}).setdefault("login", {}).setdefault("errors", {})
    errors.update(login_error_texts(runtime.settings().login_lockout_minutes))
    return JSONResponse({"translation": table})
