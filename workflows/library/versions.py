"""Generated versions: list them and compare any two in a readable diff."""

from __future__ import annotations

import uuid

from core.errors import Mistake
from db.jobs import list_jobs
from db.models import GeneratedDocument
from db.versions import list_versions
from documents.markdown_text import md_text
from engine.diff import line_diff
from workflows.library.common import Scope, current_job, owned_version
from workflows.library.jobs import job_heading

KIND_LABELS = {"resume": "Resume", "cover_letter": "Cover letter"}
MAX_DIFF_LINES = 120


def version_line(version: GeneratedDocument) -> str:
    parts = [f"{KIND_LABELS.get(version.kind, version.kind)} v{version.version_number}",
             f"id {version.id}", version.created_at.strftime("%Y-%m-%d %H:%M")]
    if version.instruction:
        parts.append(f'from "{md_text(version.instruction[:80])}"')
    score = (version.match_score or {}).get("score")
    if score is not None:
        parts.append(f"score {score}")
    return "- " + ", ".join(parts)


async def job_version_listing(scope: Scope, *, job_id: str | None = None) -> str:
    """The versions of one job (the active one by default), oldest first."""
    async with scope.sessions() as session:
        job = await current_job(session, scope, job_id)
        versions = await list_versions(session, scope.owner_id, job_id=job.id)
    title = job.title or "this job"
    if not versions:
        return f"No versions for {title} yet. Ask for a tailored resume or a cover letter."
    return "\n".join([f"Versions for {title} (id {job.id}):", *map(version_line, versions)])


def _by_job_line(document: GeneratedDocument) -> str:
    kind = "cover letter" if document.kind == "cover_letter" else document.kind.replace("_", " ")
    score = document.match_score or {}
    shown = f", match {score['score']}/100" if isinstance(score.get("score"), int) else ""
    why = f": “{md_text(document.instruction)}”" if document.instruction else ""
    when = f"{document.created_at:%Y-%m-%d %H:%M}"
    return f"  - v{document.version_number} {kind}, {when}{shown}{why}"


async def version_listing(scope: Scope) -> str:
    """Every generated version of every job, grouped by job (the `/versions` command).

    ``job_version_listing`` (the `show_versions` tool) is one job's, with the ids the model
    needs to act on.
    """
    async with scope.sessions() as session:
        documents = await list_versions(session, scope.owner_id)
        jobs = {job.id: job for job in await list_jobs(session, scope.owner_id)}
    if not documents:
        return ("No generated documents yet. Ask me to tailor your resume or write a cover letter "
                "for a saved job.")
    by_job: dict[uuid.UUID | None, list[GeneratedDocument]] = {}
    for document in documents:
        by_job.setdefault(document.job_id, []).append(document)
    blocks = [
        f"- **{job_heading(jobs.get(job_id) if job_id else None)}**\n"
        + "\n".join(_by_job_line(d) for d in group)
        for job_id, group in by_job.items()
    ]
    return "Your versions:\n" + "\n".join(blocks)


async def compare_versions(scope: Scope, *, first_id: str, second_id: str) -> str:
    async with scope.sessions() as session:
        first = await owned_version(session, scope, first_id)
        second = await owned_version(session, scope, second_id)
    if first.id == second.id:
        raise Mistake("Those are the same version; give two different version ids.")
    header = (f"Changes from {KIND_LABELS[first.kind]} v{first.version_number} to "
              f"{KIND_LABELS[second.kind]} v{second.version_number}:")
    diff = line_diff(first.markdown, second.markdown).splitlines()
    if len(diff) > MAX_DIFF_LINES:
        diff = [*diff[:MAX_DIFF_LINES], f"... and {len(diff) - MAX_DIFF_LINES} more changed lines"]
    return "\n".join([header, *diff])
