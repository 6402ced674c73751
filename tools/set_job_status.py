from __future__ import annotations

from typing import Any, Literal

from langchain.tools import ToolRuntime, tool

from tools.context import as_text, context_of
from workflows.applications.status import set_job_status as status_workflow


@tool(parse_docstring=True)
async def set_job_status(
    runtime: ToolRuntime[Any],
    new_status: Literal["saved", "applied", "interviewing", "offer", "rejected", "withdrawn"],
    job_id: str | None = None,
    job_name: str | None = None,
    on_date: str | None = None,
    note: str | None = None,
) -> str:
    """Record where an application stands when the person says so ("I applied to Acme today",
    "Riverbend rejected me", "I have an interview with Acme on 2026-12-10"). Every change is
    kept with its date and note.

    Args:
        new_status: The application's new status.
        job_id: The saved job's id, when known.
        job_name: The company or job title the person named (e.g. "Acme"), when no job_id;
            leave both out for the active job.
        on_date: When it happened, as YYYY-MM-DD (or "yesterday"); leave out for today.
        note: A short note in the person's words (who they talked to, what is next).
    """
    context = context_of(runtime)

    async def change() -> str:
        changed = await status_workflow(
            context.scope, status=new_status, job_id=job_id, job_name=job_name,
            on_date=on_date, note=note, today=context.today,
        )
        return changed.for_model()

    return await as_text(change())
