from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from tools.context import as_text, context_of
from workflows.library.resumes import use_resume as use_resume_workflow


@tool(parse_docstring=True)
async def use_resume(resume_id: str, runtime: ToolRuntime[Any]) -> str:
    """Make one of the person's resumes the active one for this conversation.

    Args:
        resume_id: The resume's id, as shown by list_resumes.
    """
    return await as_text(use_resume_workflow(context_of(runtime).scope, resume_id))
