from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from tools.context import as_text, context_of
from workflows.resume_edit.manage import set_primary_resume as primary_workflow


@tool(parse_docstring=True)
async def set_primary_resume(runtime: ToolRuntime[Any], resume_id: str) -> str:
    """Mark one resume as the person's primary resume (used when no resume is named).

    Args:
        resume_id: The resume's id, as shown by list_resumes.
    """
    return await as_text(primary_workflow(context_of(runtime).scope, resume_id))
