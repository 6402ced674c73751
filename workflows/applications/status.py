"""An application's status, changed by talking ("I applied to Acme today"); every change kept."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from core.errors import Mistake
from db.applications import change_status, job_exports, status_history
from db.models import JOB_STATUSES, Job
from documents.markdown_text import md_text
from documents.text import clean_text
from workflows.applications.resolve import resolve_job
from workflows.library.common import Scope, job_label

MAX_NOTE_CHARS = 300
# What people and models call the stages, mapped to the one stored word.
_SYNONYMS = {"interview": "interviewing", "interviewed": "interviewing", "offered": "offer",
             "rejection": "rejected", "declined": "rejected", "withdraw": "withdrawn",
             "withdrew": "withdrawn", "apply": "applied", "save": "saved"}
# An interview may be arranged for a later day; the other stages have happened already.
_MAY_BE_AHEAD = frozenset({"interviewing"})


def _status(value: str) -> str:
    word = (value or "").strip().lower()
    word = _SYNONYMS.get(word, word)
    if word not in JOB_STATUSES:
        raise Mistake(f"status must be one of: {', '.join(JOB_STATUSES)}.")
    return word


def _date(value: str | None, status: str, today: dt.date) -> dt.date:
    said = (value or "").strip().lower()
    if said in ("", "today"):
        return today
    if said == "yesterday":
        return today - dt.timedelta(days=1)
    try:
        when = dt.date.fromisoformat(said)
    except ValueError:
        raise Mistake(f'The date "{value}" cannot be read; give it as YYYY-MM-DD (today is '
                      f"{today.isoformat()}), or leave it out for today.") from None
    if when > today and status not in _MAY_BE_AHEAD:
        raise Mistake(f"{when.isoformat()} is after today ({today.isoformat()}); a job is "
                      f"{status} on a day that has come. Ask the person for the date.")
    return when


def _note(value: str | None) -> str | None:
    text = " ".join(clean_text(value or "").split())
    if len(text) > MAX_NOTE_CHARS:
        raise Mistake(f"Keep the note under {MAX_NOTE_CHARS} characters.")
    return text or None


@dataclass(frozen=True)
class StatusChanged:
    job: str  # the job's label (people's words: escape them before Markdown)
    job_id: uuid.UUID
    status: str
    before: str
    on: dt.date
    note: str | None
    changes: int  # how many changes the job's history now holds
    exported: tuple[str, ...]  # names of the files exported for the job so far
    changed: bool = True

    def for_model(self) -> str:
        if not self.changed:
            return (f"{self.job} (job_id {self.job_id}) is already {self.status} since "
                    f"{self.on.isoformat()}; nothing changed.")
        lines = [f"{self.job} (job_id {self.job_id}) is now {self.status} as of "
                 f"{self.on.isoformat()} (was {self.before})"
                 + (f', note: "{self.note}"' if self.note else "") + "."
                 f" {self.changes} status change(s) kept for this job; /jobs shows the "
                 "pipeline."]
        if self.status == "applied":
            lines.append(_exported_line(self.exported))
        return "\n".join(lines)

    def for_person(self) -> str:
        job = f"**{md_text(self.job)}**"
        if not self.changed:
            return f"{job} is already {self.status} since {self.on.isoformat()}."
        note = f" (note: {md_text(self.note)})" if self.note else ""
        text = (f"{job} is now **{self.status}** as of {self.on.isoformat()}{note}; it was "
                f"{self.before}. `/jobs` shows all your applications.")
        if self.status == "applied" and self.exported:
            text += " `/sent` shows the files that went with it."
        return text


def _exported_line(exported: tuple[str, ...]) -> str:
    if not exported:
        return ("No file was exported from Tailor for this job, so there is no record of what "
                "was sent; exporting a version of this job records it.")
    return ("Files exported for this job so far (the latest of each kind up to that day counts "
            "as sent; ask what was sent to see it): " + ", ".join(exported[-4:]) + ".")


async def set_job_status(
    scope: Scope, *, status: str, job_id: str | None, job_name: str | None,
    on_date: str | None, note: str | None, today: dt.date,
) -> StatusChanged:
    new_status = _status(status)
    when, text = _date(on_date, new_status, today), _note(note)
    async with scope.sessions.begin() as session:
        job = await resolve_job(session, scope, job_id, job_name)
        # Locked so that two changes at once each record the status the other left.
        job = await session.get(Job, job.id, with_for_update=True, populate_existing=True)
        assert job is not None
        before = job.status
        unchanged = (before, job.status_on, job.status_note) == (new_status, when, text)
        if not unchanged:
            await change_status(session, job, new_status, on_date=when, note=text)
        changes = len(await status_history(session, scope.owner_id, job.id))
        exports = await job_exports(session, scope.owner_id, job.id)
    return StatusChanged(job_label(job), job.id, new_status, before, when, text, changes,
                         tuple(stored.name for _, stored in exports), changed=not unchanged)
