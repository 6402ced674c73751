from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from tools.context import as_text, context_of
from workflows.generation.use_cases import analyze_job as analyze_workflow


@tool(parse_docstring=True)
async def analyze_job(runtime: ToolRuntime[Any], job_id: str | None = None) -> str:
    """Analyse a saved job posting: required and preferred skills, responsibilities, keywords,
    seniority, language and special instructions. The analysis is stored with the job.

    Args:
        job_id: The job's id; leave it out for the job active in this conversation.
    """
    context = context_of(runtime)
    return await as_text(analyze_workflow(context.scope, job_id=job_id, model=context.model))
