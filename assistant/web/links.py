"""What emailed links have in common: the refusal pages, the sign-in hint, the client's address.

``GET /auth/self-service`` tells the sign-in page (``public/self-service.js``) which links to
show, so "Create an account" and "Forgot password?" appear only when they can work.
"""

from __future__ import annotations

from html import escape

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from assistant import runtime
from assistant.web import pages
from db.tokens import LinkRefusal

router = APIRouter()
SELF_SERVICE_PATH = "/auth/self-service"

_REFUSALS = {
    LinkRefusal.UNKNOWN: (
        "This link does not work",
        "The link is incomplete, was changed, or a newer link (or a password change) replaced "
        "it. Copy the whole link from the newest email, or ask for a new one.",
    ),
    LinkRefusal.EXPIRED: (
        "This link has expired",
        "Links from our emails work for a limited time (24 hours to confirm an address, 1 hour "
        "to reset a password). Ask for a new one.",
    ),
    LinkRefusal.USED: (
        "This link was already used",
        "Each link works once. If you already chose a password, sign in with it; otherwise ask "
        "for a new link.",
    ),
}


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def refusal_page(refusal: LinkRefusal, *, again_path: str, again_label: str) -> Response:
    title, explanation = _REFUSALS[refusal]
    body = (
        f"<h1>{escape(title)}</h1><p>{escape(explanation)}</p>"
        f"<p><a href='{again_path}'>{escape(again_label)}</a> · <a href='/login'>Sign in</a></p>"
    )
    # 410 Gone for a link that worked once; 400 for one that never could.
    status = 400 if refusal is LinkRefusal.UNKNOWN else 410
    return pages.page(title, body, status_code=status)


def not_offered() -> Response:
    return pages.page("Not found", "<h1>Not found</h1>", status_code=404)


@router.get(SELF_SERVICE_PATH)
async def self_service() -> JSONResponse:
    settings = runtime.settings()
    return JSONResponse(
        {"signup": settings.signup_enabled, "reset": settings.mail_enabled},
        headers={"Cache-Control": "no-store"},
    )
