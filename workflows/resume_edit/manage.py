"""Managing whole resumes: rename, duplicate, mark primary, remembered export options."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from core.errors import Mistake
from db.conversations import update_state
from db.resume_history import mark_seen
from db.resumes import create_resume, set_primary
from documents import parse_month
from workflows.library.common import Scope, current_resume

MAX_NAME = 200
EXPORT_OPTION_CHOICES: dict[str, tuple[Any, ...]] = {
    "word_layout": ("ats", "plain"),
    "pdf_look": ("classic", "modern"),
    "paper": ("auto", "a4", "letter"),
    "include_projects": (True, False),
    "projects_first": (True, False),
    "education_at_end": (True, False),
}
DATE_OPTIONS = ("start", "end")
T = TypeVar("T")
ATTEMPTS = 3


async def change_resume_metadata(scope: Scope, change: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Run a change of name or options, again on a fresh read if another tab saved meanwhile.

    These changes do not depend on the resume's text, so losing the optimistic-concurrency race
    to a text edit is no conflict: re-reading and re-applying is the right answer."""
    for _ in range(ATTEMPTS):
        try:
            async with scope.sessions.begin() as session:
                return await change(session)
        except StaleDataError:
            continue
    raise Mistake("The resume kept changing in another tab while this was saved; try again.")


def clean_name(name: str | None) -> str:
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise Mistake("Ask the person for the name, then call again with `name`.")
    if len(cleaned) > MAX_NAME:
        raise Mistake(f"A resume name has at most {MAX_NAME} characters; suggest a shorter one.")
    return cleaned


async def rename_resume(scope: Scope, name: str, resume_id: str | None = None) -> str:
    new_name = clean_name(name)

    async def change(session: AsyncSession) -> str:
        resume = await current_resume(session, scope, resume_id)
        old_name = resume.name
        resume.name = new_name
        await session.flush()
        return f'Renamed "{old_name}" to "{new_name}" (id {resume.id}).'

    return await change_resume_metadata(scope, change)


async def duplicate_resume(scope: Scope, name: str, resume_id: str | None = None) -> str:
    """A copy with the same text, inclusion and export options; the copy becomes active."""
    new_name = clean_name(name)
    async with scope.sessions.begin() as session:
        original = await current_resume(session, scope, resume_id)
        copy = await create_resume(session, scope.owner_id, name=new_name,
                                   markdown=original.markdown, source_kind="copy",
                                   source_file_name=original.source_file_name)
        copy.inclusion = dict(original.inclusion or {})
        copy.export_options = dict(original.export_options or {})
        await session.flush()
        await update_state(session, scope.owner_id, scope.thread_id, active_resume_id=copy.id)
        await mark_seen(session, copy, scope.thread_id)
    return (f'Copied "{original.name}" to "{copy.name}" (id {copy.id}); the copy is now active, '
            "so edits from here change the copy, not the original.")


async def set_primary_resume(scope: Scope, resume_id: str) -> str:
    async with scope.sessions.begin() as session:
        resume = await current_resume(session, scope, resume_id or None)
        await set_primary(session, resume)
    return (f'"{resume.name}" is now the primary resume: it is used whenever no resume is '
            "named or active.")


def _checked_option(name: str, value: Any) -> Any:
    if name in DATE_OPTIONS:
        if value in (None, ""):
            return None
        try:
            month = parse_month(str(value))
        except ValueError as exc:
            raise Mistake(f"The {name} of the date range cannot be read: {exc}. "
                          "Use MM/YYYY.") from None
        if month is None:
            return None  # "present" leaves the range open
        # A year alone bounds the range by its whole year: "2019" starts 01/2019, ends 12/2019.
        return str(month.latest if name == "end" else month.earliest)
    choices = EXPORT_OPTION_CHOICES.get(name)
    if choices is None:
        known = ", ".join([*EXPORT_OPTION_CHOICES, *DATE_OPTIONS])
        raise Mistake(f"Unknown export option `{name}`; known options: {known}.")
    if value not in choices:
        raise Mistake(f"{name} must be one of: {', '.join(map(str, choices))}.")
    return value


async def set_export_options(
    scope: Scope, changes: Mapping[str, Any], resume_id: str | None = None
) -> str:
    """Remember export choices on the resume; None forgets one (back to the default)."""
    if not changes:
        raise Mistake("Give at least one export option to set.")
    checked = {name: _checked_option(name, value) for name, value in changes.items()}

    async def change(session: AsyncSession) -> str:
        resume = await current_resume(session, scope, resume_id)
        options = dict(resume.export_options or {})
        options.update(checked)
        options = {name: value for name, value in options.items() if value is not None}
        start, end = options.get("start"), options.get("end")
        if start and end and parse_month(end) < parse_month(start):
            raise Mistake(f"The date range ends ({end}) before it starts ({start}); "
                          "give the earlier month as start.")
        resume.export_options = options
        await session.flush()
        return (f'Export options for "{resume.name}": {describe_export_options(options)}. '
                "They are remembered for this resume.")

    return await change_resume_metadata(scope, change)


def describe_export_options(options: Mapping[str, Any] | None) -> str:
    """One line for chat and /resumes; the defaults when nothing is remembered."""
    options = options or {}
    layout = "plain Word layout" if options.get("word_layout") == "plain" else "ATS Word layout"
    parts = [layout, f"{options.get('pdf_look', 'classic')} PDF look"]
    if options.get("paper") in ("a4", "letter"):
        parts.append("A4 paper" if options["paper"] == "a4" else "US Letter paper")
    if options.get("include_projects") is False:
        parts.append("without projects")
    elif options.get("projects_first"):
        parts.append("projects first")
    if options.get("education_at_end"):
        parts.append("education at the end")
    elif options.get("education_at_end") is False:
        parts.append("education first")
    start, end = options.get("start"), options.get("end")
    if start or end:
        parts.append(f"dates {start or 'any'} to {end or 'now'}")
    return ", ".join(parts)
