"""Deterministic scorers for a tailored resume against its master: each answers one question.

They reuse the fact check's primitives but do not repair anything: they report. A tailoring that
is not even a valid resume fails `schema_valid` and every other scorer with "not parseable".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from documents.markdown import parse_resume, write_resume
from documents.model import Resume
from engine.factcheck.claims import (
    Support,
    facts_support,
    numbers_in,
    resume_support,
    role_lines,
    role_support,
    unsupported_claims,
)
from engine.requirements import Requirement
from engine.scoring import score_match


@dataclass(frozen=True)
class Verdict:
    scorer: str
    passed: bool
    detail: str


@dataclass(frozen=True)
class Case:
    name: str
    source: Resume
    requirements: list[Requirement]
    facts: Sequence[str] = ()


def _identity(role) -> tuple:
    return (role.company, role.title, role.start, role.end)


def sections_preserved(case: Case, tailored: Resume) -> Verdict:
    source = case.source
    lost = [name for name, before, after in (
        ("personal", source.personal, tailored.personal),
        ("education", source.degrees, tailored.degrees),
        ("certifications", source.certifications, tailored.certifications),
        ("roles", source.roles, tailored.roles),
    ) if before and not after]
    return Verdict("sections_preserved", not lost, f"lost: {', '.join(lost)}" if lost else "ok")


def identity_unchanged(case: Case, tailored: Resume) -> Verdict:
    source = case.source
    problems = []
    if [_identity(r) for r in source.roles] != [_identity(r) for r in tailored.roles]:
        problems.append("roles (company, title or dates) differ")
    if source.degrees != tailored.degrees and tailored.degrees:
        problems.append("education differs")
    if sorted(map(repr, source.certifications)) != sorted(map(repr, tailored.certifications)):
        problems.append("certifications differ")
    contact = (source.personal.contact if source.personal else None,
               tailored.personal.contact if tailored.personal else None)
    if contact[0] != contact[1]:
        problems.append("contact details differ")
    return Verdict("identity_unchanged", not problems, "; ".join(problems) or "ok")


def _role_pairs(case: Case, tailored: Resume):
    by_company = {r.company: r for r in case.source.roles}
    return [(by_company.get(r.company), r) for r in tailored.roles]


def no_fabricated_employers(case: Case, tailored: Resume) -> Verdict:
    whole = resume_support(case.source) | facts_support(case.facts)
    problems = [f"role at {r.company}" for s, r in _role_pairs(case, tailored) if s is None]
    lines = [*(tailored.personal.banner if tailored.personal else ())]
    for role in tailored.roles:
        lines += role_lines(role)
    names_only = Support(frozenset(), frozenset(), whole.words, "")
    for line in lines:
        problems += [p for p in unsupported_claims(line, whole, names_only | whole)
                     if p.startswith("the name")]
    return Verdict("no_fabricated_employers", not problems, "; ".join(problems) or "ok")


def no_fabricated_skills(case: Case, tailored: Resume) -> Verdict:
    facts = facts_support(case.facts)
    problems = []
    for source, role in _role_pairs(case, tailored):
        support = (role_support(source) if source else Support.of([])) | facts
        problems += [f"{s} at {role.company}" for s in role.skills
                     if not support.supports_skill(s)]
        for line in role_lines(role):
            problems += [f"{p} at {role.company}" for p in unsupported_claims(line, support,
                                                                               support)
                         if p.startswith("“")]
    return Verdict("no_fabricated_skills", not problems, "; ".join(problems) or "ok")


def no_fabricated_numbers(case: Case, tailored: Resume) -> Verdict:
    facts = facts_support(case.facts)
    problems = []
    for source, role in _role_pairs(case, tailored):
        allowed = ((role_support(source) if source else Support.of([])) | facts).numbers
        for line in role_lines(role):
            problems += [f"{n} at {role.company}" for n in sorted(numbers_in(line) - allowed)]
    banner = tailored.personal.banner if tailored.personal else ()
    allowed = (resume_support(case.source) | facts).numbers
    problems += [f"{n} in the banner" for line in banner for n in numbers_in(line) - allowed]
    return Verdict("no_fabricated_numbers", not problems, "; ".join(problems) or "ok")


def keyword_coverage(case: Case, tailored: Resume) -> Verdict:
    before = score_match(case.source, case.requirements, case.facts).score
    after = score_match(tailored, case.requirements, case.facts).score
    return Verdict("keyword_coverage", after >= before, f"{before} -> {after}")


Scorer = Callable[[Case, Resume], Verdict]
SCORERS: tuple[Scorer, ...] = (sections_preserved, identity_unchanged, no_fabricated_employers,
                               no_fabricated_skills, no_fabricated_numbers, keyword_coverage)
SCORER_NAMES = ("schema_valid", *(s.__name__ for s in SCORERS))


def score_text(case: Case, markdown: str) -> list[Verdict]:
    """Every scorer on a tailored resume given as Markdown (as it would be saved)."""
    parsed = parse_resume(markdown)
    if parsed.resume is None or not parsed.ok:
        first = parsed.errors[0].message if parsed.errors else "no resume"
        return [Verdict("schema_valid", False, first),
                *(Verdict(s.__name__, False, "not parseable") for s in SCORERS)]
    resume = parsed.resume
    stable = write_resume(resume) == write_resume(parse_resume(write_resume(resume)).resume)
    verdicts = [Verdict("schema_valid", stable, "ok" if stable else "does not round-trip")]
    return verdicts + [scorer(case, resume) for scorer in SCORERS]
