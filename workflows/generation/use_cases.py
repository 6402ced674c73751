"""Generation: load the inputs, run the tailoring engine, keep an immutable version with its
provenance (job, source resume, parent, instruction, model, prompt version, fact check, score).

Each function returns the chat text and, when a version was made, an artifact naming it and
the natural next steps (the chat layer turns those into buttons).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import Mistake
from db.conversations import get_state, update_state
from db.facts import fact_texts
from db.jobs import get_job, store_analysis
from db.models import GeneratedDocument, Job
from db.resumes import get_resume
from db.tailoring_progress import DbRoleStore, run_key
from db.versions import create_version, letter_data
from documents import CoverLetter, Resume, load_resume, write_cover_letter_markdown, write_resume
from engine.job_analysis import JobAnalysis
from engine.letter_sources import letter_provenance
from engine.provenance import resume_origins, to_stored
from engine.scoring import score_match
from llm.structured import ModelConnection
from workflows.generation import match_card
from workflows.generation.analysis import analyze_posting
from workflows.generation.cover_letter import draft_cover_letter
from workflows.generation.inputs import Inputs, load_inputs, require_model, requirements_for
from workflows.generation.refinement import refine_letter, refine_resume
from workflows.generation.tailoring import tailor_role_by_role
from workflows.library.common import Scope, current_job, job_label, owned_version
from workflows.progress import Progress

RESUME_ACTIONS = ["download_pdf", "download_docx", "download_md", "cover_letter", "refine"]
LETTER_ACTIONS = ["download_pdf", "download_docx", "download_md", "refine"]


async def analyze_job(
    scope: Scope, *, job_id: str | None, model: ModelConnection | None
) -> str:
    conn = require_model(model)
    async with scope.sessions() as session:
        job = await current_job(session, scope, job_id)
        posting, job_key = job.posting_text, job.id
    result = await analyze_posting(conn, posting)
    async with scope.sessions.begin() as session:
        job = await get_job(session, scope.owner_id, job_key)
        if job is None:
            raise Mistake("The job was deleted meanwhile; save it again.")
        await store_analysis(session, job, result.analysis.model_dump(mode="json"))
    return _analysis_text(job_label(job), job.id, result.analysis, result.injection_flags,
                          result.dropped)


def _analysis_text(label: str, job_id: Any, found: JobAnalysis, flags: list[str],
                   dropped: tuple[str, ...] = ()) -> str:
    lines = [f"Analysis of {label} (id {job_id}), stored with the job:"]
    for name, value in (("Seniority", found.seniority), ("Language", found.language),
                        ("Location", found.location), ("Hiring manager", found.hiring_manager)):
        if value:
            lines.append(f"- {name}: {value}")
    for name, items in (("Required skills", found.required_skills),
                        ("Preferred skills", found.preferred_skills),
                        ("Responsibilities", found.responsibilities),
                        ("Keywords", found.keywords),
                        ("Special instructions", found.special_instructions)):
        if items:
            lines.append(f"- {name}: " + "; ".join(items))
    if dropped:
        lines.append(f"- Dropped {len(dropped)} skill(s) the posting does not contain word for "
                     "word: " + "; ".join(dropped))
    if flags:
        lines.append("The posting tries to steer the assistant (treated as data only):")
        lines += [f"  - {flag}" for flag in flags]
    return "\n".join(lines)


async def match_report(
    scope: Scope, *, job_id: str | None, resume_id: str | None
) -> tuple[str, dict[str, Any]]:
    """Computed by code from the job's requirements and the resume's text; no model. The
    person reads it on the card (the artifact); the model's text only points there."""
    async with scope.sessions() as session:
        inputs = await load_inputs(session, scope, job_id, resume_id)
    requirements, origin = requirements_for(inputs.job)
    report = score_match(inputs.resume, requirements, inputs.facts)
    return (match_card.model_text(inputs, origin),
            {"match_card": match_card.card_props(inputs, origin, report)})


async def _ensure_analysis(scope: Scope, inputs: Inputs, conn: ModelConnection) -> JobAnalysis:
    if inputs.analysis is not None:
        return inputs.analysis
    await analyze_job(scope, job_id=str(inputs.job.id), model=conn)
    async with scope.sessions() as session:
        job = await get_job(session, scope.owner_id, inputs.job.id)
    assert job is not None and job.analysis is not None
    return JobAnalysis.model_validate(job.analysis)


async def tailor_resume_to_job(
    scope: Scope, *, job_id: str | None, resume_id: str | None, model: ModelConnection | None,
    progress: Progress,
) -> tuple[str, dict[str, Any]]:
    conn = require_model(model)
    async with scope.sessions() as session:
        inputs = await load_inputs(session, scope, job_id, resume_id)
    analysis = await _ensure_analysis(scope, inputs, conn)
    store = DbRoleStore(scope.sessions, scope.owner_id,
                        run_key(inputs.resume_row.markdown, inputs.job.id, conn.label))
    outcome = await tailor_role_by_role(
        conn, resume=inputs.resume, analysis=analysis, facts=inputs.facts, progress=progress,
        store=store,
    )
    version = await _save(
        scope, kind="resume", job_id=inputs.job.id, source_resume_id=inputs.resume_row.id,
        markdown=write_resume(outcome.resume), parent=None,
        instruction=None, model=outcome.model, prompt_version=outcome.prompt_version,
        fact_check=outcome.report.to_dict(),
        match_score={"score": outcome.score_after.score, "before": outcome.score_before.score,
                     "report": outcome.score_after.to_dict()},
        provenance=outcome.provenance,
    )
    text = (f"Tailored resume v{version.version_number} for {job_label(inputs.job)} saved "
            f"(version id {version.id}). Match score {outcome.score_before.score} -> "
            f"{outcome.score_after.score}.\n{outcome.report.summary()}")
    return text, {"version_id": str(version.id), "actions": RESUME_ACTIONS}


async def write_cover_letter(
    scope: Scope, *, job_id: str | None, resume_id: str | None, tone: str, length: str,
    model: ModelConnection | None, progress: Progress, today: dt.date,
) -> tuple[str, dict[str, Any]]:
    conn = require_model(model)
    async with scope.sessions() as session:
        inputs = await load_inputs(session, scope, job_id, resume_id)
    analysis = await _ensure_analysis(scope, inputs, conn)
    company = inputs.job.company or analysis.company
    title = inputs.job.title or analysis.title
    if not company or not title:
        missing = " and ".join(n for n, v in (("company", company), ("job title", title)) if not v)
        raise Mistake(f"The {missing} of this job is unknown and a letter needs it. Ask the "
                      f"person, record it with edit_job (job_id {inputs.job.id}; do not save "
                      "the job again), then write the letter again.")
    outcome = await draft_cover_letter(
        conn, resume=inputs.resume, analysis=analysis, company=company, job_title=title,
        location=inputs.job.location or analysis.location,
        hiring_manager=inputs.job.hiring_manager or analysis.hiring_manager,
        facts=inputs.facts, today=today, tone=tone, length=length, progress=progress,
        posting="\n".join(x for x in (inputs.job.posting_text, inputs.job.reference_code) if x),
    )
    version = await _save(
        scope, kind="cover_letter", job_id=inputs.job.id, source_resume_id=inputs.resume_row.id,
        markdown=write_cover_letter_markdown(outcome.letter), parent=None, instruction=None,
        model=outcome.model, prompt_version=outcome.prompt_version,
        fact_check=outcome.report.to_dict(), match_score=None,
        letter=outcome.letter.model_dump(mode="json"),
        provenance=letter_provenance(outcome.letter, inputs.resume),
    )
    text = (f"Cover letter v{version.version_number} for {title} at {company} saved "
            f"(version id {version.id}).\n{outcome.report.summary()}")
    return text, {"version_id": str(version.id), "actions": LETTER_ACTIONS}


async def refine_document(
    scope: Scope, *, instruction: str, version_id: str | None, model: ModelConnection | None,
    progress: Progress,
) -> tuple[str, dict[str, Any]]:
    instruction = " ".join((instruction or "").split())
    if not instruction:
        raise Mistake("Say what to change, in the person's words (e.g. 'make it shorter').")
    conn = require_model(model)
    async with scope.sessions() as session:
        parent = await _refinement_target(session, scope, version_id)
        source_row = (await get_resume(session, scope.owner_id, parent.source_resume_id)
                      if parent.source_resume_id else None)
        if source_row is None:
            raise Mistake("The resume this version came from was deleted, so its facts cannot "
                          "be checked. Tailor again from a saved resume.")
        facts = await fact_texts(session, scope.owner_id)
        letter = await letter_data(session, scope.owner_id, parent.id) \
            if parent.kind == "cover_letter" else None
        job = await get_job(session, scope.owner_id, parent.job_id) if parent.job_id else None
    source = load_resume(source_row.markdown)
    if parent.kind == "cover_letter":
        if letter is None:
            raise Mistake("This cover letter was saved without its structure; write a new one.")
        outcome = await refine_letter(
            conn, current=CoverLetter.model_validate(letter), source=source,
            instruction=instruction, facts=facts, progress=progress,
            posting="\n".join(x for x in (job.title, job.company, job.posting_text) if x)
            if job else None)
        markdown = write_cover_letter_markdown(outcome.letter)
        extra: dict[str, Any] = {"letter": outcome.letter.model_dump(mode="json"),
                                 "match_score": None,
                                 "provenance": letter_provenance(outcome.letter, source)}
        actions = LETTER_ACTIONS
    else:
        outcome = await refine_resume(
            conn, current=load_resume(parent.markdown), source=source,
            instruction=instruction, facts=facts, progress=progress)
        markdown = write_resume(outcome.resume)
        # Bullets the refinement left alone keep their sources and the person's decisions.
        extra = {"match_score": _score(job, outcome.resume, facts),
                 "provenance": to_stored(outcome.resume, resume_origins(
                     outcome.resume, parent.provenance, source))}
        actions = RESUME_ACTIONS
    version = await _save(
        scope, kind=parent.kind, job_id=parent.job_id, source_resume_id=source_row.id,
        markdown=markdown, parent=parent,
        instruction=instruction, model=outcome.model, prompt_version=outcome.prompt_version,
        fact_check=outcome.report.to_dict(), **extra,
    )
    lines = [f"Version {version.version_number} saved (version id {version.id}), refined from "
             f"v{parent.version_number}: {len(outcome.applied)} change(s) applied."]
    lines += [f"- not applied: {r.edit.target}: {r.reason}" for r in outcome.refused]
    lines += [outcome.diff, outcome.report.summary()]
    return "\n".join(line for line in lines if line), {
        "version_id": str(version.id), "actions": actions}


async def _refinement_target(
    session: AsyncSession, scope: Scope, version_id: str | None
) -> GeneratedDocument:
    if version_id and version_id.strip().lower() != "latest":
        return await owned_version(session, scope, version_id)
    state = await get_state(session, scope.owner_id, scope.thread_id)
    if state is None or state.last_version_id is None:
        raise Mistake("Nothing was generated in this conversation yet; tailor a resume or write "
                      "a cover letter first, or give a version id from show_versions.")
    return await owned_version(session, scope, str(state.last_version_id))


def _score(job: Job | None, resume: Resume, facts: list[str]) -> dict[str, Any] | None:
    if job is None:
        return None
    report = score_match(resume, requirements_for(job)[0], facts)
    return {"score": report.score, "report": report.to_dict()}


async def _save(
    scope: Scope, *, kind: str, job_id: uuid.UUID | None, source_resume_id: uuid.UUID,
    markdown: str, parent: GeneratedDocument | None, instruction: str | None, model: str,
    prompt_version: str, fact_check: dict[str, Any], match_score: dict[str, Any] | None,
    letter: dict[str, Any] | None = None, provenance: dict[str, Any] | None = None,
) -> GeneratedDocument:
    async with scope.sessions.begin() as session:
        version = await create_version(
            session, scope.owner_id, kind=kind,
            job_id=job_id, source_resume_id=source_resume_id,
            parent_id=parent.id if parent else None,
            markdown=markdown, instruction=instruction, model=model,
            prompt_version=prompt_version, fact_check=fact_check, match_score=match_score,
            letter=letter, provenance=provenance,
        )
        if version.job_id is not None:
            await update_state(session, scope.owner_id, scope.thread_id,
                               last_version_id=version.id, active_job_id=version.job_id)
        else:
            await update_state(session, scope.owner_id, scope.thread_id,
                               last_version_id=version.id)
    return version
