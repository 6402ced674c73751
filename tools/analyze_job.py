from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from tools.context import as_text, context_of
from workflows.generation.use_cases import analyze_job as analyze_workflow
from workflows.library.job_links import analyze_job_at_link


@tool(parse_docstring=True)
async def analyze_job(
    runtime: ToolRuntime[Any], job_id: str | None = None, url: str | None = None
) -> str:
    """Analyse a saved job posting: required and preferred skills, responsibilities, keywords,
    seniority, language and special instructions. The analysis is stored with the job.

    Args:
        job_id: The job's id; leave it out for the job active in this conversation.
        url: A posting's web link the person gave instead of its text: Tailor reads the page,
            saves it as the active job, then analyses it.
    """
    context = context_of(runtime)
    if url:
        return await as_text(analyze_job_at_link(
            context.scope, context.settings, url=url, model=context.model))
    return await as_text(analyze_workflow(context.scope, job_id=job_id, model=context.model))
