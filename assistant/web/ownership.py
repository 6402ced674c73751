"""Chainlit routes that act on a thread or message by id, held to "yours or not found".

Chainlit's feedback routes write and delete by whatever ids the client sends, with no check of
whose message it is: anyone signed in could rate, overwrite or delete another person's
feedback. Its thread routes answer 401 for someone else's thread and 404 for an unknown one,
which tells a prober which ids exist. Ours answer 404 "not found" in both cases.
"""

from __future__ import annotations

from typing import Annotated

import chainlit.server
from chainlit.auth import get_current_user
from chainlit.data import get_data_layer
from chainlit.types import DeleteFeedbackRequest, UpdateFeedbackRequest
from chainlit.user import PersistedUser, User
from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import JSONResponse

from assistant.datalayer import TailorDataLayer, is_uuid

router = APIRouter()
CurrentUser = Annotated[User | PersistedUser, Depends(get_current_user)]

_STEP_THREAD = ('SELECT t."id" AS thread_id, t."userIdentifier" AS owner FROM steps s '
                'JOIN threads t ON t."id" = s."threadId" WHERE s."id" = :id')
_FEEDBACK_OWNER = ('SELECT t."userIdentifier" AS owner FROM feedbacks f '
                   'JOIN steps s ON s."id" = f."forId" JOIN threads t ON t."id" = s."threadId" '
                   'WHERE f."id" = :id')


def _layer() -> TailorDataLayer:
    layer = get_data_layer()
    if not isinstance(layer, TailorDataLayer):
        raise RuntimeError("the Tailor data layer is not registered")
    return layer


async def _row(query: str, record_id: str | None) -> dict | None:
    if not is_uuid(record_id):
        return None
    rows = await _layer().execute_sql(query, {"id": record_id})
    return rows[0] if isinstance(rows, list) and rows else None


def _not_found(what: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"{what} not found")


@router.put("/feedback")
async def update_feedback(update: UpdateFeedbackRequest, user: CurrentUser) -> JSONResponse:
    feedback = update.feedback
    step = await _row(_STEP_THREAD, feedback.forId)
    if step is None or step["owner"] != user.identifier:
        raise _not_found("Message")
    if feedback.id is not None:
        existing = await _row(_FEEDBACK_OWNER, feedback.id)
        if existing is not None and existing["owner"] != user.identifier:
            raise _not_found("Feedback")
    # The thread is the message's, whatever the client claimed.
    feedback.threadId = str(step["thread_id"])
    feedback_id = await _layer().upsert_feedback(feedback)
    return JSONResponse(content={"success": True, "feedbackId": feedback_id})


@router.delete("/feedback")
async def delete_feedback(payload: DeleteFeedbackRequest, user: CurrentUser) -> JSONResponse:
    existing = await _row(_FEEDBACK_OWNER, payload.feedbackId)
    if existing is None or existing["owner"] != user.identifier:
        raise _not_found("Feedback")
    await _layer().delete_feedback(payload.feedbackId)
    return JSONResponse(content={"success": True})


async def _thread_author_or_not_found(username: str, thread_id: str) -> bool:
    author = await _layer().get_thread_author(thread_id)
    if not author or author != username:
        raise _not_found("Thread")
    return True


def hide_other_peoples_threads() -> None:
    """Chainlit's thread routes call this name from their module; answer 404 for both cases."""
    chainlit.server.is_thread_author = _thread_author_or_not_found
