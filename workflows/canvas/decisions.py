"""Accept or revert a tailored bullet, or accept them all: each decision is a new version.

The canvas posts the version it shows and the bullet (role, position, text); all of it is the
browser's claim. A decision goes through only on the person's own version, when that version is
still the newest of its job (a stale canvas is refused and shown what changed since), and when
the bullet is a change still awaiting a decision. The decided version is left as it was.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.conversations import update_state
from db.facts import fact_texts
from db.jobs import get_job
from db.models import GeneratedDocument
from db.versions import create_version, lock_versions
from documents import Resume, write_resume
from engine.diff_words import changed_lines
from engine.provenance import ACCEPTED, REVERTED, BulletOrigin, decide, to_stored, with_tasks
from engine.scoring import score_match
from workflows.canvas.view import build_view, latest_of, load, origins_of, produced_by
from workflows.generation.inputs import requirements_for

NOT_YOURS = "This canvas does not show one of your versions; nothing was changed."
NOT_A_CHANGE = ("That bullet is not a change waiting for your decision (it is unchanged, or "
                "already accepted or reverted); nothing was changed.")
NOTHING_PENDING = "Every change in this version is already decided; nothing was changed."
NO_SOURCE = ("This bullet has no line in your resume to go back to; edit it in the Markdown "
             "editor instead. Nothing was changed.")
DIFFERENT = "Pick two different versions to compare."
ONLY_RESUMES = ("Accept and revert work on a resume's bullets. To change the letter, tell me what "
                "to change in the chat. Nothing was changed.")


@dataclass(frozen=True)
class Decision:
    """One bullet, as the canvas names it."""

    role: int
    bullet: int
    text: str

    @classmethod
    def of(cls, payload: Any) -> Decision | None:
        if not isinstance(payload, dict):
            return None
        role, bullet, text = payload.get("role"), payload.get("bullet"), payload.get("text")
        if (isinstance(role, int) and isinstance(bullet, int) and isinstance(text, str)
                and role >= 0 and bullet >= 0):
            return cls(role, bullet, text)
        return None


def _refused(message: str, **extra: Any) -> dict[str, Any]:
    return {"ok": False, "message": message, **extra}


async def _stale(session: AsyncSession, version: GeneratedDocument,
                 latest: GeneratedDocument) -> dict[str, Any]:
    """The refusal of a decision on an old version, with what the newer one changed."""
    return _refused(
        f"Version {version.version_number} is no longer the newest: version "
        f"{latest.version_number} ({produced_by(latest)}) was saved after it. Nothing was "
        "changed; here is what differs, then decide on the newest version.",
        other_change={"version_id": str(latest.id), "version_number": latest.version_number,
                      "produced_by": produced_by(latest),
                      "rows": changed_lines(version.markdown, latest.markdown)})


async def _score(session: AsyncSession, version: GeneratedDocument,
                 resume: Resume) -> dict[str, Any] | None:
    """The new text's score against the same job; the first score before tailoring is kept."""
    job = await get_job(session, version.owner_id, version.job_id) if version.job_id else None
    if job is None:
        return version.match_score
    report = score_match(resume, requirements_for(job)[0],
                         await fact_texts(session, version.owner_id))
    before = (version.match_score or {}).get("before")
    return {"score": report.score, "before": before, "report": report.to_dict()}


def _bullet_label(origin: BulletOrigin) -> str:
    text = origin.text if len(origin.text) <= 60 else origin.text[:57] + "…"
    return f"“{text}”"


async def _save(session: AsyncSession, thread_id: str, parent: GeneratedDocument,
                resume: Resume, origins: list[list[BulletOrigin]], instruction: str,
                rescore: bool) -> dict[str, Any]:
    updated = with_tasks(resume, origins)
    version = await create_version(
        session, parent.owner_id, kind=parent.kind, job_id=parent.job_id,
        markdown=write_resume(updated), source_resume_id=parent.source_resume_id,
        parent_id=parent.id, instruction=instruction, model=parent.model,
        prompt_version=parent.prompt_version, fact_check=parent.fact_check,
        match_score=await _score(session, parent, updated) if rescore else parent.match_score,
        provenance=to_stored(updated, origins),
    )
    await update_state(session, parent.owner_id, thread_id, last_version_id=version.id)
    return {"ok": True, "message": f"Saved as version {version.version_number}: {instruction}.",
            "view": await build_view(session, version)}


async def _checked(session: AsyncSession, owner_id: uuid.UUID, version_id: uuid.UUID | None
                   ) -> GeneratedDocument | dict[str, Any]:
    """The version to decide on, or the refusal to send back."""
    version = await load(session, owner_id, version_id)
    if version is None:
        return _refused(NOT_YOURS)
    if version.kind != "resume":
        return _refused(ONLY_RESUMES)
    await lock_versions(session, owner_id, version.job_id, version.kind)
    latest = await latest_of(session, version)
    if latest.id != version.id:
        return await _stale(session, version, latest)
    return version


async def decide_bullet(sessions: async_sessionmaker[AsyncSession], owner_id: uuid.UUID,
                        thread_id: str, version_id: uuid.UUID | None, payload: Any,
                        decision: str) -> dict[str, Any]:
    """Accept (``ACCEPTED``) or revert (``REVERTED``) one changed bullet."""
    async with sessions.begin() as session:
        version = await _checked(session, owner_id, version_id)
        if isinstance(version, dict):
            return version
        wanted = Decision.of(payload)
        resume, origins = await origins_of(session, version)
        if (wanted is None or wanted.role >= len(origins)
                or wanted.bullet >= len(origins[wanted.role])):
            return _refused(NOT_A_CHANGE)
        origin = origins[wanted.role][wanted.bullet]
        if origin.text != wanted.text or origin.status != "changed":
            return _refused(NOT_A_CHANGE)
        if decision == REVERTED and not origin.sources:
            return _refused(NO_SOURCE)
        role = resume.roles[wanted.role]
        where = f"{role.title} at {role.company}"
        instruction = (f"Accepted {_bullet_label(origin)} ({where})" if decision == ACCEPTED
                       else f"Reverted {_bullet_label(origin)} to your resume ({where})")
        return await _save(session, thread_id, version, resume,
                           decide(origins, wanted.role, wanted.bullet, decision), instruction,
                           rescore=decision == REVERTED)


async def accept_all(sessions: async_sessionmaker[AsyncSession], owner_id: uuid.UUID,
                     thread_id: str, version_id: uuid.UUID | None) -> dict[str, Any]:
    async with sessions.begin() as session:
        version = await _checked(session, owner_id, version_id)
        if isinstance(version, dict):
            return version
        resume, origins = await origins_of(session, version)
        pending = [(r, b) for r, role in enumerate(origins) for b, o in enumerate(role)
                   if o.status == "changed"]
        if not pending:
            return _refused(NOTHING_PENDING)
        for r, b in pending:
            origins = decide(origins, r, b, ACCEPTED)
        return await _save(session, thread_id, version, resume, origins,
                           f"Accepted all {len(pending)} changes" if len(pending) > 1
                           else "Accepted the last change", rescore=False)


async def show(sessions: async_sessionmaker[AsyncSession], owner_id: uuid.UUID,
               version_id: uuid.UUID | None) -> dict[str, Any]:
    async with sessions() as session:
        version = await load(session, owner_id, version_id)
        if version is None:
            return _refused(NOT_YOURS)
        return {"ok": True, "view": await build_view(session, version)}


async def compare(sessions: async_sessionmaker[AsyncSession], owner_id: uuid.UUID,
                  first_id: uuid.UUID | None, second_id: uuid.UUID | None) -> dict[str, Any]:
    """The word differences from one version to another of the person's own."""
    async with sessions() as session:
        first = await load(session, owner_id, first_id)
        second = await load(session, owner_id, second_id)
        if first is None or second is None:
            return _refused(NOT_YOURS)
        if first.id == second.id:
            return _refused(DIFFERENT)
        rows = changed_lines(first.markdown, second.markdown)
        return {"ok": True, "from": first.version_number, "to": second.version_number,
                "message": f"Changes from version {first.version_number} to version "
                           f"{second.version_number}" + ("" if rows else ": none"),
                "rows": rows}
