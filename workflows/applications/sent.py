"""What went with an application: the exact files exported for a job's versions.

An export of a job's version is recorded with its file (kept, with its hash). What was sent is
the newest file of each kind (resume, cover letter) exported by the day the person applied and
before they said so; until they say so, the newest of each kind.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from db.applications import job_exports, status_history
from db.models import JobExport, StoredFile
from documents.markdown_text import md_text
from workflows.applications.resolve import resolve_job
from workflows.library.common import Scope, job_label

KIND_WORDS = {"resume": "resume", "cover_letter": "cover letter"}
Pair = tuple[JobExport, StoredFile]


def _newest_per_kind(exports: list[Pair]) -> list[Pair]:
    newest: dict[str, Pair] = {}
    for pair in exports:  # oldest first, so the last one of a kind wins
        newest[pair[0].kind] = pair
    return sorted(newest.values(), key=lambda p: list(KIND_WORDS).index(p[0].kind))


def _line(export: JobExport, stored: StoredFile) -> str:
    return (f"- {md_text(stored.name)}: {KIND_WORDS[export.kind]} version "
            f"{export.version_number}, exported {export.created_at:%Y-%m-%d %H:%M} UTC, "
            f"{stored.size // 1024 + 1} KB, SHA-256 {export.sha256[:12]}")


async def sent_documents(
    scope: Scope, *, job_id: str | None, job_name: str | None, with_id: bool = True
) -> tuple[str, dict[str, Any]]:
    """The files and the text saying what they are; ``with_id`` adds the job's id (for the
    model, which acts on ids; a person has `/jobs`)."""
    async with scope.sessions() as session:
        job = await resolve_job(session, scope, job_id, job_name)
        exports = await job_exports(session, scope.owner_id, job.id)
        applied = [c for c in await status_history(session, scope.owner_id, job.id)
                   if c.status == "applied"]
    label = md_text(job_label(job))
    which = f" (job_id {job.id})" if with_id else ""
    if not exports:
        return (f"Nothing was exported from Tailor for {label}{which}, so there is "
                "no record of what was sent. Files are recorded when a version of this job is "
                "exported (PDF, Word, Markdown)."), {}
    if applied:
        day, said_at = applied[-1].on_date, applied[-1].created_at
        # Made by the day they applied, and before they said so: a file exported after the
        # person said "I applied" cannot have gone with it.
        before = [p for p in exports if p[0].created_at <= said_at
                  and p[0].created_at.astimezone(dt.UTC).date() <= day]
        chosen = _newest_per_kind(before or exports)
        intro = (f"Sent with the application to {label} (applied {day.isoformat()}): the "
                 "newest file of each kind exported by then" if before else
                 f"Nothing was exported for {label} by the day you applied "
                 f"({day.isoformat()}); the newest files exported since")
    else:
        chosen = _newest_per_kind(exports)
        intro = (f"{label} is not marked as applied yet ({job.status}); the newest files "
                 "exported for it")
    lines = [f"{intro}{which}, offered for download:", *(_line(*p) for p in chosen)]
    others = [p for p in exports if p not in chosen]
    if others:
        lines.append(f"Also exported for this job ({len(others)}):")
        lines += [_line(*p) for p in others[-10:]]
    files = [{"file_id": str(stored.id), "name": stored.name, "mime": stored.mime}
             for _, stored in chosen]
    return "\n".join(lines), {"files": files}

