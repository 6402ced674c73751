"""What the canvas shows for one version: the document with its marks, the score before and
after, the fact-check repairs, and the timeline of its job's versions. Read-only; owner-checked
by the caller (``load``) before anything is built."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from db.jobs import get_job
from db.models import GeneratedDocument
from db.resumes import get_resume
from db.versions import get_version, letter_data, list_versions
from documents import CoverLetter, Resume, load_resume
from engine.factcheck.report import FactCheckReport
from engine.provenance import BulletOrigin, resume_origins
from workflows.canvas.letter import letter_view
from workflows.canvas.sections import header, repair_of, resume_sections

KIND_TITLES = {"resume": "Tailored resume", "cover_letter": "Cover letter"}


def produced_by(version: GeneratedDocument) -> str:
    """What made a version, in the person's words."""
    if version.instruction:
        return version.instruction
    if version.parent_id is None:
        return "Tailored to the job" if version.kind == "resume" else "Written for the job"
    return "Refined"


def score_of(version: GeneratedDocument) -> int | None:
    score = (version.match_score or {}).get("score")
    return score if isinstance(score, int) else None


async def master_of(session: AsyncSession, version: GeneratedDocument) -> Resume | None:
    if version.source_resume_id is None:
        return None
    row = await get_resume(session, version.owner_id, version.source_resume_id)
    return load_resume(row.markdown) if row is not None else None


async def latest_of(session: AsyncSession, version: GeneratedDocument) -> GeneratedDocument:
    """The newest version of the same job and kind (the version itself when it has no job)."""
    if version.job_id is None:
        return version
    versions = await list_versions(session, version.owner_id, job_id=version.job_id,
                                   kind=version.kind)
    return max(versions, key=lambda v: v.version_number, default=version)


async def origins_of(session: AsyncSession, version: GeneratedDocument
                     ) -> tuple[Resume, list[list[BulletOrigin]]]:
    resume = load_resume(version.markdown)
    return resume, resume_origins(resume, version.provenance,
                                  await master_of(session, version))


async def timeline(session: AsyncSession, version: GeneratedDocument) -> list[dict[str, Any]]:
    if version.job_id is None:
        versions = [version]
    else:
        versions = await list_versions(session, version.owner_id, job_id=version.job_id,
                                       kind=version.kind)
    newest = max(v.version_number for v in versions)
    return [{"version_id": str(v.id), "version_number": v.version_number,
             "produced_by": produced_by(v), "score": score_of(v),
             "current": v.id == version.id, "latest": v.version_number == newest,
             "created": f"{v.created_at:%Y-%m-%d %H:%M}"}
            for v in sorted(versions, key=lambda v: v.version_number)]


async def build_view(session: AsyncSession, version: GeneratedDocument) -> dict[str, Any]:
    report = FactCheckReport.from_dict(version.fact_check or {})
    job = await get_job(session, version.owner_id, version.job_id) if version.job_id else None
    job_name = (f"{job.title or 'untitled job'}" + (f" at {job.company}" if job.company else "")
                if job else "")
    score = version.match_score or {}
    versions = await timeline(session, version)
    view: dict[str, Any] = {
        "version_id": str(version.id), "version_number": version.version_number,
        "kind": version.kind, "job": job_name,
        "title": f"{KIND_TITLES.get(version.kind, 'Version')} v{version.version_number}",
        "produced_by": produced_by(version),
        "score": {"before": score.get("before"), "after": score.get("score")}
        if isinstance(score.get("score"), int) else None,
        "repairs": [repair_of(f) for f in report.findings],
        "timeline": versions,
        "latest": any(v["current"] and v["latest"] for v in versions),
    }
    if version.kind == "cover_letter":
        letter = await letter_data(session, version.owner_id, version.id)
        master = await master_of(session, version)
        view["letter"] = letter_view(CoverLetter.model_validate(letter), version.provenance,
                                     master) \
            if letter else {"paragraphs": [{"text": p, "sources": []}
                                           for p in version.markdown.split("\n\n") if p.strip()]}
        return view
    resume, origins = await origins_of(session, version)
    master = await master_of(session, version)
    view["header"] = header(resume, master)
    view["sections"] = resume_sections(resume, origins, report.findings)
    view["pending"] = sum(o.status == "changed" for role in origins for o in role)
    return view


async def load(session: AsyncSession, owner_id: uuid.UUID,
               version_id: uuid.UUID | None) -> GeneratedDocument | None:
    """The person's own version, or None (unknown and someone else's look the same)."""
    if version_id is None:
        return None
    return await get_version(session, owner_id, version_id)
