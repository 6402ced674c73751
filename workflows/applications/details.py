"""A saved job's details corrected in conversation ("the company is Acme"), in place: the
job keeps its versions, so a resume and its letter stay together under one job."""

from __future__ import annotations

from core.errors import Mistake
from db.conversations import update_state
from db.jobs import EDITABLE_DETAILS, update_job_details
from documents.text import clean_text
from workflows.applications.resolve import resolve_job
from workflows.library.common import Scope, job_label

MAX_DETAIL_CHARS = 200
WORDS = {"company": "company", "title": "job title", "location": "location",
         "hiring_manager": "hiring manager", "reference_code": "reference code"}


def _detail(name: str, value: str) -> str | None:
    text = " ".join(clean_text(value).split())
    if len(text) > MAX_DETAIL_CHARS:
        raise Mistake(f"The {WORDS[name]} is too long; keep it under {MAX_DETAIL_CHARS} "
                      "characters.")
    return text or None


async def edit_job(
    scope: Scope, *, job_id: str | None, job_name: str | None, details: dict[str, str | None]
) -> str:
    """``details``: None leaves a field as it is; an empty text clears it."""
    changes = {name: _detail(name, value) for name, value in details.items()
               if value is not None}
    async with scope.sessions.begin() as session:
        # Which job first: an id that is not the person's is answered as unknown either way.
        job = await resolve_job(session, scope, job_id, job_name)
        if not changes:
            raise Mistake("Say which detail to change: " + ", ".join(EDITABLE_DETAILS) + ".")
        before = job_label(job)
        changed = await update_job_details(session, job, changes)
        # The job being corrected is the one this conversation goes on with.
        await update_state(session, scope.owner_id, scope.thread_id, active_job_id=job.id)
    if not changed:
        return f"{before} (job_id {job.id}) already has these details; nothing changed."
    said = "; ".join(f'{WORDS[name]} "{old or "not set"}" -> "{new or "not set"}"'
                     for name, (old, new) in changed.items())
    return (f"Updated the job {job_label(job)} (job_id {job.id}, the active job): {said}. "
            "Documents written from now on use these details; no new job was made, so its "
            "versions stay with it. Versions already written keep their text.")
