from __future__ import annotations

from typing import Any, Literal

from langchain.tools import ToolRuntime, tool

from tools.context import as_text_and_artifact, context_of
from workflows.generation.use_cases import write_cover_letter as letter_workflow


@tool(parse_docstring=True, response_format="content_and_artifact")
async def write_cover_letter(
    runtime: ToolRuntime[Any],
    job_id: str | None = None,
    resume_id: str | None = None,
    tone: Literal["professional", "warm", "enthusiastic", "concise"] = "professional",
    length: Literal["short", "medium", "long"] = "medium",
) -> tuple[str, dict[str, Any]]:
    """Write a cover letter for a job in the posting's language, addressed to the hiring
    manager when known, from the person's own resume and confirmed facts; saved as a version.

    Args:
        job_id: The job's id; leave it out for the active job.
        resume_id: The resume's id; leave it out for the active resume.
        tone: The letter's tone.
        length: The letter's length.
    """
    context = context_of(runtime)
    return await as_text_and_artifact(letter_workflow(
        context.scope, job_id=job_id, resume_id=resume_id, tone=tone, length=length,
        model=context.model, progress=context.progress, today=context.today,
    ))
