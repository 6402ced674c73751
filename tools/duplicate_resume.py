from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from tools.context import as_text, context_of
from workflows.resume_edit.manage import duplicate_resume as duplicate_workflow


@tool(parse_docstring=True)
async def duplicate_resume(
    runtime: ToolRuntime[Any], name: str, resume_id: str | None = None
) -> str:
    """Copy a resume under a new name (e.g. "a copy for data-science roles"); the copy becomes
    active, so later edits change the copy.

    Args:
        name: The copy's name.
        resume_id: The resume to copy; leave it out for the active resume.
    """
    return await as_text(duplicate_workflow(context_of(runtime).scope, name, resume_id))
