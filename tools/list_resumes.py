from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from tools.context import as_text, context_of
from workflows.library.resumes import resume_listing


@tool
async def list_resumes(runtime: ToolRuntime[Any]) -> str:
    """List the person's saved resumes with their ids, marking the active and the primary one."""
    return await as_text(resume_listing(context_of(runtime).scope))
