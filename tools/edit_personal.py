from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from tools.context import as_text, context_of
from workflows.resume_edit.edit import set_personal


@tool(parse_docstring=True)
async def edit_personal(
    runtime: ToolRuntime[Any],
    changes: dict[str, str | list[str] | None],
    resume_id: str | None = None,
) -> str:
    """Set or clear personal fields of a resume: one edit, shown as a diff, undoable.

    Use only values the person gave. Fields: name, email, phone, location, github, linkedin,
    website, twitter, work_authorization, require_sponsorship (Yes/No), banner and note (a list
    of lines). null clears a field. Example: {"phone": "+1 555 0100"}.

    Args:
        changes: Field name -> new value (null to clear).
        resume_id: The resume's id; leave it out for the active resume.
    """
    scope = context_of(runtime).scope
    return await as_text(set_personal(scope, changes, resume_id))
