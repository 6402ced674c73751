"""Tailoring a resume to a job: each role refined on its own, concurrently, then a banner.

Every role call sees one role (numbered source lines), the job's needs and the confirmed facts,
never the whole resume. Each finished role goes to a `RoleStore` at once, so a retry after a
failure asks the model only for what is missing. Projects, education, certifications and the
person's skills, languages, awards, volunteering and publications are selected and ordered by
code (tailoring_select). The assembled resume passes the fact check before it is returned.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, Field, field_validator

from core.errors import UserFacingError
from db.tailoring_progress import run_key
from documents.model import Resume, Role
from engine.cited_lines import cite, split_cited
from engine.factcheck.check import FactCheckReport, fact_check_resume
from engine.factcheck.claims import Support, role_lines, unsupported_numbers
from engine.factcheck.repair import Finding
from engine.job_analysis import JobAnalysis
from engine.provenance import tailored_provenance
from engine.requirements import Requirement, requirements_from_analysis
from engine.scoring import MatchReport, score_match
from engine.tailoring_select import order_projects, order_role_skills, order_supporting
from llm.structured import ModelConnection, as_data, structured_call
from prompts import load_prompt
from workflows.generation.analysis import prompt_version
from workflows.progress import Progress, ProgressStep

__all__ = ["InMemoryRoleStore", "RoleStore", "TailoredBullets", "TailoredRole", "TailoringOutcome",
           "run_key", "tailor_role_by_role"]


class RoleStore(Protocol):
    async def get(self, key: str) -> dict[str, Any] | None: ...

    async def put(self, key: str, data: dict[str, Any]) -> None: ...


class InMemoryRoleStore:
    def __init__(self) -> None:
        self.data: dict[str, dict[str, Any]] = {}

    async def get(self, key: str) -> dict[str, Any] | None:
        return self.data.get(key)

    async def put(self, key: str, data: dict[str, Any]) -> None:
        self.data[key] = data


# The fields carry no descriptions: the prompts (tailor_role, banner) say what each holds, and a
# schema goes out with every call, six times in a six-role tailoring. For the same reason a
# bullet is one string that starts with its citation ("[2,3] text", see engine.cited_lines), not
# an object, and a role's skills are ordered by code (order_role_skills), not asked for.


# A role without a summary of its own gets none (a summary cites nothing), so its schema does
# not offer one. (No docstrings on these models: pydantic would send them as descriptions.)
class TailoredBullets(BaseModel):
    bullets: list[str]

    @field_validator("bullets", mode="before")
    @classmethod
    def _stored_objects(cls, value: object) -> object:
        # Roles kept by a tailoring that failed before this format (tailoring_progress) hold
        # bullets as {"text", "sources"}: read them in the current form, citations included.
        if not isinstance(value, list):
            return value
        return [cite([n for n in item.get("sources") or [] if isinstance(n, int)],
                     str(item.get("text", "")))
                if isinstance(item, dict) else item for item in value]


class TailoredRole(TailoredBullets):
    summary: list[str] = Field(default_factory=list)


class TailoredBanner(BaseModel):
    lines: list[str]


@dataclass(frozen=True)
class TailoringOutcome:
    resume: Resume
    report: FactCheckReport
    score_before: MatchReport
    score_after: MatchReport
    prompt_version: str
    model: str
    reused_roles: int = 0
    provenance: dict[str, Any] | None = None


def job_brief(analysis: JobAnalysis) -> str:
    """What each call needs to know about the job, in few tokens; none of the posting's prose."""
    parts = [f"{analysis.title or 'the role'}" + (f" at {analysis.company}" if analysis.company
                                                   else "")]
    if analysis.required_skills:
        parts.append("required: " + ", ".join(analysis.required_skills))
    if analysis.preferred_skills:
        parts.append("preferred: " + ", ".join(analysis.preferred_skills))
    if analysis.keywords:
        parts.append("keywords: " + ", ".join(analysis.keywords[:8]))
    return "; ".join(parts)


def facts_block(facts: Sequence[str]) -> str:
    return " | ".join(facts) or "none"


def _numbered(role: Role) -> str:
    # Dates stay (they set the tense: a current role's bullets read in the present); the skills
    # line went: skills are ordered by code, and a bullet may use only what its lines say.
    dates = f", {role.start} - {role.end or 'present'}" if role.start else " (no dates given)"
    lines = [f"{i}. {line}" for i, line in enumerate(role_lines(role), start=1)]
    return "\n".join([f"{role.title} at {role.company}{dates}", *lines])


def _cited_bullets(role: Role, output: TailoredRole, where: str,
                   report: FactCheckReport, cited_by: dict[str, tuple[str, ...]]
                   ) -> tuple[str, ...]:
    """Bullets whose citations are real and whose numbers are in the cited lines; ``cited_by``
    receives each kept bullet's cited lines (its provenance)."""
    source = role_lines(role)
    bullets: list[str] = []
    for bullet in output.bullets:
        numbers, text = split_cited(bullet)
        cited = [source[i - 1] for i in numbers if 1 <= i <= len(source)]
        if not text:
            continue
        if not cited:
            report.add(Finding("uncited", text, None, "repaired", "cites no real source line"),
                       f"{where}: bullet citing no real source line removed: “{text[:80]}”")
            continue
        extra = unsupported_numbers(text, Support.of(cited))
        if extra:
            report.add(Finding("number_changed", text, cited[0], "repaired",
                               f"the number {', '.join(extra)} is not in the line it cites"),
                       f"{where}: bullet claimed the number {', '.join(extra)} not in the line "
                       f"it cites; source line kept: “{text[:80]}”")
            text = cited[0]
        if text not in bullets:
            bullets.append(text)
            cited_by[text] = tuple(cited)
    return tuple(bullets)


def _apply(role: Role, output: TailoredRole, report: FactCheckReport,
           cited_by: dict[str, tuple[str, ...]], requirements: Sequence[Requirement]) -> Role:
    where = f"{role.title} at {role.company}"
    summary = tuple(s.strip() for s in output.summary if s.strip())[:2]
    tasks = _cited_bullets(role, output, where, report, cited_by)
    return role.model_copy(update={
        "summary": summary or role.summary,
        "tasks": tasks or role.tasks,
        "skills": order_role_skills(role.skills, requirements),
    })


async def _tailor_one(conn: ModelConnection, role: Role, job: str, facts: str,
                      step: ProgressStep) -> TailoredRole:
    # One system prompt for every role (a prefix a server can cache across the parallel calls);
    # what differs per role is the ROLE block and whether the schema offers a summary.
    prompt = load_prompt("tailor_role")
    messages = [SystemMessage(prompt.render(job=job, facts=facts)),
                HumanMessage(as_data(_numbered(role), "ROLE"))]
    schema = TailoredRole if role.summary else TailoredBullets
    output = await structured_call(conn, schema, messages,
                                   purpose=f"tailor the role {role.title} at {role.company}",
                                   on_wait=step.update)
    return TailoredRole.model_validate(output.model_dump())


def _lead(role: Role) -> str:
    return (role.tasks or role.summary or ("",))[0]


async def _banner(conn: ModelConnection, resume: Resume, roles: Sequence[Role], job: str,
                  progress: Progress) -> tuple[str, ...] | None:
    current = resume.personal.banner if resume.personal else ()
    # Titles, skills and the lead bullet per role: enough to summarise, a fraction of the tokens.
    numbered = "\n".join(
        f"{i}. {r.title} at {r.company}; {', '.join(r.skills)}; {_lead(r)}"
        for i, r in enumerate(roles, start=1))
    messages = [SystemMessage(load_prompt("banner").render(job=job)),
                HumanMessage(as_data(numbered, "ROLES") + "\n"
                             + as_data(" ".join(current) or "none", "BANNER"))]
    async with progress.step("Writing the summary"):
        result = await structured_call(conn, TailoredBanner, messages,
                                       purpose="write the resume summary")
    # The cited role numbers keep the model to what the roles say; the fact check judges the
    # lines themselves, so only the text is kept.
    lines = tuple(text for text in (split_cited(line)[1] for line in result.lines) if text)
    return lines or None


async def _roles(conn: ModelConnection, resume: Resume, job: str, facts: str,
                 progress: Progress, store: RoleStore, concurrency: int
                 ) -> tuple[list[TailoredRole], int]:
    limit = asyncio.Semaphore(max(1, concurrency))
    reused = 0

    async def one(index: int, role: Role) -> TailoredRole:
        nonlocal reused
        key = f"role-{index}"
        stored = await store.get(key)
        if stored is not None:
            reused += 1
            return TailoredRole.model_validate(stored)
        async with limit, progress.step(f"Tailoring: {role.title} at {role.company}") as step:
            output = await _tailor_one(conn, role, job, facts, step)
        await store.put(key, output.model_dump())
        return output

    results = await asyncio.gather(*(one(i, r) for i, r in enumerate(resume.roles)),
                                   return_exceptions=True)
    failures = [(role, r) for role, r in zip(resume.roles, results, strict=True)
                if isinstance(r, BaseException)]
    for _, failure in failures:
        if not isinstance(failure, UserFacingError):
            raise failure  # a bug, not a model failure: let it propagate
    if failures:
        done = len(resume.roles) - len(failures)
        role, failure = failures[0]
        raise UserFacingError(
            f"Tailored {done} of {len(resume.roles)} roles; {role.title} at {role.company} "
            f"failed. {failure.message} Ask me to try again: the finished roles are kept "
            "and will not be redone.")
    return [r for r in results if isinstance(r, TailoredRole)], reused


async def tailor_role_by_role(
    conn: ModelConnection, *, resume: Resume, analysis: JobAnalysis, facts: Sequence[str],
    progress: Progress, store: RoleStore, concurrency: int = 4,
) -> TailoringOutcome:
    requirements = requirements_from_analysis(analysis)
    before = score_match(resume, requirements, facts)
    job, facts_text = job_brief(analysis), facts_block(facts)
    outputs, reused = await _roles(conn, resume, job, facts_text, progress, store, concurrency)
    citation_report = FactCheckReport()
    cited: list[dict[str, tuple[str, ...]]] = [{} for _ in resume.roles]
    roles = tuple(_apply(r, o, citation_report, c, requirements)
                  for r, o, c in zip(resume.roles, outputs, cited, strict=True))
    personal = resume.personal
    if personal is not None:
        try:
            banner = await _banner(conn, resume, roles, job, progress)
        except UserFacingError as exc:
            raise UserFacingError(f"{exc.message} All {len(roles)} roles are tailored and "
                                  "kept; ask me to try again to finish.") from exc
        if banner:
            personal = personal.model_copy(update={"banner": banner})
    candidate = Resume(
        personal=personal,
        degrees=resume.degrees,
        certifications=resume.certifications,
        projects=order_projects(resume.projects, requirements),
        roles=roles,
        **order_supporting(resume, requirements),
    )
    async with progress.step("Fact check") as step:
        checked, report = fact_check_resume(resume, candidate, facts)
        citation_report.merge(report)
        report = citation_report.finish()
        await step.update(report.summary())
    return TailoringOutcome(
        resume=checked, report=report, score_before=before,
        score_after=score_match(checked, requirements, facts),
        prompt_version=f"{prompt_version('tailor_role')}+{prompt_version('banner')}",
        model=conn.label, reused_roles=reused,
        provenance=tailored_provenance(resume, cited, checked, candidate),
    )
