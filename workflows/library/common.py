"""What every library workflow shares: who is asking, the one "fixable mistake" exception,
and look-ups that answer an unknown id and someone else's id with the same words.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.errors import Mistake
from db.conversations import get_state
from db.jobs import get_job
from db.models import GeneratedDocument, Job, Resume
from db.resumes import get_resume, primary_resume
from db.versions import get_version


@dataclass(frozen=True)
class Scope:
    """Who is asking, in which conversation, and where their data lives."""

    sessions: async_sessionmaker[AsyncSession]
    owner_id: uuid.UUID
    thread_id: str


def parse_id(value: str | None, what: str) -> uuid.UUID:
    if not value or not value.strip():
        raise Mistake(f"No {what} id was given. {_LIST_HINTS[what]}")
    try:
        return uuid.UUID(value.strip())
    except ValueError:
        raise Mistake(unknown(what, value)) from None


_LIST_HINTS = {
    "resume": "Call list_resumes to see the person's resumes and their ids.",
    "job": "Call save_job first, or look at the job ids in earlier results.",
    "version": "Call show_versions to see the versions and their ids.",
    "file": "Ask the person to upload the file again.",
    "draft": "Import the resume again to get a new draft id.",
}


def unknown(what: str, value: str) -> str:
    """The same words for an id that does not exist and one that belongs to someone else."""
    return f"There is no {what} with id {value.strip()}. {_LIST_HINTS[what]}"


async def owned_resume(session: AsyncSession, scope: Scope, resume_id: str) -> Resume:
    resume = await get_resume(session, scope.owner_id, parse_id(resume_id, "resume"))
    if resume is None:
        raise Mistake(unknown("resume", resume_id))
    return resume


async def owned_job(session: AsyncSession, scope: Scope, job_id: str) -> Job:
    job = await get_job(session, scope.owner_id, parse_id(job_id, "job"))
    if job is None:
        raise Mistake(unknown("job", job_id))
    return job


async def owned_version(session: AsyncSession, scope: Scope, version_id: str) -> GeneratedDocument:
    version = await get_version(session, scope.owner_id, parse_id(version_id, "version"))
    if version is None:
        raise Mistake(unknown("version", version_id))
    return version


NO_RESUME = (
    "The person has no resume yet. Ask them to upload one (PDF, Word, Markdown, text or JSON "
    "Resume) or paste it, or offer to create one by interview or from the template."
)
NO_JOB = "No job is selected in this conversation. Ask the person to paste the job posting."


async def current_resume(session: AsyncSession, scope: Scope, resume_id: str | None) -> Resume:
    """The named resume, else the conversation's active one, else the person's primary one."""
    if resume_id:
        return await owned_resume(session, scope, resume_id)
    state = await get_state(session, scope.owner_id, scope.thread_id)
    if state is not None and state.active_resume_id is not None:
        resume = await get_resume(session, scope.owner_id, state.active_resume_id)
        if resume is not None:
            return resume
    resume = await primary_resume(session, scope.owner_id)
    if resume is None:
        raise Mistake(NO_RESUME)
    return resume


async def current_job(session: AsyncSession, scope: Scope, job_id: str | None) -> Job:
    if job_id:
        return await owned_job(session, scope, job_id)
    state = await get_state(session, scope.owner_id, scope.thread_id)
    if state is not None and state.active_job_id is not None:
        job = await get_job(session, scope.owner_id, state.active_job_id)
        if job is not None:
            return job
    raise Mistake(NO_JOB)


def job_label(job: Job) -> str:
    title = job.title or "untitled job"
    return f"{title} at {job.company}" if job.company else title
