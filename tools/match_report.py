from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from tools.context import as_text_and_artifact, context_of
from workflows.generation.use_cases import match_report as match_workflow


@tool(parse_docstring=True, response_format="content_and_artifact")
async def match_report(
    runtime: ToolRuntime[Any], job_id: str | None = None, resume_id: str | None = None
) -> tuple[str, dict[str, Any]]:
    """Score how well a resume matches a job (computed by code, 0-100). The person sees the
    score, its parts, the evidence for each matched requirement and the missing ones on a card
    the app shows; point at the card and never retype its numbers or lists.

    Args:
        job_id: The job's id; leave it out for the active job.
        resume_id: The resume's id; leave it out for the active resume.
    """
    scope = context_of(runtime).scope
    return await as_text_and_artifact(match_workflow(scope, job_id=job_id, resume_id=resume_id))
