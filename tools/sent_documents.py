from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from tools.context import as_text_and_artifact, context_of
from workflows.applications.sent import sent_documents as sent_workflow


@tool(parse_docstring=True, response_format="content_and_artifact")
async def sent_documents(
    runtime: ToolRuntime[Any],
    job_id: str | None = None,
    job_name: str | None = None,
) -> tuple[str, dict[str, Any]]:
    """Answer "what did I send to Acme?": the exact files exported for that job's application,
    offered to the person for download as they were made.

    Args:
        job_id: The saved job's id, when known.
        job_name: The company or job title the person named (e.g. "Acme"), when no job_id;
            leave both out for the active job.
    """
    return await as_text_and_artifact(
        sent_workflow(context_of(runtime).scope, job_id=job_id, job_name=job_name)
    )
