from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from tools.context import as_text, context_of
from workflows.resume_edit.edit import show_resume_text


@tool(parse_docstring=True)
async def show_resume(runtime: ToolRuntime[Any], resume_id: str | None = None) -> str:
    """Read a saved resume's current text (before editing it, or when the person asks to see it).

    Args:
        resume_id: The resume's id; leave it out for the active resume.
    """
    return await as_text(show_resume_text(context_of(runtime).scope, resume_id))
