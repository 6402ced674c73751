"""`/status` and `/sent`: the tracker without the model (it works with no model configured)."""

from __future__ import annotations

import datetime as dt
from typing import Any

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


async def status_command(scope: Scope, argument: str) -> str:
    status, _, rest = argument.strip().partition(" ")
    name, _, note = rest.partition(":")
    if not status or not name.strip():
        return STATUS_USAGE
    try:
        changed = await set_job_status(
            scope, status=status, on_date=None, note=note or None, today=dt.date.today(),
            job_id=None, job_name=name)
        return changed.for_person()
    except NotOneJob as choice:
        return _for_the_person(choice, STATUS_USAGE)
    except Mistake as mistake:
        return f"{md_text(mistake.message)}\n\n{STATUS_USAGE}"


async def sent_command(scope: Scope, argument: str) -> str | tuple[str, dict[str, Any]]:
    if not argument.strip():
        return SENT_USAGE
    try:
        return await sent_documents(scope, job_id=None, job_name=argument, with_id=False)
    except NotOneJob as choice:
        return _for_the_person(choice, SENT_USAGE)
    except Mistake as mistake:
        return f"{md_text(mistake.message)}\n\n{SENT_USAGE}"


async def jobs_command(scope: Scope, argument: str) -> str:
    """`/jobs`: the pipeline; with a name, that one application with its history."""
    if not argument.strip():
        return await job_listing(scope)
    try:
        return await job_history(scope, job_id=None, job_name=argument, with_id=False)
    except NotOneJob as choice:
        return _for_the_person(choice, JOBS_USAGE)
    except Mistake as mistake:
        return f"{md_text(mistake.message)}\n\n{JOBS_USAGE}"
