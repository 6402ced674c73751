"""A person's resumes: create from the template or an interview, list, choose, set inclusion."""

from __future__ import annotations

import uuid

from core.errors import Mistake
from db.conversations import get_state, update_state
from db.resume_history import mark_seen
from db.resumes import create_resume as insert_resume
from db.resumes import list_resumes
from db.resumes import set_inclusion as store_inclusion
from documents import TEMPLATE_RESUME_MARKDOWN, parse_resume, write_resume
from documents.inclusion import Item, inclusion_items, item_key, item_label
from documents.markdown import load_resume
from documents.markdown_text import md_text
from documents.model import Inclusion
from workflows.library.common import Scope, current_resume, owned_resume
from workflows.resume_edit.manage import describe_export_options


async def create_resume(scope: Scope, *, name: str, markdown: str | None) -> tuple[str, uuid.UUID]:
    """From the template (no markdown) or from Markdown written from the person's answers."""
    name = " ".join((name or "").split())
    if not name:
        raise Mistake("Ask the person what to call the new resume, then call again with `name`.")
    if markdown is None or not markdown.strip():
        text, kind = TEMPLATE_RESUME_MARKDOWN, "template"
    else:
        result = parse_resume(markdown)
        if not result.ok:
            listed = "\n".join(f"- {problem}" for problem in result.errors[:20])
            raise Mistake(f"The resume Markdown has errors; fix them and call again:\n{listed}")
        assert result.resume is not None
        text, kind = write_resume(result.resume), "interview"
    async with scope.sessions.begin() as session:
        resume = await insert_resume(
            session, scope.owner_id, name=name[:200], markdown=text, source_kind=kind
        )
        await update_state(session, scope.owner_id, scope.thread_id, active_resume_id=resume.id)
        await mark_seen(session, resume, scope.thread_id)
    note = (" It holds placeholder text (Your Name, Example Company): replace every part with "
            "the person's real details before using it.") if kind == "template" else ""
    message = f'Created the resume "{resume.name}" (id {resume.id}); it is now active.{note}'
    return message, resume.id


NO_RESUMES = (
    "You have no resumes yet. Upload one (PDF, Word, Markdown, text or JSON Resume), paste it "
    "into the chat, or start from the template."
)


async def resume_listing(scope: Scope) -> str:
    """The one resume listing: the `/resumes` command and the `list_resumes` tool both show it.

    Names and file names are the person's words, so they are escaped as Markdown text.
    """
    async with scope.sessions() as session:
        resumes = await list_resumes(session, scope.owner_id)
        state = await get_state(session, scope.owner_id, scope.thread_id)
    if not resumes:
        return NO_RESUMES
    active = state.active_resume_id if state else None
    lines = ["Your resumes:"]
    for resume in resumes:
        marks = [m for m, on in (("active", resume.id == active), ("primary", resume.is_primary))
                 if on]
        shown = f" ({', '.join(marks)})" if marks else ""
        source = resume.source_file_name or resume.source_kind
        lines.append(
            f"- **{md_text(resume.name)}**{shown}: id {resume.id}, from {md_text(source)}, "
            f"added {resume.created_at:%Y-%m-%d}, updated {resume.updated_at:%Y-%m-%d}; "
            # Our own words: nothing of the person's to escape.
            f"exports: {describe_export_options(resume.export_options)}"
        )
    return "\n".join(lines)


async def use_resume(scope: Scope, resume_id: str) -> str:
    async with scope.sessions.begin() as session:
        resume = await owned_resume(session, scope, resume_id)
        await update_state(session, scope.owner_id, scope.thread_id, active_resume_id=resume.id)
        # From here an edit in this tab is checked against the text it started using.
        await mark_seen(session, resume, scope.thread_id)
    return f'Now using the resume "{resume.name}" (id {resume.id}).'


def _items(resume_markdown: str) -> list[tuple[str, Item]]:
    resume = load_resume(resume_markdown)
    return [(item_key(item), item) for item in inclusion_items(resume)]


async def set_inclusion(
    scope: Scope, *, item: str, status: str, resume_id: str | None = None
) -> str:
    """Mark an item (role, project, award, volunteering, publication, skill group) include /
    not_relevant / omit; applied at export, text untouched."""
    try:
        wanted = Inclusion(status.strip().lower())
    except ValueError:
        raise Mistake("status must be one of: include, not_relevant, omit.") from None
    async with scope.sessions.begin() as session:
        resume = await current_resume(session, scope, resume_id)
        items = _items(resume.markdown)
        needle = " ".join(item.split()).casefold()
        matches = [(key, it) for key, it in items
                   if needle and (needle == key or needle in item_label(it).casefold())]
        if len(matches) != 1:
            listed = "\n".join(f"- {item_label(it)}" for _, it in items) or "- (no items)"
            problem = "matches several items" if matches else "matches no item"
            raise Mistake(f'"{item}" {problem} in "{resume.name}". Items:\n{listed}\n'
                          "Call again with words that name exactly one item.")
        key, chosen = matches[0]
        inclusion = dict(resume.inclusion or {})
        if wanted is Inclusion.INCLUDE:
            inclusion.pop(key, None)
        else:
            inclusion[key] = wanted.value
        await store_inclusion(session, resume, inclusion)
    return f'{item_label(chosen)} in "{resume.name}" is now: {wanted.value}. Exports apply it.'
