"""``/files/{id}``: a stored file, to its owner only.

401 when nobody (or a revoked session) is signed in; 404 both for a missing file and for someone
else's, so the answer never reveals that another person's file exists.
"""

from __future__ import annotations

import uuid
from urllib.parse import quote

from fastapi import APIRouter
from sqlalchemy import select
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from assistant import runtime
from assistant.auth import account_for_token, request_token
from db.models import StoredFile

router = APIRouter()

# Types a browser may show in the page; anything else (HTML, SVG, scripts) is a download, so a
# stored file can never run script on this origin.
INLINE_TYPES = frozenset(
    {"application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp", "text/plain"}
)


@router.get("/files/{file_id}")
async def serve_file(file_id: str, request: Request) -> Response:
    account = await account_for_token(request_token(request))
    if account is None:
        return JSONResponse({"detail": "Sign in to see this file."}, status_code=401)
    not_found = JSONResponse({"detail": "File not found."}, status_code=404)
    try:
        key = uuid.UUID(file_id)
    except ValueError:
        return not_found
    async with runtime.session_factory()() as session:
        stored = await session.scalar(
            select(StoredFile).where(StoredFile.id == key, StoredFile.owner_id == account.id)
        )
    if stored is None:
        return not_found
    disposition = "inline" if stored.mime in INLINE_TYPES else "attachment"
    headers = {
        "Content-Disposition": f"{disposition}; filename*=UTF-8''{quote(stored.name)}",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
    }
    return Response(stored.content, media_type=stored.mime, headers=headers)
