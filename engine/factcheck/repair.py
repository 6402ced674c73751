"""The fact check's machinery: the report and the checker that repairs one document.

Identity (companies, titles, dates, schools, degrees, certifications, contact details) is restored
from the source whenever it changed. Roles, degrees and certifications can neither appear nor
disappear. A generated line that claims a number, technology or name its source does not hold is
replaced by the closest source line (or dropped), and an unsupported skill is dropped. Everything
done is in the report; nothing is silently kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from documents.model import Personal, Project, Resume, Role, SkillGroup
from engine.factcheck.claims import (
    Support,
    closest,
    facts_support,
    listed_skills_support,
    resume_support,
    role_support,
    too_long,
)
from engine.factcheck.lines import Context, judge
from engine.factcheck.report import FactCheckReport, Finding, rule_label
from engine.factcheck.time import anachronisms
from engine.requirements_vocab import fold

__all__ = ["Checker", "FactCheckReport", "Finding", "rule_label"]

_ROLE_IDENTITY = ("company", "title", "start", "end", "location", "agency", "job_category",
                  "employment_type", "reason_for_change")


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


_IDENTITY_RULE = {"company": "invented_employer", "agency": "invented_employer",
                  "title": "changed_title"}


class Checker:
    def __init__(self, source: Resume, facts: Sequence[str],
                 today: dt.date | None = None) -> None:
        self.source = source
        self.report = FactCheckReport()
        self.fact_lines = tuple(facts)
        self.facts = facts_support(facts)
        self.listed_skills = listed_skills_support(source)
        whole = resume_support(source)
        self.whole = whole | self.facts
        self.resume_words = Support(frozenset(), frozenset(), whole.words, "")
        self.today = today or dt.date.today()

    def context(self, role: Role | None = None, **extra) -> Context:
        if role is None:
            support = names = self.whole
        else:
            support = role_support(role) | self.facts
            names = self.whole
        return Context(self.source, support, names, self.facts, role, self.today,
                       facts_lines=self.fact_lines, **extra)

    def found(self, rule: str, generated: str, source: str | None, action: str, where: str,
              detail: str, outcome: str) -> None:
        message = f"{where}: {rule_label(rule)}: “{_short(generated)}” ({detail}); {outcome}"
        self.report.add(Finding(rule, generated, source, action, detail), message)

    def lines(self, lines: Sequence[str], originals: Sequence[str], ctx: Context,
              where: str) -> tuple[str, ...]:
        kept: list[str] = []
        for line in lines:
            # A line kept word for word from its own place is the person's own statement.
            problems = [] if line in originals else judge(line, ctx)
            if not problems and not too_long(line):
                kept.append(line)
                continue
            rule, why, source_line = problems[0] if problems else (
                "too_long", "too long", None)
            why = "; ".join(dict.fromkeys(p[1] for p in problems)) or why
            left = [o for o in originals if o not in kept]
            replacement = source_line if source_line in left else closest(line, left)
            if replacement is not None:
                kept.append(replacement)
                self.found(rule, line, replacement, "repaired", where, why,
                           f"your line kept: “{_short(replacement)}”")
            else:
                self.found(rule, line, source_line, "repaired", where, why, "removed")
        return tuple(kept)

    def role(self, source: Role, candidate: Role) -> Role:
        where = f"{source.title} at {source.company}"
        for name in _ROLE_IDENTITY:
            was, wanted = getattr(candidate, name), getattr(source, name)
            if was == wanted:
                continue
            label = name.replace("_", " ").capitalize()
            self.report.add(
                Finding(_IDENTITY_RULE.get(name, "identity_changed"), f"{label}: {was}",
                        f"{label}: {wanted}" if wanted is not None else None, "repaired"),
                f"{where}: {name.replace('_', ' ')} restored (was “{was}”)")
        ctx = self.context(source)
        # A skill the person lists in their Skills section supports the same skill on a role.
        skill_support = ctx.support | self.listed_skills
        skills = []
        for skill in candidate.skills:
            if skill_support.supports_skill(skill):
                skills.append(skill)
                continue
            if anachronisms(skill, source):
                rule = "anachronism"
            elif self.whole.supports_skill(skill):
                rule = "moved_achievement"
            else:
                rule = "invented_skill"
            self.report.add(Finding(rule, skill, None, "repaired", "skill dropped"),
                            f"{where}: skill “{skill}” dropped (no source)")
        return source.model_copy(update={
            "summary": self.lines(candidate.summary, source.summary, ctx, where),
            "situation": self.lines(candidate.situation, source.situation, ctx, where),
            "tasks": self.lines(candidate.tasks, source.tasks, ctx, where),
            "skills": tuple(dict.fromkeys(skills)),
        })

    def roles(self, candidate: Resume) -> tuple[Role, ...]:
        paired = _pair_roles(self.source.roles, candidate.roles)
        used = {id(p) for p in paired if p is not None}
        for extra in (r for r in candidate.roles if id(r) not in used):
            self.report.add(
                Finding("invented_employer", f"Company: {extra.company}", None, "repaired",
                        f"added role {extra.title} at {extra.company} removed"),
                f"added role “{extra.title} at {extra.company}” removed (not in your resume)")
        out = []
        for source_role, candidate_role in zip(self.source.roles, paired, strict=True):
            if candidate_role is None:
                self.report.add(
                    Finding("role_removed", "", f"Company: {source_role.company}", "repaired"),
                    f"role “{source_role.title} at {source_role.company}” was missing; "
                    "restored")
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
                self.report.add(Finding("invented_project", f"Project: {project.title}", None,
                                        "repaired"), f"added project “{project.title}” removed")
            elif original not in out:
                if project != original:
                    self.report.add(Finding("project_changed", f"Project: {project.title}",
                                            f"Project: {original.title}", "repaired"),
                                    f"project “{original.title}” text restored")
                out.append(original)
        return tuple(out)

    def same_items(self, label: str, source: tuple, candidate: tuple) -> tuple:
        if sorted(map(repr, source)) == sorted(map(repr, candidate)):
            return candidate  # a reordering is allowed
        rule, field_, name = (("invented_degree", "degree", "Degree") if label == "education"
                              else ("invented_certification", "name", "Name"))
        for item in candidate:
            if item not in source:
                self.report.findings.append(Finding(
                    rule, f"{name}: {getattr(item, field_) or ''}", None, "repaired",
                    f"{label} item not in your resume"))
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
                self.report.add(Finding("identity_changed", "Personal", None, "repaired"),
                                "personal details added; removed")
            return None
        banner = candidate.banner if candidate else ()
        if candidate and (candidate.contact, candidate.websites, candidate.visa,
                          candidate.note) != (source.contact, source.websites, source.visa,
                                              source.note):
            self.report.add(Finding("identity_changed", "Contact Information", None,
                                    "repaired"), "contact details restored")
        checked = self.lines(banner, source.banner, self.context(), "banner")
        return source.model_copy(update={"banner": checked or source.banner})


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
