"""Refinement from an instruction: the model proposes edits, code decides which ones apply.

An edit applies only when its target exists, is not an identity field, its `original` equals the
current text exactly (so an edit written against an older version is refused, not misapplied),
and its replacement claims nothing the person's material does not support. The result then passes
the whole fact check. The person sees a word diff of what changed and every refusal with its reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, Field

from documents.model import CoverLetter, Resume
from engine.diff import word_diff
from engine.factcheck.check import FactCheckReport, fact_check_letter, fact_check_resume
from engine.factcheck.claims import (
    Support,
    facts_support,
    resume_support,
    too_long,
    unsupported_claims,
)
from engine.refinement_targets import (
    TargetError,
    apply_letter_edits,
    apply_resume_edits,
    letter_targets,
    resume_targets,
)
from llm.structured import ModelConnection, as_data, structured_call
from prompts import load_prompt
from workflows.generation.analysis import prompt_version
from workflows.generation.tailoring import facts_block
from workflows.progress import Progress


class Edit(BaseModel):
    target: str = Field(description='e.g. "role 2 bullet 3", "role 1 summary 1", "banner 1"')
    original: str = Field(description="the target's current text, copied exactly")
    replacement: str = Field(description="the new text; empty to remove the piece")
    reason: str = ""


class EditList(BaseModel):
    edits: list[Edit]


@dataclass(frozen=True)
class RefusedEdit:
    edit: Edit
    reason: str


@dataclass(frozen=True)
class RefinementOutcome:
    resume: Resume
    applied: list[Edit]
    refused: list[RefusedEdit]
    report: FactCheckReport
    diff: str
    prompt_version: str
    model: str


@dataclass(frozen=True)
class LetterRefinementOutcome:
    letter: CoverLetter
    applied: list[Edit]
    refused: list[RefusedEdit]
    report: FactCheckReport
    diff: str
    prompt_version: str
    model: str


def _listing(targets: dict[str, str], context: Sequence[str]) -> str:
    return "\n".join([*context, *(f"[{target}] {text}" for target, text in targets.items())])


async def _ask(conn: ModelConnection, listing: str, instruction: str, facts: Sequence[str],
               progress: Progress) -> list[Edit]:
    messages = [SystemMessage(load_prompt("refine").render(facts=facts_block(facts))),
                HumanMessage(as_data(listing, "DOCUMENT") + "\n"
                             + as_data(instruction, "INSTRUCTION"))]
    async with progress.step("Working out the edits"):
        result = await structured_call(conn, EditList, messages, purpose="work out the edits")
    return result.edits


def _refusal(edit: Edit, current: dict[str, str], support: Support, names: Support) -> str | None:
    target = " ".join(edit.target.lower().split())
    if target not in current:
        return "no such part in the current version"
    if " ".join(edit.original.split()) != " ".join(current[target].split()):
        return "its original text does not match the current version (stale edit)"
    replacement = edit.replacement.strip()
    if "\n" in replacement:
        return "a replacement must be a single line"
    if too_long(replacement):
        return "the replacement is longer than a resume line may be"
    problems = unsupported_claims(replacement, support, names)
    if problems:
        return f"it claims {', '.join(problems)}, which your resume and facts do not contain"
    return None


def _diff(applied: list[Edit]) -> str:
    if not applied:
        return "(no changes)"
    lines = []
    for edit in applied:
        shown = (word_diff(edit.original, edit.replacement) if edit.replacement
                 else f"~~{edit.original}~~ (removed)")
        lines.append(f"- {edit.target}: {shown}")
    return "\n".join(lines)


def _screen(edits: list[Edit], current: dict[str, str], support: Support, names: Support
            ) -> tuple[list[Edit], list[RefusedEdit]]:
    applied, refused, touched = [], [], set()
    for edit in edits:
        reason = _refusal(edit, current, support, names)
        key = " ".join(edit.target.lower().split())
        if reason is None and key in touched:
            reason = "another edit already changed this part"
        if reason is None:
            touched.add(key)
            applied.append(edit.model_copy(update={"target": key,
                                                   "replacement": edit.replacement.strip()}))
        else:
            refused.append(RefusedEdit(edit, reason))
    return applied, refused


async def refine_resume(
    conn: ModelConnection, *, current: Resume, source: Resume, instruction: str,
    facts: Sequence[str], progress: Progress,
) -> RefinementOutcome:
    targets, context = resume_targets(current)
    edits = await _ask(conn, _listing(targets, context), instruction, facts, progress)
    # Screened against everything the person has; the fact check below then holds each role
    # line to its own role's source.
    whole = resume_support(source) | facts_support(facts)
    applied, refused = _screen(edits, targets, whole, whole)
    candidate = apply_resume_edits(current, [(e.target, e.replacement) for e in applied])
    async with progress.step("Fact check") as step:
        checked, report = fact_check_resume(source, candidate, facts)
        await step.update(report.summary())
    return RefinementOutcome(checked, applied, refused, report, _diff(applied),
                             prompt_version("refine"), conn.label)


async def refine_letter(
    conn: ModelConnection, *, current: CoverLetter, source: Resume, instruction: str,
    facts: Sequence[str], progress: Progress, posting: str | None = None,
) -> LetterRefinementOutcome:
    targets = letter_targets(current)
    edits = await _ask(conn, _listing(targets, []), instruction, facts, progress)
    addressed = [x for x in (current.company, current.recipient_name, current.company_location)
                 if x]
    # The posting's names pass this first screen; the fact check below decides whether a
    # sentence uses them as the employer's facts or, wrongly, as the person's.
    whole = resume_support(source) | facts_support(facts) | Support.of([*addressed,
                                                                        *(posting or "").split()])
    applied, refused = _screen(edits, targets, whole, whole)
    try:
        candidate = apply_letter_edits(current, [(e.target, e.replacement) for e in applied])
    except TargetError as exc:
        refused += [RefusedEdit(e, str(exc)) for e in applied]
        applied, candidate = [], current
    async with progress.step("Fact check") as step:
        checked, report = fact_check_letter(source, candidate, facts, posting=posting)
        await step.update(report.summary())
    return LetterRefinementOutcome(checked, applied, refused, report, _diff(applied),
                                   prompt_version("refine"), conn.label)


__all__ = ["Edit", "LetterRefinementOutcome", "RefinementOutcome", "RefusedEdit",
           "refine_letter", "refine_resume"]
