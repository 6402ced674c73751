from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from tools.context import as_text, context_of
from workflows.resume_edit.edit import undo_edit as undo_workflow


@tool(parse_docstring=True)
async def undo_edit(runtime: ToolRuntime[Any], resume_id: str | None = None) -> str:
    """Undo the latest edit of a resume ("undo that"): its exact previous text comes back.

    Args:
        resume_id: The resume's id; leave it out for the active resume.
    """
    return await as_text(undo_workflow(context_of(runtime).scope, resume_id))
