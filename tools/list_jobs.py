from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from tools.context import as_text, context_of
from workflows.library.jobs import job_listing


@tool
async def list_jobs(runtime: ToolRuntime[Any]) -> str:
    """List the person's saved jobs with their ids, grouped by application status (saved,
    applied, interviewing, offer, rejected, withdrawn) with each one's last change."""
    return await as_text(job_listing(context_of(runtime).scope, with_ids=True))
