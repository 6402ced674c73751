from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from tools.context import as_text, context_of
from workflows.generation.use_cases import match_report as match_workflow


@tool(parse_docstring=True)
async def match_report(
    runtime: ToolRuntime[Any], job_id: str | None = None, resume_id: str | None = None
) -> str:
    """Score how well a resume matches a job (computed by code, 0-100), with the evidence for
    each matched requirement and suggestions for what is missing. Show the score as given.

    Args:
        job_id: The job's id; leave it out for the active job.
        resume_id: The resume's id; leave it out for the active resume.
    """
    scope = context_of(runtime).scope
    return await as_text(match_workflow(scope, job_id=job_id, resume_id=resume_id))
