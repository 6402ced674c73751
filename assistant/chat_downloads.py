"""Download buttons: the file of a version, made in code when the person presses the button.

A download needs no judgement, so it does not go through the model (an answer without the tool
call used to leave the person with no file). The version id is the browser's claim: it must name
one of the presser's own versions, and the export workflow checks the owner again.
"""

from __future__ import annotations

import chainlit as cl
from chainlit.context import context

from assistant import runtime
from assistant.chat_artifacts import DOWNLOADS, FORGED_ACTION, delivery_text, file_elements
from core.errors import Mistake, UserFacingError
from db.models import Account, GeneratedDocument
from workflows.library.common import Scope
from workflows.library.export import ExportRequest, export_document


async def deliver(
    account: Account, name: str, version: GeneratedDocument | None
) -> dict[str, object]:
    """Export ``version`` in the button's format and offer the file; refuse anything else.

    The answer tells a custom element that pressed it (the canvas) what happened."""
    if version is None or name not in DOWNLOADS:
        await cl.Message(content=FORGED_ACTION).send()
        return {"ok": False, "message": FORGED_ACTION}
    scope = Scope(runtime.session_factory(), account.id, context.session.thread_id)
    request = ExportRequest(format=DOWNLOADS[name][1], version_id=str(version.id))
    try:
        text, artifact = await export_document(scope, request)
    except (Mistake, UserFacingError) as problem:
        # Both carry a sentence written for people (a cover letter has no JSON form, ...).
        await cl.Message(content=problem.message).send()
        return {"ok": False, "message": problem.message}
    files = artifact.get("files") or []
    await cl.Message(content=f"{text}\n\n{delivery_text(files)}",
                     elements=file_elements(files)).send()
    names = ", ".join(str(entry["name"]) for entry in files)
    return {"ok": True, "message": f"{names} of version {version.version_number} is in the chat."}
