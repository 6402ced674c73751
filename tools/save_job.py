from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from tools.context import ToolContext, as_text, context_of
from workflows.library.job_links import save_posting


async def _run(context: ToolContext, **given: str | None) -> str:
    message, _ = await save_posting(context.scope, context.settings, **given)
    return message


@tool(parse_docstring=True)
async def save_job(
    runtime: ToolRuntime[Any],
    posting_text: str | None = None,
    file_id: str | None = None,
    url: str | None = None,
    company: str | None = None,
    title: str | None = None,
    location: str | None = None,
    hiring_manager: str | None = None,
) -> str:
    """Save a job posting the person pasted, uploaded or linked to, and make it the active job.

    Fill company, title, location and hiring manager from the posting when it states them;
    never guess. The result says which details are still unknown. Only for a new posting: to
    correct a saved job's details, call edit_job.

    Args:
        posting_text: The full text of the job posting, exactly as the person gave it.
        file_id: Id of an uploaded file holding the posting (instead of posting_text).
        url: The posting's web link. Alone, Tailor reads the page itself; with posting_text or
            file_id, the job just keeps the link.
        company: The hiring company, as written in the posting.
        title: The job title, as written in the posting.
        location: Where the job is (city, country, or remote), as written in the posting.
        hiring_manager: The hiring manager's name, if the posting gives one.
    """
    return await as_text(_run(
        context_of(runtime), url=url, posting_text=posting_text, file_id=file_id,
        company=company, title=title, location=location, hiring_manager=hiring_manager,
    ))
