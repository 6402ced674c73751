from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from tools.context import as_text, context_of
from workflows.library.versions import job_version_listing


@tool(parse_docstring=True)
async def show_versions(runtime: ToolRuntime[Any], job_id: str | None = None) -> str:
    """List the generated resume and cover-letter versions for a job, oldest first, with ids.

    Args:
        job_id: The job's id; leave it out for the job active in this conversation.
    """
    return await as_text(job_version_listing(context_of(runtime).scope, job_id=job_id))
