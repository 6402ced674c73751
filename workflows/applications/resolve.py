"""Which saved job the person means: an id, the words they used for it ("Acme"), or the
conversation's active job. Only the person's own jobs are ever candidates."""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import Mistake
from db.jobs import list_jobs
from db.models import Job
from workflows.library.common import Scope, current_job, job_label, owned_job

MAX_LISTED = 15
# Words people put around a name ("the Acme job") that say nothing about which job.
_FILLER = frozenset({"the", "a", "an", "at", "for", "job", "role", "position", "posting",
                     "offer", "application", "with", "to", "of"})
_NON_WORD = re.compile(r"[^\w]+")


def _words(text: str | None) -> list[str]:
    return [w for w in _NON_WORD.sub(" ", (text or "").casefold()).split() if w]


def _tier(job: Job, name: str) -> int | None:
    """How well the name fits the job, best first: 0 it is the company, the title or both;
    1 every word of it is in the company and title; 2 the company is named in it."""
    said = _words(name)
    company, title = _words(job.company), _words(job.title)
    if said in (company, title, title + ["at"] + company, company + title):
        return 0
    meaningful = [w for w in said if w not in _FILLER] or said
    if set(meaningful) <= set(company + title):
        return 1
    if company and _contains(said, company):
        return 2
    return None


def _contains(words: list[str], part: list[str]) -> bool:
    return any(words[i:i + len(part)] == part for i in range(len(words) - len(part) + 1))


class NotOneJob(Mistake):
    """The name meant no job or several; a command words this for the person itself."""

    def __init__(self, message: str, name: str, candidates: Sequence[Job]) -> None:
        super().__init__(message)
        # Labels, not rows: the transaction that read the rows ends with this exception.
        self.name, self.candidates = name, [job_label(job) for job in candidates]


def pick_job(jobs: Sequence[Job], name: str) -> Job:
    """The one job the name means, else a Mistake listing the candidates (or all jobs)."""
    if not _words(name):
        raise Mistake("Say which job: its company or title as the person said it, or its id.")
    tiers = [(job, _tier(job, name)) for job in jobs]
    for tier in (0, 1, 2):
        candidates = [job for job, fit in tiers if fit == tier]
        if len(candidates) == 1:
            return candidates[0]
        if candidates:
            raise NotOneJob(f'"{name.strip()}" matches {len(candidates)} saved jobs:\n'
                            + listed(candidates)
                            + "\nAsk the person which one they mean, then call again with its "
                              "job_id.", name, candidates)
    if not jobs:
        raise NotOneJob("The person has no saved jobs yet. Ask them to paste the job posting, "
                        "and save it with save_job first.", name, [])
    raise NotOneJob(f'No saved job matches "{name.strip()}". The person\'s saved jobs:\n'
                    + listed(jobs)
                    + "\nIf one of them is meant, call again with its job_id; if it is a new "
                      "job, ask for the posting and save it with save_job.", name, [])


def listed(jobs: Sequence[Job]) -> str:
    shown = [f"- {job_label(job)} (job_id {job.id}, {job.status})" for job in jobs[:MAX_LISTED]]
    if len(jobs) > MAX_LISTED:
        shown.append(f"- and {len(jobs) - MAX_LISTED} more")
    return "\n".join(shown)


async def resolve_job(
    session: AsyncSession, scope: Scope, job_id: str | None, job_name: str | None
) -> Job:
    """By id, else by name among the person's jobs, else the conversation's active job."""
    if job_id and job_id.strip():
        return await owned_job(session, scope, job_id)
    if job_name is not None and job_name.strip():
        return pick_job(await list_jobs(session, scope.owner_id), job_name)
    return await current_job(session, scope, None)
