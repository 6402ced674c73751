"""The match score: computed by code from the job's requirements and the resume's own lines.

Each requirement lands in one bucket: shown (a role, project, degree, certification, award,
volunteering, publication, spoken language or confirmed fact shows it: full credit), listed (only
in a skills list, a role's or the person's own, or the banner: half credit), gap, or not checked
(the resume cannot tell, e.g. no roles to count years from: no credit, never met). A requirement
with alternatives is met by any member. The score is a weighted coverage whose parts are shown:
required items, responsibilities, preferred items, and years/level/degree. A hard blocker the
posting states (work authorisation, a required degree or licence the resume does not show)
caps the score and says so. Years, level and degree count in proportion to the rest of the
coverage (total years or some degree cannot show fitness for this field). Adding evidence never
lowers the score; the same inputs (and date) always give the same score.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from documents.model import Month, Resume
from engine.requirements import Requirement
from engine.requirements_vocab import canonical, find_term_spans
from engine.scoring_evidence import (
    Evidence,
    IndexedLine,
    degree_fields,
    degree_level,
    index,
    level_of,
    shown_in_one_item,
    supports,
    title_share,
    verify_citation,
    years_of_experience,
)
from engine.scoring_related import similar_tools

WEIGHTS = {"required": 2.0, "duties": 1.0, "preferred": 1.0, "years/level/degree": 2.0,
           "role title": 1.0}
# The occupation the posting is for (its title) against the person's role titles: a fixed share
# of the score, whatever the number of other requirements, so a long list cannot drown it.
# When the requirements state the role again ("experience as a ..."), the two occupation
# requirements split that share, so a role title must match both to earn all of it.
TITLE = "role title"
TITLE_SHARE = 0.2
# Credentials any field has (years in work, a level in a title, some degree): they count in
# proportion to the rest of the coverage, so they cannot lift a resume from another field.
GENERIC = "years/level/degree"
CREDIT = {"shown": 1.0, "listed": 0.5, "gap": 0.0, "not checked": 0.0}
# A gap where the resume shows a tool of the same family (Vue.js for React): still a gap, but
# worth a little, and less than listing the tool itself, so showing it never lowers the score.
SIMILAR_CREDIT = 0.25
BLOCKER_CAP = 40
LISTED_ONLY_CREDIT = CREDIT["listed"]
_LICENCE = re.compile(r"licen[cs]|registered|registration|clearance", re.I)

__all__ = ["Evidence", "Match", "MatchReport", "Missing", "gap_questions", "score_change",
           "score_match", "verify_citation"]


@dataclass(frozen=True)
class Match:
    requirement: Requirement
    evidence: tuple[Evidence, ...]
    bucket: str = "shown"  # "shown" or "listed"
    detail: str = ""

    @property
    def strong(self) -> bool:
        return self.bucket == "shown"


@dataclass(frozen=True)
class Missing:
    requirement: Requirement
    suggestion: str
    ask: bool  # a required skill the gap interview should ask the person about
    bucket: str = "gap"  # "gap" or "not checked"


@dataclass(frozen=True)
class MatchReport:
    score: int
    matched: tuple[Match, ...] = ()
    missing: tuple[Missing, ...] = ()
    notes: tuple[str, ...] = field(default=())
    parts: tuple[tuple[str, float, float], ...] = ()  # (part, earned, possible)
    blockers: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "score": self.score,
            "parts": [{"part": p, "earned": e, "possible": w} for p, e, w in self.parts],
            "blockers": list(self.blockers),
            "matched": [
                {**m.requirement.to_dict(), "strong": m.strong, "bucket": m.bucket,
                 "detail": m.detail, "evidence": [e.to_dict() for e in m.evidence]}
                for m in self.matched
            ],
            "missing": [
                {**m.requirement.to_dict(), "suggestion": m.suggestion, "ask": m.ask,
                 "bucket": m.bucket}
                for m in self.missing
            ],
            "notes": list(self.notes),
        }

    def to_markdown(self, max_evidence: int = 1) -> str:
        lines = [f"**Match score: {self.score}/100**"]
        if self.parts:
            lines.append("Parts: " + "; ".join(
                f"{p} {_num(e)}/{_num(w)}" for p, e, w in self.parts if w))
        lines += [f"**Blocker:** {b}" for b in self.blockers]
        lines += [f"_{note}_" for note in self.notes]
        if self.matched:
            lines.append("\n**Matched**")
            for m in self.matched:
                shown = "; ".join(
                    f"{e.section} · {e.item}: “{e.line}”" for e in m.evidence[:max_evidence]
                ) or m.detail
                weak = "" if m.strong else " (listed only, no example)"
                lines.append(f"- {m.requirement.text} ({_tag(m.requirement)}){weak} — {shown}")
        gaps = [m for m in self.missing if m.bucket == "gap"]
        unchecked = [m for m in self.missing if m.bucket != "gap"]
        if gaps:
            lines.append("\n**Missing**")
            lines += [f"- {m.requirement.text} ({_tag(m.requirement)}) — {m.suggestion}"
                      for m in gaps]
        if unchecked:
            lines.append("\n**Not checked** (not counted as met)")
            lines += [f"- {m.requirement.text} ({_tag(m.requirement)}) — {m.suggestion}"
                      for m in unchecked]
        return "\n".join(lines)


def _num(value: float) -> str:
    return f"{value:g}"


def _tag(requirement: Requirement) -> str:
    if not requirement.required:
        return "preferred"
    return "from responsibilities" if requirement.part == "duties" else "required"


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


def _part(requirement: Requirement) -> str:
    if requirement.kind == "occupation":
        return TITLE
    if requirement.kind in ("years", "seniority", "degree"):
        return GENERIC
    if not requirement.required:
        return "preferred"
    return "duties" if requirement.part == "duties" else "required"


def _this_month() -> Month:
    today = datetime.date.today()
    return Month(year=today.year, month=today.month)


@dataclass(frozen=True)
class _Verdict:
    bucket: str
    evidence: tuple[Evidence, ...] = ()
    detail: str = ""
    credit: float | None = None  # None: the bucket's credit

    @property
    def earns(self) -> float:
        return CREDIT[self.bucket] if self.credit is None else self.credit


def _judge(requirement: Requirement, resume: Resume, lines: list[IndexedLine],
           as_of: Month) -> _Verdict:
    if requirement.kind == "years" and requirement.years is not None:
        have = years_of_experience(resume, as_of)
        if have is None:
            return _Verdict("not checked", detail="no dated roles to count years from")
        detail = f"about {have:.1f} years across dated roles; the posting asks {requirement.years}"
        return _Verdict("shown" if have >= requirement.years else "gap", detail=detail)
    if requirement.kind == "seniority":
        wanted = level_of(requirement.text)
        titles = [(level_of(r.title), r) for r in resume.roles]
        levels = [lv for lv, _ in titles if lv is not None]
        if wanted is None or not levels:
            return _Verdict("not checked", detail="no level in the role titles to compare")
        best = max(levels)
        detail = f"highest level in your titles: {best}; the posting asks {wanted}"
        return _Verdict("shown" if best >= wanted else "gap", detail=detail)
    if requirement.kind == "occupation":
        share, title = title_share(requirement.text, resume)
        if share >= 1:
            return _Verdict("shown", detail=f"your title “{title}”")
        if share > 0:
            return _Verdict("gap", detail=f"your closest title, “{title}”, shares part of it",
                            credit=share)
        return _Verdict("gap")
    if requirement.kind == "degree":
        wanted = degree_level(requirement.text) or 0
        fields = degree_fields(requirement.text)
        for line in lines:
            if line.evidence.section != "Education":
                continue
            level = degree_level(line.evidence.line)
            # "in Nursing" asks for that field; "or a related field" accepts any.
            in_field = not fields or any(set(f) <= line.lemmas for f in fields)
            if level is not None and level >= wanted and in_field:
                return _Verdict("shown", (line.evidence,))
        return _Verdict("gap")
    field = requirement.kind == "domain"
    evidence = [ln.evidence for ln in lines
                if any(supports(member, ln, field) for member in requirement.members)]
    if not evidence and requirement.kind in ("skill", "domain"):
        evidence = list(shown_in_one_item(requirement.text, lines))
    if not evidence:
        if requirement.kind == "authorisation":
            return _Verdict("not checked", detail="your material does not say; confirm it")
        return _similar(requirement, lines)
    evidence.sort(key=lambda e: not e.strong)  # stable: in-use examples first
    return _Verdict("shown" if evidence[0].strong else "listed", tuple(evidence))


def _similar(requirement: Requirement, lines: list[IndexedLine]) -> _Verdict:
    """A gap; when the resume shows a tool of the same family, it earns SIMILAR_CREDIT and the
    detail names that tool (the person may say so, or learn the one asked)."""
    if requirement.kind != "tool":
        return _Verdict("gap")
    family = frozenset().union(*(similar_tools(canonical(m)) for m in requirement.members))
    for line in lines:
        hit = sorted(line.terms & family)
        if hit:
            shown = next(h.name for h in find_term_spans(line.evidence.line)
                         if canonical(h.name) == hit[0])
            return _Verdict("gap", (line.evidence,), f"the resume shows {shown}, a similar "
                            f"tool, not {requirement.text} itself", SIMILAR_CREDIT)
    return _Verdict("gap")


def _blocker(requirement: Requirement, verdict: _Verdict) -> str | None:
    if not requirement.required or requirement.part != "required" or verdict.bucket == "shown":
        return None
    if requirement.kind == "authorisation":
        return f"the posting requires “{requirement.text}”, which your material does not show"
    if requirement.kind == "degree" or (requirement.kind == "certification"
                                        and _LICENCE.search(requirement.text)):
        return f"the posting requires “{requirement.text}”, which the resume does not show"
    return None


def _suggestion(requirement: Requirement, verdict: _Verdict) -> str:
    if verdict.bucket == "gap" and verdict.detail and requirement.kind == "tool":
        return (f"{verdict.detail}; say so if it transfers, and add {requirement.text} only "
                "if the person has used it")
    if verdict.bucket == "not checked":
        return verdict.detail
    if requirement.kind == "years":
        return verdict.detail
    if requirement.kind == "occupation":
        return ("the posting is for this role; "
                + (f"{verdict.detail}" if verdict.detail else "none of your role titles says it"))
    if requirement.required:
        return (f"ask the person whether and where they used {requirement.text}; "
                "add it only if they confirm")
    return "optional: mention it only if the person has really used it"


def score_match(
    resume: Resume, requirements: Sequence[Requirement], facts: Sequence[str] = (),
    as_of: Month | None = None,
) -> MatchReport:
    """`as_of` is the month an open-ended role ends for counting years (default: this month)."""
    if not requirements:
        return MatchReport(0, notes=("The job lists no requirements to score against.",))
    as_of = as_of or _this_month()
    lines = index(resume, facts)
    matched: list[Match] = []
    missing: list[Missing] = []
    blockers: list[str] = []
    earned = dict.fromkeys(WEIGHTS, 0.0)
    possible = dict.fromkeys(WEIGHTS, 0.0)
    for requirement in requirements:
        part = _part(requirement)
        verdict = _judge(requirement, resume, lines, as_of)
        possible[part] += WEIGHTS[part]
        earned[part] += WEIGHTS[part] * verdict.earns
        blocker = _blocker(requirement, verdict)
        if blocker:
            blockers.append(blocker)
        if verdict.bucket in ("shown", "listed"):
            matched.append(Match(requirement, verdict.evidence, verdict.bucket, verdict.detail))
        else:
            ask = (verdict.bucket == "gap" and requirement.required
                   and requirement.part == "required"
                   and requirement.kind not in ("years", "seniority", "occupation"))
            missing.append(Missing(requirement, _suggestion(requirement, verdict), ask,
                                   verdict.bucket))
    # The posting asks for years and level in this kind of work; the resume only shows years
    # in total. So that part earns in proportion to how much of the rest is covered (it cannot
    # lift a resume from another field), which keeps the score monotone.
    if possible[TITLE]:
        others = sum(w for p, w in possible.items() if p != TITLE)
        scale = TITLE_SHARE / (1 - TITLE_SHARE) * others / possible[TITLE] if others else 1.0
        earned[TITLE] *= scale
        possible[TITLE] *= scale
    rest = sum(w for p, w in possible.items() if p != GENERIC)
    if rest:
        earned[GENERIC] *= sum(e for p, e in earned.items() if p != GENERIC) / rest
    total = sum(possible.values())
    score = round(100 * sum(earned.values()) / total) if total else 0
    notes: list[str] = []
    if blockers and score > BLOCKER_CAP:
        score = BLOCKER_CAP
        notes.append(f"Capped at {BLOCKER_CAP} because of a hard requirement the resume does "
                     "not show (see Blocker).")
    if any(not m.strong for m in matched):
        notes.append("Skills that are only listed count half; a bullet that shows them in use "
                     "counts fully.")
    parts = tuple((p, round(earned[p], 2), possible[p]) for p in WEIGHTS if possible[p])
    return MatchReport(score, tuple(matched), tuple(missing), tuple(notes), parts,
                       tuple(blockers))
