"""What a generation starts from, loaded in one short transaction (no model call holds it open)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import UserFacingError
from db.facts import fact_texts
from db.models import Job
from db.models import Resume as ResumeRow
from documents import Resume, load_resume
from engine.job_analysis import JobAnalysis
from engine.requirements import (
    Requirement,
    extract_requirements,
    read_analysis,
)
from llm.structured import ModelConnection
from workflows.library.common import Scope, current_job, current_resume

NO_MODEL = (
    "No language model is configured, so this cannot be done yet. Set a base URL, model and key "
    "in /settings (or ask your administrator to set the instance default), then ask again."
)


def require_model(model: ModelConnection | None) -> ModelConnection:
    if model is None:
        raise UserFacingError(NO_MODEL)
    return model


@dataclass(frozen=True)
class Inputs:
    job: Job
    resume_row: ResumeRow
    resume: Resume
    facts: list[str]

    @property
    def analysis(self) -> JobAnalysis | None:
        return JobAnalysis.model_validate(self.job.analysis) if self.job.analysis else None


async def load_inputs(
    session: AsyncSession, scope: Scope, job_id: str | None, resume_id: str | None
) -> Inputs:
    # The resume first: a person without one needs to hear about that before anything else.
    resume_row = await current_resume(session, scope, resume_id)
    job = await current_job(session, scope, job_id)
    return Inputs(job, resume_row, load_resume(resume_row.markdown),
                  await fact_texts(session, scope.owner_id))


def requirements_for(job: Job) -> tuple[list[Requirement], str]:
    """From the stored analysis when there is one, else read from the posting by code."""
    if job.analysis:
        # Checked against the posting again: an analysis stored before quoting was enforced
        # may hold items the posting never says.
        reading = read_analysis(JobAnalysis.model_validate(job.analysis), job.posting_text)
        if reading.dropped:
            return reading.requirements, (
                f"analysis; left out {len(reading.dropped)} item(s) the posting does not say "
                f"word for word: {'; '.join(reading.dropped)}")
        return reading.requirements, "analysis"
    return extract_requirements(job.posting_text), "posting text"
