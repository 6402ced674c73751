"""The side-panel Markdown editor: edit a resume version by hand, save it as a new version.

The editor (``public/elements/MarkdownEditor.jsx``) posts the text back through an action whose
payload is the browser's claim: the version id must be one of this person's versions, and the
text goes through the same parser as every import. Problems come back by line and nothing is
saved; a clean text becomes the next version, with the edited one as its parent.
"""

from __future__ import annotations

import uuid
from typing import Any

import chainlit as cl

from assistant import runtime
from assistant.chat_artifacts import (
    EDIT_ACTION,
    Deliverables,
    checked_version_id,
    send_deliverables,
)
from db.conversations import update_state
from db.models import Account
from db.versions import create_version, get_version
from documents import parse_resume, write_resume

EDITOR = "MarkdownEditor"
SAVE_ACTION = "save_markdown"  # posted by the editor; opening it is EDIT_ACTION
HAND_EDIT = "Edited by hand"
NOT_YOURS = "This editor does not belong to one of your versions; nothing was saved."
ONLY_RESUMES = (
    "The editor works on resume versions. For a cover letter, tell me what to change "
    "(for example: “make the second paragraph shorter”)."
)
# Beyond this the text is not a resume someone typed; refuse before parsing it.
MAX_EDIT_CHARS = 200_000


def editor_title(version_number: int) -> str:
    return f"Edit version {version_number}"


async def open_editor(account: Account, payload: Any) -> None:
    """Show the editor for a version in the side panel (the link opens it)."""
    version_id = checked_version_id(payload)
    async with runtime.session_scope() as session:
        version = await get_version(session, account.id, version_id) if version_id else None
    if version is None:
        await cl.Message(content=NOT_YOURS).send()
        return
    if version.kind != "resume":
        await cl.Message(content=ONLY_RESUMES).send()
        return
    title = editor_title(version.version_number)
    editor = cl.CustomElement(
        name=EDITOR,
        display="side",
        props={"version_id": str(version.id), "markdown": version.markdown, "title": title},
    )
    # A side element opens from its name in the message text; a custom element's name is
    # also its .jsx file, hence the plain component name in the sentence.
    await cl.Message(
        content=f"{title}: open the {EDITOR}, change the Markdown, then press Save.",
        elements=[editor],
    ).send()


def _problems(items) -> list[dict[str, Any]]:
    return [
        {"line": p.line, "severity": p.severity, "message": p.message} for p in items
    ]


async def save_edit(account: Account, payload: Any) -> dict[str, Any]:
    """The editor's save: problems by line, or the new version's number. Shown in the panel."""
    version_id = checked_version_id(payload)
    markdown = payload.get("markdown") if isinstance(payload, dict) else None
    if version_id is None or not isinstance(markdown, str):
        return {"ok": False, "message": NOT_YOURS, "problems": []}
    if len(markdown) > MAX_EDIT_CHARS:
        return {"ok": False, "problems": [], "message": (
            f"The text is {len(markdown):,} characters; a resume fits in {MAX_EDIT_CHARS:,}. "
            "Remove what does not belong to the resume and save again.")}
    parsed = parse_resume(markdown)
    if parsed.resume is None:
        return {"ok": False, "problems": _problems(parsed.problems),
                "message": "Not saved: fix the problems listed by line, then save again."}
    async with runtime.session_scope() as session:
        edited = await get_version(session, account.id, version_id)
        if edited is None or edited.kind != "resume":
            return {"ok": False, "message": NOT_YOURS, "problems": []}
        saved = await create_version(
            session,
            account.id,
            kind=edited.kind,
            job_id=edited.job_id,
            markdown=write_resume(parsed.resume),
            source_resume_id=edited.source_resume_id,
            parent_id=edited.id,
            instruction=HAND_EDIT,
        )
        await update_state(
            session, account.id, cl.context.session.thread_id, last_version_id=saved.id
        )
        number, new_id = saved.version_number, saved.id
    await _announce(number, new_id)
    return {"ok": True, "version_number": number, "version_id": str(new_id),
            "title": editor_title(number), "problems": _problems(parsed.warnings),
            "message": f"Saved as version {number}."}


async def _announce(number: int, version_id: uuid.UUID) -> None:
    await cl.Message(content=f"Saved your edit as version {number}.").send()
    found = Deliverables()
    found.add({"version_id": str(version_id),
               "actions": ["download_pdf", "download_docx", "download_md", "refine",
                           EDIT_ACTION]})
    await send_deliverables(found)
