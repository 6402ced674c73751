from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from tools.context import as_text, context_of
from workflows.resume_edit.manage import rename_resume as rename_workflow


@tool(parse_docstring=True)
async def rename_resume(runtime: ToolRuntime[Any], name: str, resume_id: str | None = None) -> str:
    """Give a resume a new name (its text is not changed).

    Args:
        name: The new name the person chose.
        resume_id: The resume's id; leave it out for the active resume.
    """
    return await as_text(rename_workflow(context_of(runtime).scope, name, resume_id))
