"""The fact check's machinery: the report and the checker that repairs one document.

Identity (companies, titles, dates, schools, degrees, certifications, contact details) is restored
from the source whenever it changed. Roles, degrees and certifications can neither appear nor
disappear. A generated line that claims a number, technology or name its source does not hold is
replaced by the closest source line (or dropped), and an unsupported skill is dropped. Everything
done is in the report; nothing is silently kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.workflows.factcheck_rules import (
    Support,
    closest,
    facts_support,
    listed_skills_support,
    resume_support,
    role_support,
    too_long,
    unsupported_claims,
)
from assistant.workflows.requirements_vocab import fold
from documents.model import Personal, Project, Resume, Role, SkillGroup

CHECKS = (
    "identity fields match the source",
    "no role, degree or certification added or removed",
    "every skill supported by the source or a confirmed fact",
    "every number, technology and name found in the source",
    "bullets within the length bound",
)
_ROLE_IDENTITY = ("company", "title", "start", "end", "location", "agency", "job_category",
                  "employment_type", "reason_for_change")


@dataclass
class FactCheckReport:
    repaired: list[str] = field(default_factory=list)
    flagged: list[str] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, list[str]]:
        return {"repaired": self.repaired, "flagged": self.flagged, "passed": self.passed}

    @classmethod
    def from_dict(cls, data: dict[str, list[str]]) -> FactCheckReport:
        return cls(list(data.get("repaired", [])), list(data.get("flagged", [])),
                   list(data.get("passed", [])))

    def merge(self, other: FactCheckReport) -> None:
        self.repaired += [r for r in other.repaired if r not in self.repaired]
        self.flagged += [f for f in other.flagged if f not in self.flagged]

    def summary(self) -> str:
        if not self.repaired and not self.flagged:
            return "Fact check passed: every claim is backed by your resume or confirmed facts."
        parts = [f"Fact check: {len(self.repaired)} repaired, {len(self.flagged)} flagged."]
        parts += [f"- repaired: {r}" for r in self.repaired[:8]]
        parts += [f"- flagged: {f}" for f in self.flagged[:8]]
        hidden = max(0, len(self.repaired) - 8) + max(0, len(self.flagged) - 8)
        if hidden:
            parts.append(f"- … and {hidden} more in the version's report")
        return "\n".join(parts)

    def finish(self) -> FactCheckReport:
        self.passed = list(CHECKS) if not (self.repaired or self.flagged) else [
            c for c in CHECKS if not self._touches(c)
        ]
        return self

    def _touches(self, check: str) -> bool:
        keyword = {"identity": "restored", "no role": "role", "every skill": "skill",
                   "every number": "claimed", "bullets": "long"}
        for prefix, word in keyword.items():
            if check.startswith(prefix):
                return any(word in r for r in self.repaired + self.flagged)
        return False


def _key(*parts: str) -> str:
    return "|".join(fold(p) for p in parts)


def _pair_roles(source: Sequence[Role], candidate: Sequence[Role]) -> list[Role | None]:
    """For each source role, the candidate role that is meant to be it (or None)."""
    left = list(candidate)
    paired: list[Role | None] = []
    for role in source:
        found = next((c for c in left if _key(c.company, c.title) == _key(role.company,
                                                                         role.title)), None)
        if found is not None:
            left.remove(found)
        paired.append(found)
    # Same number of unmatched on both sides: a changed company or title, paired by position.
    unmatched = [i for i, p in enumerate(paired) if p is None]
    if len(unmatched) == len(left):
        for i, role in zip(unmatched, left, strict=True):
            paired[i] = role
        left = []
    return paired


class Checker:
    def __init__(self, source: Resume, facts: Sequence[str]) -> None:
        self.source = source
        self.report = FactCheckReport()
        self.facts = facts_support(facts)
        self.listed_skills = listed_skills_support(source)
        whole = resume_support(source)
        self.whole = whole | self.facts
        self.resume_words = Support(frozenset(), frozenset(), whole.words, "")

    def lines(self, lines: Sequence[str], originals: Sequence[str], numbers: Support,
              names: Support, where: str) -> tuple[str, ...]:
        kept: list[str] = []
        for line in lines:
            problems = unsupported_claims(line, numbers, names)
            if not problems and not too_long(line):
                kept.append(line)
                continue
            why = ("too long" if not problems else "claimed " + ", ".join(problems)
                   + " not in the source")
            replacement = closest(line, [o for o in originals if o not in kept])
            if replacement is not None:
                kept.append(replacement)
                self.report.repaired.append(f"{where}: “{_short(line)}” {why}; source line kept")
            else:
                self.report.repaired.append(f"{where}: “{_short(line)}” {why}; removed")
        return tuple(kept)

    def role(self, source: Role, candidate: Role) -> Role:
        where = f"{source.title} at {source.company}"
        restored = {f: getattr(source, f) for f in _ROLE_IDENTITY
                    if getattr(candidate, f) != getattr(source, f)}
        for name in restored:
            self.report.repaired.append(
                f"{where}: {name.replace('_', ' ')} restored (was “{getattr(candidate, name)}”)")
        support = role_support(source) | self.facts
        names = support | self.resume_words
        skill_support = support | self.listed_skills
        skills = []
        for skill in candidate.skills:
            if skill_support.supports_skill(skill):
                skills.append(skill)
            else:
                self.report.repaired.append(f"{where}: skill “{skill}” dropped (no source)")
        return source.model_copy(update={
            "summary": self.lines(candidate.summary, source.summary, support, names, where),
            "situation": self.lines(candidate.situation, source.situation, support, names, where),
            "tasks": self.lines(candidate.tasks, source.tasks, support, names, where),
            "skills": tuple(dict.fromkeys(skills)),
        })

    def roles(self, candidate: Resume) -> tuple[Role, ...]:
        paired = _pair_roles(self.source.roles, candidate.roles)
        used = {id(p) for p in paired if p is not None}
        for extra in (r for r in candidate.roles if id(r) not in used):
            self.report.repaired.append(
                f"added role “{extra.title} at {extra.company}” removed (not in your resume)")
        out = []
        for source_role, candidate_role in zip(self.source.roles, paired, strict=True):
            if candidate_role is None:
                self.report.repaired.append(
                    f"role “{source_role.title} at {source_role.company}” was missing; restored")
                out.append(source_role)
            else:
                out.append(self.role(source_role, candidate_role))
        return tuple(out)

    def projects(self, candidate: Resume) -> tuple[Project, ...]:
        by_title = {fold(p.title): p for p in self.source.projects}
        out = []
        for project in candidate.projects:
            original = by_title.get(fold(project.title))
            if original is None:
                self.report.repaired.append(f"added project “{project.title}” removed")
            elif original not in out:
                if project != original:
                    self.report.repaired.append(f"project “{original.title}” text restored")
                out.append(original)
        return tuple(out)

    def same_items(self, label: str, source: tuple, candidate: tuple) -> tuple:
        if sorted(map(repr, source)) == sorted(map(repr, candidate)):
            return candidate  # a reordering is allowed
        self.report.repaired.append(f"{label} restored from your resume (added, removed or "
                                    "changed)")
        return source

    def selected_items(self, label: str, source: tuple, candidate: tuple) -> tuple:
        """Items code selected and ordered: each must be a source item, unchanged and once."""
        left = list(source)
        for item in candidate:
            if item not in left:
                self.report.repaired.append(f"{label} restored from your resume (an item was "
                                            "added or changed)")
                return source
            left.remove(item)
        return candidate

    def skill_groups(self, candidate: Resume) -> tuple[SkillGroup, ...]:
        """Groups may be selected and reordered, and the skills within a group reordered;
        nothing added, renamed or moved between groups."""
        left = list(self.source.skills)
        for group in candidate.skills:
            original = next((g for g in left if g.name == group.name
                             and sorted(g.items) == sorted(group.items)), None)
            if original is None:
                self.report.repaired.append("skills restored from your resume (a skill or group "
                                            "was added or changed)")
                return self.source.skills
            left.remove(original)
        return candidate.skills

    def personal(self, candidate: Personal | None) -> Personal | None:
        source = self.source.personal
        if source is None:
            if candidate is not None:
                self.report.repaired.append("personal details added; removed")
            return None
        banner = candidate.banner if candidate else ()
        if candidate and (candidate.contact, candidate.websites, candidate.visa,
                          candidate.note) != (source.contact, source.websites, source.visa,
                                              source.note):
            self.report.repaired.append("contact details restored")
        checked = self.lines(banner, source.banner, self.whole, self.whole, "banner")
        return source.model_copy(update={"banner": checked or source.banner})


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
