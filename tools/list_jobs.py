from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from tools.context import as_text, context_of
from workflows.applications.history import job_history
from workflows.library.jobs import job_listing


@tool(parse_docstring=True)
async def list_jobs(
    runtime: ToolRuntime[Any], job_id: str | None = None, job_name: str | None = None
) -> str:
    """List the person's saved jobs with their ids, grouped by application status (saved,
    applied, interviewing, offer, rejected, withdrawn) with each one's last change; or, given
    a job, show it in full: its details, every status change and the files exported for it.

    Args:
        job_id: A saved job's id, to see that job in full.
        job_name: The company or job title the person named, to see that job in full.
    """
    scope = context_of(runtime).scope
    if job_id or job_name:
        return await as_text(job_history(scope, job_id=job_id, job_name=job_name))
    return await as_text(job_listing(scope, with_ids=True))
