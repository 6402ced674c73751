"""The match report as the person sees it: a card the app renders from the engine's own report.

The model gets a short text that points at the card (it must not retell a score or a list it
could misstate); the card gets everything the engine verified: the score and its parts, each
matched requirement with the resume line that proves it and the item around that line, each
missing one, and the stretch of the posting every requirement was read from (its character
offsets, which the requirement readers keep). The card's buttons name a requirement by its key;
``card_requirement`` finds it again from the person's own job, so a forged key or someone else's
job is refused the same way as an unknown one.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from db.jobs import get_job
from db.models import Job
from db.resumes import get_resume
from documents import Resume
from engine.requirements import Requirement
from engine.scoring import MatchReport
from engine.scoring_evidence import Evidence, resume_lines
from workflows.generation.inputs import Inputs, requirements_for
from workflows.library.common import Scope, job_label

PART_LABELS = {"required": "Required", "duties": "Responsibilities", "preferred": "Preferred",
               "years/level/degree": "Years, level and degree", "role title": "Role title"}
# Years and level are counted from dates and titles; there is nothing to ask the person there.
NOT_ASKED = ("years", "seniority", "occupation")  # the engine says why; nothing to ask
CONTEXT_LINES = 12
SPAN_CONTEXT = 120


def requirement_key(requirement: Requirement) -> str:
    return f"{requirement.kind}:{requirement.key}"


def model_text(inputs: Inputs, origin: str) -> str:
    """What the model reads: where the report is and what may come next, but no score and no
    list, so there is nothing for it to retype (or misstate). The card's buttons start the gap
    interview for one requirement at a time."""
    return (f'Match of "{inputs.resume_row.name}" against {job_label(inputs.job)} computed '
            f"(requirements from the {origin}). The person sees it as a card above your reply: "
            "the score and its parts, every matched requirement with the resume line that "
            "proves it, and every missing one with buttons that start the gap interview. Do "
            "not repeat the score, its parts or the lists; say in a sentence or two that the "
            "card shows the match, and suggest the next step (tailor the resume, or press "
            "“I have this” on a missing item they have).")


def card_props(inputs: Inputs, origin: str, report: MatchReport) -> dict[str, Any]:
    """The card's data (kept with the chat element, so a reopened thread shows the same card)."""
    posting = inputs.job.posting_text
    items = _items_by_place(inputs.resume, inputs.facts)
    return {
        "job_id": str(inputs.job.id),
        "resume_id": str(inputs.resume_row.id),
        "title": f"“{inputs.resume_row.name}” against {job_label(inputs.job)}",
        "origin": origin,
        "application": application_status(inputs.job),
        "score": report.score,
        "parts": [{"part": p, "label": PART_LABELS.get(p, p), "earned": e, "possible": w}
                  for p, e, w in report.parts if w],
        "blockers": list(report.blockers),
        "notes": list(report.notes),
        "matched": [
            {"key": requirement_key(m.requirement), "text": m.requirement.text,
             "tag": _tag(m.requirement), "listed_only": not m.strong, "detail": m.detail,
             "evidence": [_evidence(e, items) for e in m.evidence[:3]],
             "posting": _posting_spans(posting, m.requirement)}
            for m in report.matched
        ],
        "missing": [
            {"key": requirement_key(m.requirement), "text": m.requirement.text,
             "tag": _tag(m.requirement), "bucket": m.bucket,
             "why": _why(m.requirement, m.bucket, m.suggestion),
             "askable": m.requirement.kind not in NOT_ASKED,
             "posting": _posting_spans(posting, m.requirement)}
            for m in report.missing
        ],
    }


def application_status(job: Job) -> str:
    """"applied on 2026-12-04", or "saved": where the application stands, as the tracker has it."""
    return f"{job.status} on {job.status_on.isoformat()}" if job.status_on else job.status


def _tag(requirement: Requirement) -> str:
    if not requirement.required:
        return "preferred"
    return "responsibility" if requirement.part == "duties" else "required"


def _why(requirement: Requirement, bucket: str, suggestion: str) -> str:
    """For the person, not the model: the engine's suggestion is written to the assistant."""
    if bucket == "not checked" or requirement.kind in NOT_ASKED:
        return _sentence(suggestion)
    if requirement.required:
        return "Your resume does not show it. If you have it, tell me where you used it."
    return "Optional: add it only if you have really used it."


def _sentence(text: str) -> str:
    text = text.strip()
    return (text[:1].upper() + text[1:]).rstrip(".") + "." if text else ""


def _items_by_place(resume: Resume, facts: Sequence[str]) -> dict[tuple[str, str], list[str]]:
    items: dict[tuple[str, str], list[str]] = {}
    for evidence in resume_lines(resume, facts):
        lines = items.setdefault((evidence.section, evidence.item), [])
        if evidence.line not in lines:
            lines.append(evidence.line)
    return items


def _evidence(evidence: Evidence, items: Mapping[tuple[str, str], list[str]]) -> dict[str, Any]:
    context = list(items.get((evidence.section, evidence.item), [evidence.line]))
    if evidence.line in context and context.index(evidence.line) >= CONTEXT_LINES:
        context = [*context[: CONTEXT_LINES - 1], evidence.line]
    return {**evidence.to_dict(), "context": context[:CONTEXT_LINES]}


def _posting_spans(posting: str, requirement: Requirement) -> list[dict[str, Any]]:
    """Each cited range with the rest of its line around it, as the posting has it."""
    shown = []
    for start, end in requirement.spans[:2]:
        if not 0 <= start < end <= len(posting):
            continue
        line_start = posting.rfind("\n", 0, start) + 1
        line_end = posting.find("\n", end)
        line_end = len(posting) if line_end < 0 else line_end
        # A list item's bullet is layout, not the posting's words.
        lead = posting[line_start:start]
        line_start += len(lead) - len(lead.lstrip("-*• \t"))
        before_start = max(line_start, start - SPAN_CONTEXT)
        after_end = min(line_end, end + SPAN_CONTEXT)
        shown.append({
            "start": start, "end": end,
            "before": ("…" if before_start > line_start else "") + posting[before_start:start],
            "text": posting[start:end],
            "after": posting[end:after_end] + ("…" if after_end < line_end else ""),
        })
    return shown


@dataclass(frozen=True)
class CardItem:
    """A requirement a card's button named, found again in the person's own job."""

    job: Job
    requirement: Requirement

    @property
    def label(self) -> str:
        return job_label(self.job)


def _uuid(value: object) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


async def card_requirement(scope: Scope, payload: object) -> CardItem | None:
    """The button's job, resume and requirement if all three are the person's; else None (the
    same for an unknown id, someone else's id and a key the job does not have)."""
    if not isinstance(payload, Mapping) or not isinstance(payload.get("requirement"), str):
        return None
    job_id, resume_id = _uuid(payload.get("job_id")), _uuid(payload.get("resume_id"))
    if job_id is None or resume_id is None:
        return None
    async with scope.sessions() as session:
        job = await get_job(session, scope.owner_id, job_id)
        resume = await get_resume(session, scope.owner_id, resume_id)
    if job is None or resume is None:
        return None
    for requirement in requirements_for(job)[0]:
        if requirement_key(requirement) == payload["requirement"]:
            return CardItem(job, requirement)
    return None
