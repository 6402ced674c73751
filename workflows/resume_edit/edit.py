"""Saving structured edits of a resume: one edit, a short diff, undoable, no silent overwrite.

Every save keeps the previous text in the resume's history (so "undo that" restores it exactly)
and records what this chat thread now knows of the resume. An edit from a thread that last saw
different text (another tab changed the resume) is refused with the difference, and so is a
save that loses the race on the row's optimistic `version`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from core.errors import Mistake
from db.resume_history import (
    drop_entry,
    latest_previous,
    mark_seen,
    record_previous,
    seen_text,
)
from documents import Resume, load_resume, parse_resume, write_resume
from engine.diff import line_diff
from engine.resume_edits import Action, Edited, edit_item, edit_personal
from engine.resume_fields import Kind, Value
from workflows.library.common import Scope, current_resume

MAX_DIFF_LINES = 40


class _LostRace(Exception):  # noqa: N818 - internal signal, turned into a Mistake below
    """Another save committed between this save's read and its write."""

    def __init__(self, started_from: str) -> None:
        super().__init__("lost the race on the resume row")
        self.started_from = started_from


async def _flush_or_lost_race(session: AsyncSession, started_from: str) -> None:
    try:
        await session.flush()
    except StaleDataError:
        raise _LostRace(started_from) from None


def short_diff(old: str, new: str) -> str:
    lines = line_diff(old, new).splitlines()
    if len(lines) > MAX_DIFF_LINES:
        lines = [*lines[:MAX_DIFF_LINES], f"... and {len(lines) - MAX_DIFF_LINES} more lines"]
    return "\n".join(lines)


def changed_meanwhile(name: str, seen: str, now: str) -> str:
    return (f'The resume "{name}" was changed elsewhere (another tab or conversation) since this '
            f"conversation last saw it, so nothing was saved. What changed:\n"
            f"{short_diff(seen, now)}\n"
            "Tell the person, then make the edit again on the current text if they still want it.")


async def _refuse_lost_race(scope: Scope, resume_id: str | None, lost: _LostRace) -> Mistake:
    """Show what the other save changed; this thread now knows the current text."""
    async with scope.sessions.begin() as session:
        resume = await current_resume(session, scope, resume_id)
        await mark_seen(session, resume, scope.thread_id)
    return Mistake(changed_meanwhile(resume.name, lost.started_from, resume.markdown))


async def save_edit(scope: Scope, resume_id: str | None, edit: Callable[[Resume], Edited]) -> str:
    """Apply one edit to the resume (named, else active, else primary) and save it."""
    try:
        return await _save(scope, resume_id, edit)
    except _LostRace as lost:
        raise await _refuse_lost_race(scope, resume_id, lost) from None


async def _save(scope: Scope, resume_id: str | None, edit: Callable[[Resume], Edited]) -> str:
    stale: tuple[str, str, str] | None = None
    async with scope.sessions.begin() as session:
        resume = await current_resume(session, scope, resume_id)
        seen = await seen_text(session, scope.owner_id, scope.thread_id, resume.id)
        if seen is not None and seen != resume.markdown:
            await mark_seen(session, resume, scope.thread_id)
            stale = (resume.name, seen, resume.markdown)
        else:
            before = resume.markdown
            edited, done, warnings = edit(load_resume(before))
            after = write_resume(edited)
            # The canonical writer's text must read back cleanly, as any stored resume must.
            assert parse_resume(after).ok, "edited resume does not read back"
            if after == before:
                raise Mistake(f'That changes nothing in "{resume.name}"; it already reads so.')
            await record_previous(session, resume, action=done, thread_id=scope.thread_id)
            resume.markdown = after
            await _flush_or_lost_race(session, before)
            await mark_seen(session, resume, scope.thread_id)
    if stale is not None:
        raise Mistake(changed_meanwhile(*stale))
    notes = "".join(f"\nNote: {warning}" for warning in warnings)
    return (f'Saved: {done} in "{resume.name}". Changes:\n{short_diff(before, after)}{notes}\n'
            'Say "undo that" to restore the previous text.')


async def set_personal(
    scope: Scope, changes: Mapping[str, Value], resume_id: str | None = None
) -> str:
    """Set or clear personal fields (email, phone, location, links, visa, banner, note)."""
    return await save_edit(scope, resume_id, lambda resume: edit_personal(resume, changes))


async def change_item(
    scope: Scope,
    *,
    action: Action,
    kind: Kind,
    item: str | None = None,
    fields: Mapping[str, Value] | None = None,
    before: str | None = None,
    resume_id: str | None = None,
) -> str:
    """Add, change, remove or move one degree, certification, project or role."""
    return await save_edit(scope, resume_id, lambda resume: edit_item(
        resume, action, kind, item=item, fields=fields, before=before))


async def undo_edit(scope: Scope, resume_id: str | None = None) -> str:
    """Restore the exact text the resume had before its latest edit."""
    try:
        return await _undo(scope, resume_id)
    except _LostRace as lost:
        raise await _refuse_lost_race(scope, resume_id, lost) from None


async def _undo(scope: Scope, resume_id: str | None) -> str:
    stale: tuple[str, str, str] | None = None
    async with scope.sessions.begin() as session:
        resume = await current_resume(session, scope, resume_id)
        entry = await latest_previous(session, scope.owner_id, resume.id)
        if entry is None:
            raise Mistake(f'"{resume.name}" has no edit to undo.')
        seen = await seen_text(session, scope.owner_id, scope.thread_id, resume.id)
        if seen is not None and seen != resume.markdown:
            await mark_seen(session, resume, scope.thread_id)
            stale = (resume.name, seen, resume.markdown)
        else:
            before, action = resume.markdown, entry.action
            resume.markdown = entry.markdown
            await _flush_or_lost_race(session, before)
            await drop_entry(session, entry)
            await mark_seen(session, resume, scope.thread_id)
    if stale is not None:
        raise Mistake(changed_meanwhile(*stale))
    return (f'Undone: {action} in "{resume.name}"; its previous text is back. Changes:\n'
            f"{short_diff(before, resume.markdown)}")


async def show_resume_text(scope: Scope, resume_id: str | None = None) -> str:
    """The resume's current text; this conversation now counts as having seen it."""
    async with scope.sessions.begin() as session:
        resume = await current_resume(session, scope, resume_id)
        await mark_seen(session, resume, scope.thread_id)
    return f'"{resume.name}" (id {resume.id}) reads:\n\n{resume.markdown}'
