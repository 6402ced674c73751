"""Deleting a resume and promoting a tailored version: the destructive steps wait for a click.

The tool only asks: it returns a confirmation button (see `assistant/chat_artifacts.py`). The
change happens in `confirm_delete` / `confirm_overwrite`, which the chat layer calls when the
person presses the button; a language model has no way to press it. The button's payload is the
browser's claim, so every id in it is checked against the person's own rows again.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from core.errors import Mistake
from db.conversations import update_state
from db.resume_changes import count_versions_from, delete_resume, delete_versions_from
from db.resume_history import mark_seen, record_previous
from db.resumes import create_resume
from documents import parse_resume, write_resume
from workflows.library.common import Scope, current_resume, owned_resume, owned_version
from workflows.resume_edit.edit import short_diff
from workflows.resume_edit.manage import clean_name

CONFIRM_DELETE = "confirm_delete_resume"
CONFIRM_OVERWRITE = "confirm_overwrite_resume"
STALE_BUTTON = "That button is out of date (the resume or version changed or is gone); nothing "\
    "was done. Ask again in the chat."


def _button(action: str, label: str, payload: dict[str, Any]) -> dict[str, Any]:
    return {"confirm": [{"action": action, "label": label, "payload": payload}]}


def _versions_phrase(count: int) -> str:
    return "1 generated version" if count == 1 else f"{count} generated versions"


async def request_delete(
    scope: Scope, resume_id: str, *, with_versions: bool = False
) -> tuple[str, dict[str, Any]]:
    async with scope.sessions() as session:
        resume = await owned_resume(session, scope, resume_id)
        made = await count_versions_from(session, scope.owner_id, resume.id)
    if with_versions:
        fate = f"The {_versions_phrase(made)} made from it will be deleted too."
    else:
        fate = (f"The {_versions_phrase(made)} made from it stay readable (in /versions); "
                "ask to delete them too if the person wants them gone.") if made else ""
    text = (f'Deleting "{resume.name}" needs the person\'s confirmation: a "Delete" button is '
            f"shown to them. Nothing is deleted until they press it. {fate}").strip()
    payload = {"resume_id": str(resume.id), "with_versions": bool(with_versions)}
    return text, _button(CONFIRM_DELETE, f'Delete "{resume.name}"', payload)


async def confirm_delete(scope: Scope, payload: Mapping[str, Any]) -> str:
    """The person pressed Delete: delete the resume (and its versions if that was asked)."""
    with_versions = payload.get("with_versions") is True
    try:
        async with scope.sessions.begin() as session:
            resume = await owned_resume(session, scope, str(payload.get("resume_id") or ""))
            name = resume.name
            kept = await count_versions_from(session, scope.owner_id, resume.id)
            removed = (await delete_versions_from(session, scope.owner_id, resume.id)
                       if with_versions else 0)
            successor = await delete_resume(session, resume)
    except Mistake:
        return STALE_BUTTON
    lines = [f'Deleted the resume "{name}".']
    if removed:
        lines.append(f"Also deleted the {_versions_phrase(removed)} made from it.")
    elif kept:
        lines.append(f"The {_versions_phrase(kept)} made from it stay readable and exportable "
                     "(see /versions).")
    if successor is not None:
        lines.append(f'"{successor.name}" is now your primary resume.')
    return " ".join(lines)


async def promote_version(
    scope: Scope,
    version_id: str,
    *,
    mode: Literal["new", "overwrite"],
    name: str | None = None,
) -> tuple[str, dict[str, Any]]:
    """Save a tailored version as a new resume, or ask to overwrite the resume it came from."""
    async with scope.sessions.begin() as session:
        version = await owned_version(session, scope, version_id)
        if version.kind != "resume":
            raise Mistake("Only a resume version can become a resume; this one is a cover letter.")
        text = write_resume(_read(version.markdown))
        if mode == "new":
            resume = await create_resume(session, scope.owner_id, name=clean_name(name),
                                         markdown=text, source_kind="version")
            await update_state(session, scope.owner_id, scope.thread_id,
                               active_resume_id=resume.id)
            await mark_seen(session, resume, scope.thread_id)
            return (f'Saved version {version.version_number} as the new resume "{resume.name}" '
                    f"(id {resume.id}); it is now active."), {}
        if version.source_resume_id is None:
            raise Mistake("The resume this version came from was deleted; save it as a new "
                          "resume instead (mode new, with a name).")
        target = await current_resume(session, scope, str(version.source_resume_id))
    if target.markdown == text:
        raise Mistake(f'"{target.name}" already has exactly this text; nothing to overwrite.')
    payload = {"version_id": str(version.id), "resume_id": str(target.id),
               "resume_version": target.version}
    message = (f'Overwriting "{target.name}" with version {version.version_number} needs the '
               "person's confirmation: a button is shown. Its current text will be kept, so "
               f'"undo that" can bring it back. What would change:\n'
               f"{short_diff(target.markdown, text)}")
    return message, _button(CONFIRM_OVERWRITE, f'Overwrite "{target.name}"', payload)


def _read(markdown: str):
    result = parse_resume(markdown)
    if result.resume is None:
        raise Mistake("This version's text no longer reads as a resume; edit it first.")
    return result.resume


async def confirm_overwrite(scope: Scope, payload: Mapping[str, Any]) -> str:
    """The person pressed Overwrite: the resume takes the version's text, the old text is kept."""
    try:
        async with scope.sessions.begin() as session:
            version = await owned_version(session, scope, str(payload.get("version_id") or ""))
            resume = await owned_resume(session, scope, str(payload.get("resume_id") or ""))
            if version.source_resume_id != resume.id or resume.version != payload.get(
                "resume_version"
            ):
                return STALE_BUTTON
            await record_previous(session, resume, action=(
                f"overwritten by version {version.version_number}"), thread_id=scope.thread_id)
            resume.markdown = write_resume(_read(version.markdown))
            await session.flush()
            await mark_seen(session, resume, scope.thread_id)
    except Mistake:
        return STALE_BUTTON
    return (f'"{resume.name}" now holds version {version.version_number}. Its previous text is '
            'kept: say "undo that" to bring it back.')
