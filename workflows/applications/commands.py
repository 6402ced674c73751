"""`/status` and `/sent`: the tracker without the model (it works with no model configured)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable
from typing import Any, TypeVar

from core.errors import Mistake
from db.models import JOB_STATUSES
from documents.markdown_text import md_text
from workflows.applications.history import job_history
from workflows.applications.resolve import NotOneJob
from workflows.applications.sent import sent_documents
from workflows.applications.status import set_job_status
from workflows.library.common import Scope
from workflows.library.jobs import job_listing

STATUS_USAGE = (
    "Use `/status <status> <company or job title>[: note]`, e.g. `/status applied Acme` or "
    "`/status interviewing Globex: call with Dana on Friday`. The status is one of "
    + ", ".join(JOB_STATUSES) + "; the date is today.")
SENT_USAGE = "Use `/sent <company or job title>`, e.g. `/sent Acme`."
JOBS_USAGE = "`/jobs` lists your applications; `/jobs <company or job title>` shows one in full."


def _for_the_person(choice: NotOneJob, example: str) -> str:
    # What was typed is not repeated: the reply reads the same whatever words were tried.
    if not choice.candidates:
        return "None of your saved jobs has that company or title; `/jobs` lists them.\n\n" \
            + example
    names = ", ".join(f"**{md_text(label)}**" for label in choice.candidates)
    return f"That matches {len(choice.candidates)} of your jobs: {names}. Say more of its " \
        f"name.\n\n{example}"


T = TypeVar("T")


async def _about_one_job(work: Awaitable[T], usage: str) -> T | str:
    """``work``'s answer, or why it names no single job (or what else went wrong) and the usage."""
    try:
        return await work
    except NotOneJob as choice:
        return _for_the_person(choice, usage)
    except Mistake as mistake:
        return f"{md_text(mistake.message)}\n\n{usage}"


async def status_command(scope: Scope, argument: str) -> str:
    status, _, rest = argument.strip().partition(" ")
    name, _, note = rest.partition(":")
    if not status or not name.strip():
        return STATUS_USAGE
    changed = await _about_one_job(set_job_status(
        scope, status=status, on_date=None, note=note or None, today=dt.date.today(),
        job_id=None, job_name=name), STATUS_USAGE)
    return changed if isinstance(changed, str) else changed.for_person()


async def sent_command(scope: Scope, argument: str) -> str | tuple[str, dict[str, Any]]:
    if not argument.strip():
        return SENT_USAGE
    return await _about_one_job(
        sent_documents(scope, job_id=None, job_name=argument, with_id=False), SENT_USAGE)


async def jobs_command(scope: Scope, argument: str) -> str:
    """`/jobs`: the pipeline; with a name, that one application with its history."""
    if not argument.strip():
        return await job_listing(scope)
    return await _about_one_job(
        job_history(scope, job_id=None, job_name=argument, with_id=False), JOBS_USAGE)
