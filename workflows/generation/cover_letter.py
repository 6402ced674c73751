"""Cover letters: the model writes body paragraphs only; code adds the addresses, date, greeting,
closing and signature, then the fact check removes any sentence the resume does not support."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, Field

from core.errors import UserFacingError
from documents.markdown import write_resume
from documents.model import CoverLetter, Resume
from engine.factcheck.check import FactCheckReport, fact_check_letter
from engine.job_analysis import JobAnalysis
from llm.structured import ModelConnection, as_data, structured_call
from prompts import load_prompt
from workflows.generation.analysis import prompt_version
from workflows.generation.tailoring import facts_block, job_brief
from workflows.progress import Progress

TONES = ("professional", "warm", "enthusiastic", "concise")
LENGTHS = {"short": 2, "medium": 3, "long": 4}
# Greeting to a named person, to a team, and the closing, per posting language.
_WORDING = {
    "en": ("Dear {name},", "Dear {company} hiring team,", "Sincerely,"),
    "fr": ("Madame, Monsieur {name},", "Madame, Monsieur,", "Cordialement,"),
    "es": ("Estimado/a {name}:", "Estimado equipo de selección de {company}:", "Atentamente,"),
    "de": ("Sehr geehrte/r {name},", "Sehr geehrtes {company}-Team,", "Mit freundlichen Grüßen"),
}


class LetterBody(BaseModel):
    paragraphs: list[str] = Field(description="body paragraphs only, no greeting or closing")


@dataclass(frozen=True)
class LetterOutcome:
    letter: CoverLetter
    report: FactCheckReport
    prompt_version: str
    model: str


def _check_options(tone: str, length: str) -> None:
    if tone not in TONES:
        raise UserFacingError(f"The tone “{tone}” is not one I know; choose one of "
                              f"{', '.join(TONES)}.")
    if length not in LENGTHS:
        raise UserFacingError(f"The length “{length}” is not one I know; choose one of "
                              f"{', '.join(LENGTHS)}.")


async def draft_cover_letter(
    conn: ModelConnection, *, resume: Resume, analysis: JobAnalysis, company: str,
    job_title: str, location: str | None, hiring_manager: str | None, facts: Sequence[str],
    today: dt.date, tone: str = "professional", length: str = "medium", progress: Progress,
    posting: str | None = None,
) -> LetterOutcome:
    """`posting` (the job's text) is the source of the employer's names the fact check lets the
    letter use: job title, company, team, products, reference code."""
    _check_options(tone, length)
    contact = resume.personal.contact if resume.personal else None
    if contact is None:
        raise UserFacingError("The resume has no name in its contact details, and a cover "
                              "letter needs one. Add a Name under Contact Information first.")
    language = (analysis.language or "en").lower()[:2]
    named, team, closing = _WORDING.get(language, _WORDING["en"])
    prompt = load_prompt("cover_letter")
    system = prompt.render(
        language=language, tone=tone, length=length, paragraph_count=str(LENGTHS[length]),
        company=company, job_title=job_title, job=job_brief(analysis), facts=facts_block(facts))
    messages = [SystemMessage(system), HumanMessage(as_data(write_resume(resume), "RESUME"))]
    async with progress.step(f"Writing the cover letter for {job_title} at {company}"):
        body = await structured_call(conn, LetterBody, messages, purpose="write the cover letter")
    paragraphs = tuple(p.strip() for p in body.paragraphs if p.strip())
    if not paragraphs:
        raise UserFacingError("The model returned an empty cover letter. Try again.")
    draft = CoverLetter(
        sender_name=contact.name, sender_email=contact.email, sender_phone=contact.phone,
        sender_location=contact.location, date=today, recipient_name=hiring_manager or None,
        company=company, company_location=location or None,
        greeting=named.format(name=hiring_manager) if hiring_manager
        else team.format(company=company),
        paragraphs=tuple(" ".join(p.split()) for p in paragraphs),
        closing=closing, signature=contact.name, language=language,
    )
    async with progress.step("Fact check") as step:
        names = "\n".join([job_title, company, posting or ""])
        letter, report = fact_check_letter(resume, draft, facts, posting=names, today=today)
        await step.update(report.summary())
    return LetterOutcome(letter, report, prompt_version("cover_letter"), conn.label)
