from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from tools.context import as_text, context_of
from workflows.applications.details import edit_job as edit_workflow


@tool(parse_docstring=True)
async def edit_job(
    runtime: ToolRuntime[Any],
    job_id: str | None = None,
    job_name: str | None = None,
    company: str | None = None,
    title: str | None = None,
    location: str | None = None,
    hiring_manager: str | None = None,
    reference_code: str | None = None,
) -> str:
    """Correct a saved job's details when the person says so ("the company is Acme", "the
    hiring manager is Dana Obi"). The job keeps its versions; never save the job again for
    this, which would make a second job.

    Args:
        job_id: The saved job's id; leave out (with job_name) for the active job.
        job_name: The company or title the job is saved under, when no job_id.
        company: The new company name.
        title: The new job title.
        location: The new location.
        hiring_manager: The hiring manager's name.
        reference_code: The posting's reference or requisition code.
    """
    return await as_text(edit_workflow(
        context_of(runtime).scope, job_id=job_id, job_name=job_name,
        details={"company": company, "title": title, "location": location,
                 "hiring_manager": hiring_manager, "reference_code": reference_code},
    ))
