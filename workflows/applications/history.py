"""One application in full: the job's details, every status change with its date and note, and
the files exported for it (`/jobs <company>` and the list_jobs tool with a job)."""

from __future__ import annotations

from db.applications import job_exports, status_history
from documents.markdown_text import md_code, md_text
from workflows.applications.resolve import resolve_job
from workflows.applications.sent import KIND_WORDS
from workflows.library.common import Scope
from workflows.library.jobs import job_heading

DETAILS = (("location", "Location"), ("hiring_manager", "Hiring manager"),
           ("reference_code", "Reference code"))


async def job_history(
    scope: Scope, *, job_id: str | None, job_name: str | None, with_id: bool = True
) -> str:
    async with scope.sessions() as session:
        job = await resolve_job(session, scope, job_id, job_name)
        changes = await status_history(session, scope.owner_id, job.id)
        exports = await job_exports(session, scope.owner_id, job.id)
    lines = [f"**{job_heading(job)}**" + (f" (job_id {job.id})" if with_id else "")
             + f": {job.status}"]
    lines += [f"- {label}: {md_text(getattr(job, field))}" for field, label in DETAILS
              if getattr(job, field)]
    if job.source_url:
        read = f" on {job.fetched_at:%Y-%m-%d}" if job.fetched_at else ""
        lines.append(f"- Posting read from {md_code(job.source_url)}{read}")
    lines.append(f"- {job.created_at:%Y-%m-%d}: saved")
    lines += [f"- {change.on_date.isoformat()}: {change.previous_status} -> {change.status}"
              + (f" ({md_text(change.note)})" if change.note else "") for change in changes]
    if exports:
        lines.append("Files exported for it:")
        lines += [f"- {export.created_at:%Y-%m-%d}: {md_text(stored.name)} "
                  f"({KIND_WORDS[export.kind]} version {export.version_number})"
                  for export, stored in exports]
    return "\n".join(lines)
