"""Thread sharing is off in Tailor, for everyone, whatever a request asks.

Chainlit ships two routes for it even when ``features.allow_thread_sharing`` is off (the flag only
hides the button): ``PUT /project/thread/share`` marked one's own thread as shared and
``GET /project/share/{thread_id}`` then showed it to anyone, signed in or not. A conversation
holds a resume, i.e. personal data: these routes answer 404 here, ahead of Chainlit's.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

router = APIRouter()

SHARING_OFF = "Sharing conversations is turned off on Tailor."
# Every sharing route Chainlit has; tests/security/test_http_ownership.py fails on a new one.
SHARING_ROUTES = (("PUT", "/project/thread/share"), ("GET", "/project/share/{thread_id}"))


async def _sharing_is_off() -> JSONResponse:
    return JSONResponse(status_code=404, content={"detail": SHARING_OFF})


for _method, _path in SHARING_ROUTES:
    router.add_api_route(_path, _sharing_is_off, methods=[_method], include_in_schema=False)
