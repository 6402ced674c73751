from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from tools.context import as_text_and_artifact, context_of
from workflows.generation.use_cases import tailor_resume_to_job


@tool(parse_docstring=True, response_format="content_and_artifact")
async def tailor_resume(
    runtime: ToolRuntime[Any], job_id: str | None = None, resume_id: str | None = None
) -> tuple[str, dict[str, Any]]:
    """Tailor a resume to a job, role by role, fact-checked, saved as a new version.

    The result gives the match score before and after and what the fact check changed; tell
    the person both. Do not type out the resume: the person can download or open it.

    Args:
        job_id: The job's id; leave it out for the active job.
        resume_id: The resume's id; leave it out for the active resume.
    """
    context = context_of(runtime)
    return await as_text_and_artifact(tailor_resume_to_job(
        context.scope, job_id=job_id, resume_id=resume_id, model=context.model,
        progress=context.progress,
    ))
