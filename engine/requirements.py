"""What a job asks for, as a list of requirements that each cite where the posting says so.

With no model, code reads the posting: it is cut into parts (requirements_segments); only the
parts that ask for something produce requirements (responsibilities count, but weigh less). Each
clause is read for tools (the vocabulary, in context), skill phrases, domains, degrees,
certifications, spoken languages, years of experience and work authorisation. Lists joined by
"or" / "such as" / "one of" are one requirement that any member satisfies. Every requirement
carries the character ranges it was read from, and `check_spans` rejects one whose ranges do not
hold its words. With a model, `requirements_from_analysis` keeps only items quoted from the
posting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from engine.requirements_read import read_clause, title_requirements
from engine.requirements_segments import (
    PRODUCING,
    has_requirement_parts,
    segment,
    url_and_email_spans,
)
from engine.requirements_title import occupation_title, stated_roles
from engine.requirements_vocab import (
    canonical,
    find_term_spans,
)

if TYPE_CHECKING:
    from engine.job_analysis import JobAnalysis

Span = tuple[int, int]
KINDS = ("occupation", "tool", "skill", "domain", "degree", "certification", "language", "years",
         "seniority", "authorisation")
_KNOWLEDGE = frozenset({"tool", "domain", "degree", "certification", "language"})


@dataclass(frozen=True)
class Requirement:
    text: str
    required: bool
    kind: str = "skill"
    spans: tuple[Span, ...] = ()  # where the posting says it (character offsets)
    alternatives: tuple[str, ...] = ()  # any one of these satisfies it
    part: str = "required"  # "required", "preferred" or "duties" (responsibilities weigh less)
    years: int | None = None  # for kind "years"

    @property
    def key(self) -> str:
        if self.alternatives:
            return " | ".join(sorted(canonical(a) for a in self.alternatives))
        return canonical(self.text)

    @property
    def members(self) -> tuple[str, ...]:
        return self.alternatives or (self.text,)

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "required": self.required, "kind": self.kind,
                "spans": [list(s) for s in self.spans],
                "alternatives": list(self.alternatives), "part": self.part,
                "years": self.years}


class SpanError(ValueError):
    """A requirement cites text the posting does not hold."""


def check_spans(requirement: Requirement, posting: str) -> None:
    """Raise SpanError unless every cited range is inside the posting and holds words of the
    requirement (its text, or one of its alternatives)."""
    if not requirement.spans:
        raise SpanError(f"{requirement.text!r} cites no span of the posting")
    for start, end in requirement.spans:
        if not (0 <= start < end <= len(posting)):
            raise SpanError(f"{requirement.text!r} cites {start}-{end}, outside the posting")
        cited = _loose(posting[start:end])
        if not any(_loose(m) in cited or cited in _loose(m) or canonical(m) == canonical(cited)
                   for m in requirement.members):
            raise SpanError(f"{requirement.text!r} cites {posting[start:end]!r}")


def _loose(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def extract_requirements(posting_text: str) -> list[Requirement]:
    """What the posting asks for, required ones first; no model involved."""
    lines = segment(posting_text)
    gated = has_requirement_parts(lines)
    # Bullets read whole only in a posting with headings: a bare sentence is not a list item.
    structured = any(line.part != "unknown" for line in lines)
    blocked = url_and_email_spans(posting_text)
    intro_names = _intro_names(posting_text, lines)
    found: dict[str, Requirement] = {}
    for requirement in title_requirements(posting_text, lines):
        _keep(found, requirement)
    title = occupation_title(posting_text, lines)  # the job itself, compared with role titles
    if title:
        _keep(found, Requirement(posting_text[title[0]:title[1]], True, "occupation", (title,)))
    for role in stated_roles(lines):
        _keep(found, Requirement(posting_text[role[0]:role[1]], True, "occupation", (role,)))
    for line in lines:
        if line.heading or line.part not in (*PRODUCING, "unknown"):
            continue
        # Prose outside any heading describes the job: read like responsibilities when the
        # posting has requirement headings, like requirements when it has none.
        part = line.part if line.part in PRODUCING else ("duties" if gated else "required")
        for requirement in read_clause(posting_text, line.start, line.end, part,
                                       blocked, intro_names,
                                       whole_bullets=structured and line.part in PRODUCING):
            _keep(found, requirement)
    checked = []
    for requirement in _without_knowledge_read_as_skill(found):
        check_spans(requirement, posting_text)
        checked.append(requirement)
    return sorted(checked, key=lambda r: (not r.required, r.part == "duties"))


def _intro_names(posting: str, lines: list) -> frozenset[str]:
    """Capitalised names in the company blurb and the lines before the first heading: the
    employer and its products, which must not come back as tools from the requirement lines."""
    names: set[str] = set()
    # Without any heading the whole posting is "unknown": it is the requirements, not a blurb.
    blurb_parts = {"about", "benefits", "legal", "apply"}
    if any(line.part != "unknown" for line in lines):
        blurb_parts.add("unknown")
    for line in lines:
        if line.part in blurb_parts and not line.heading:
            known = {canonical(h.name) for h in find_term_spans(line.text)}
            for word in re.findall(r"\b[A-Z][\w&.-]*[A-Z0-9][\w&.-]*\b|\b[A-Z][a-z]+\d\w*",
                                   line.text):
                if canonical(word) not in known:
                    names.add(canonical(word))
    return frozenset(names)


def _keep(found: dict[str, Requirement], requirement: Requirement) -> None:
    key = f"{requirement.kind}:{requirement.key}"
    known = found.get(key)
    if known is None:
        found[key] = requirement
        return
    spans = tuple(dict.fromkeys(known.spans + requirement.spans))
    # Stated as required anywhere, it is required; a requirements line outranks a duty.
    stronger = requirement if _rank(requirement) > _rank(known) else known
    found[key] = replace(stronger, spans=spans)


def _without_knowledge_read_as_skill(found: dict[str, Requirement]) -> list[Requirement]:
    """Words read both as knowledge ("Background in Accounting": a domain) and as a skill phrase
    are one thing the posting asks for; listed twice they would count twice in the score."""
    knowledge = {(r.key, span) for r in found.values() if r.kind in _KNOWLEDGE
                 for span in r.spans}
    return [r for r in found.values()
            if not (r.kind == "skill" and r.spans
                    and all((r.key, span) in knowledge for span in r.spans))]


def _rank(requirement: Requirement) -> int:
    return {"required": 2, "duties": 1}.get(requirement.part, 0) + 3 * requirement.required


@dataclass
class AnalysisReading:
    requirements: list[Requirement]
    dropped: list[str] = field(default_factory=list)  # items the model did not quote


def read_analysis(analysis: JobAnalysis, posting_text: str | None) -> AnalysisReading:
    """The model's required/preferred items, each located in the posting. An item the posting
    does not contain (the model paraphrased or invented it) is dropped and counted."""
    found: dict[str, Requirement] = {}
    dropped: list[str] = []
    for items, required in ((analysis.required_skills, True), (analysis.preferred_skills, False)):
        for item in items:
            text = item.strip()
            if not text:
                continue
            spans: tuple[Span, ...] = ()
            if posting_text is not None:
                spans = tuple(m.span() for m in re.finditer(
                    r"(?<!\w)" + re.escape(text).replace(r"\ ", r"\s+") + r"(?!\w)",
                    posting_text, re.I))
                if not spans:
                    dropped.append(text)
                    continue
            kind = "tool" if find_term_spans(text) else "skill"
            part = "required" if required else "preferred"
            _keep(found, Requirement(text, required, kind, spans[:3], part=part))
    ordered = sorted(found.values(), key=lambda r: not r.required)
    return AnalysisReading(ordered, dropped)


def requirements_from_analysis(analysis: JobAnalysis,
                               posting_text: str | None = None) -> list[Requirement]:
    return read_analysis(analysis, posting_text).requirements


__all__ = ["KINDS", "AnalysisReading", "Requirement", "SpanError", "check_spans",
           "extract_requirements", "read_analysis", "requirements_from_analysis"]
