"""The match score: computed by code from the job's requirements and the resume's own lines.

Each requirement earns full credit when a role, project, degree, certification, award,
volunteering, publication, spoken language or confirmed fact shows it in use, and half credit
when it only appears in a skills list (a role's or the person's own) or the banner: a keyword
dump cannot reach 100. Required requirements weigh twice as much as preferred ones. The same
inputs always give the same score (no model, no randomness, stable ordering).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from assistant.workflows.requirements import Requirement
from assistant.workflows.requirements_vocab import canonical, find_known_terms
from documents.model import Resume

REQUIRED_WEIGHT = 2.0
PREFERRED_WEIGHT = 1.0
LISTED_ONLY_CREDIT = 0.5
_STOP = frozenset(
    ["a", "an", "and", "the", "of", "in", "on", "for", "with", "to", "or", "using", "via", "at",
     "by", "from", "as", "its", "their"]
)


@dataclass(frozen=True)
class Evidence:
    section: str  # "Experience", "Projects", "Education", "Skills", "Awards", "Banner", "Facts"...
    item: str  # "Senior Data Engineer at Riverbend", a project title, a school ...
    line: str
    strong: bool  # shown in use, not just listed

    def to_dict(self) -> dict[str, object]:
        return {"section": self.section, "item": self.item, "line": self.line,
                "strong": self.strong}


@dataclass(frozen=True)
class Match:
    requirement: Requirement
    evidence: tuple[Evidence, ...]

    @property
    def strong(self) -> bool:
        return any(e.strong for e in self.evidence)


@dataclass(frozen=True)
class Missing:
    requirement: Requirement
    suggestion: str
    ask: bool  # a required skill the gap interview should ask the person about


@dataclass(frozen=True)
class MatchReport:
    score: int
    matched: tuple[Match, ...] = ()
    missing: tuple[Missing, ...] = ()
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, object]:
        return {
            "score": self.score,
            "matched": [
                {**m.requirement.to_dict(), "strong": m.strong,
                 "evidence": [e.to_dict() for e in m.evidence]}
                for m in self.matched
            ],
            "missing": [
                {**m.requirement.to_dict(), "suggestion": m.suggestion, "ask": m.ask}
                for m in self.missing
            ],
            "notes": list(self.notes),
        }

    def to_markdown(self, max_evidence: int = 1) -> str:
        lines = [f"**Match score: {self.score}/100**"]
        lines += [f"_{note}_" for note in self.notes]
        if self.matched:
            lines.append("\n**Matched**")
            for m in self.matched:
                tag = "required" if m.requirement.required else "preferred"
                shown = "; ".join(
                    f"{e.section} · {e.item}: “{e.line}”" for e in m.evidence[:max_evidence]
                )
                weak = "" if m.strong else " (listed only, no example)"
                lines.append(f"- {m.requirement.text} ({tag}){weak} — {shown}")
        if self.missing:
            lines.append("\n**Missing**")
            for m in self.missing:
                tag = "required" if m.requirement.required else "preferred"
                lines.append(f"- {m.requirement.text} ({tag}) — {m.suggestion}")
        return "\n".join(lines)


def score_change(before: MatchReport, after: MatchReport) -> str:
    delta = after.score - before.score
    sign = "+" if delta > 0 else ""
    return f"Match score {before.score} → {after.score} ({sign}{delta})"


def gap_questions(report: MatchReport, limit: int = 3) -> list[str]:
    """The next few required skills to ask the person about (the gap interview), as questions."""
    return [
        f"Have you used {m.requirement.text}? If so, in which role or project, and how?"
        for m in report.missing if m.ask
    ][:limit]


def _resume_lines(resume: Resume, facts: Sequence[str]) -> Iterator[Evidence]:
    personal = resume.personal
    for role in resume.roles:
        item = f"{role.title} at {role.company}"
        for line in (*role.summary, *role.situation, *role.tasks):
            yield Evidence("Experience", item, line, True)
        for skill in role.skills:
            yield Evidence("Experience", item, skill, False)
    for project in resume.projects:
        for line in project.description:
            yield Evidence("Projects", project.title, line, True)
        for skill in project.skills:
            yield Evidence("Projects", project.title, skill, False)
    for degree in resume.degrees:
        text = ", ".join(p for p in (degree.degree, degree.major) if p)
        if text:
            yield Evidence("Education", degree.school, text, True)
    for cert in resume.certifications:
        yield Evidence("Certifications", cert.issuer or cert.name, cert.name, True)
    yield from _added_lines(resume)
    for line in personal.banner if personal else ():
        yield Evidence("Banner", "Banner", line, False)
    for fact in facts:
        yield Evidence("Facts", "Confirmed by you", fact, True)


def _added_lines(resume: Resume) -> Iterator[Evidence]:
    """The person's own sections: a skills list counts as listed only; awards, volunteering,
    publications and a spoken language are things they did or have."""
    for group in resume.skills:
        for skill in group.items:
            yield Evidence("Skills", group.name or "Skills", skill, False)
    for language in resume.languages:
        line = f"{language.name}: {language.level}" if language.level else language.name
        yield Evidence("Languages", language.name, line, True)
    for award in resume.awards:
        for line in (award.title, *award.description):
            yield Evidence("Awards", award.title, line, True)
    for item in resume.volunteering:
        where = f"{item.role} at {item.organization}" if item.role else item.organization
        for line in (*item.summary, *item.tasks):
            yield Evidence("Volunteering", where, line, True)
    for publication in resume.publications:
        for line in (publication.title, *publication.description):
            yield Evidence("Publications", publication.title, line, True)


def _folded_words(text: str) -> str:
    return " " + " ".join(canonical(w) for w in re.findall(r"[\w+#/.-]+", text)) + " "


@dataclass(frozen=True)
class _IndexedLine:
    evidence: Evidence
    terms: frozenset[str]
    words: str


def _index(resume: Resume, facts: Sequence[str]) -> list[_IndexedLine]:
    return [
        _IndexedLine(e, frozenset(canonical(t) for t in find_known_terms(e.line)),
                     _folded_words(e.line))
        for e in _resume_lines(resume, facts)
    ]


def line_supports(requirement_key: str, requirement_text: str, line: _IndexedLine) -> bool:
    if requirement_key in line.terms or canonical(line.evidence.line) == requirement_key:
        return True
    phrase = _folded_words(requirement_text)
    if phrase.strip() and phrase in line.words:
        return True
    # A skill phrase matches when every meaningful word of it is on the same line.
    words = [w for w in phrase.split() if w not in _STOP and len(w) > 2]
    return len(words) >= 2 and all(f" {w} " in line.words for w in words)


def _suggestion(requirement: Requirement, lines: list[_IndexedLine]) -> str:
    if requirement.required:
        return (f"ask the person whether and where they used {requirement.text}; "
                "add it only if they confirm")
    return "optional: mention it only if the person has really used it"


def score_match(
    resume: Resume, requirements: list[Requirement], facts: Sequence[str] = ()
) -> MatchReport:
    if not requirements:
        return MatchReport(0, notes=("The job lists no requirements to score against.",))
    lines = _index(resume, facts)
    matched: list[Match] = []
    missing: list[Missing] = []
    earned = possible = 0.0
    for requirement in requirements:
        weight = REQUIRED_WEIGHT if requirement.required else PREFERRED_WEIGHT
        possible += weight
        evidence = [ln.evidence for ln in lines
                    if line_supports(requirement.key, requirement.text, ln)]
        if not evidence:
            missing.append(Missing(requirement, _suggestion(requirement, lines),
                                   requirement.required))
            continue
        evidence.sort(key=lambda e: not e.strong)  # stable: in-use examples first
        match = Match(requirement, tuple(evidence))
        matched.append(match)
        earned += weight * (1.0 if match.strong else LISTED_ONLY_CREDIT)
    notes = ()
    if any(not m.strong for m in matched):
        notes = ("Skills that are only listed count half; a bullet that shows them in use "
                 "counts fully.",)
    return MatchReport(round(100 * earned / possible), tuple(matched), tuple(missing), notes)
