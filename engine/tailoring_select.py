"""Selecting and ordering the parts of a resume that are never rewritten: projects, and the
person's skill groups, languages, awards, volunteering and publications.

Nothing here writes text. Projects are selected (the most relevant few); the other sections
keep every item (leaving one out is the person's call, through inclusion) and put the items
that show a requirement first, in their own order otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from documents.model import Project, Resume, SkillGroup
from engine.requirements import Requirement
from engine.scoring import score_match

MAX_PROJECTS = 3
T = TypeVar("T")


def _relevance(field: str, item: Any, requirements: Sequence[Requirement]) -> int:
    alone = Resume(**{field: (item,)})
    return len(score_match(alone, list(requirements)).matched) if requirements else 0


def _relevant_first(field: str, items: Sequence[T],
                    requirements: Sequence[Requirement]) -> tuple[T, ...]:
    """Every item, those that show more requirements first; ties keep the person's order."""
    scored = [(_relevance(field, item, requirements), i, item) for i, item in enumerate(items)]
    scored.sort(key=lambda entry: (-entry[0], entry[1]))
    return tuple(item for _, _, item in scored)


def order_projects(
    projects: Sequence[Project], requirements: Sequence[Requirement]
) -> tuple[Project, ...]:
    """The projects that show a requirement, most relevant first (stable); all of them, in
    their own order, when none does — leaving them out is the person's call, not ours."""
    scored = [(_relevance("projects", p, requirements), i, p) for i, p in enumerate(projects)]
    relevant = [item for item in scored if item[0] > 0]
    if not relevant:
        return tuple(projects)
    relevant.sort(key=lambda item: (-item[0], item[1]))
    return tuple(p for _, _, p in relevant[:MAX_PROJECTS])


def order_skills(
    groups: Sequence[SkillGroup], requirements: Sequence[Requirement]
) -> tuple[SkillGroup, ...]:
    """Within each group the skills the job asks for lead; named groups that hold more of them
    come first. An unnamed group stays first: the text has no other place for it."""
    def reordered(group: SkillGroup) -> SkillGroup:
        return group.model_copy(update={"items": order_role_skills(group.items, requirements)})

    groups = [reordered(group) for group in groups]
    unnamed = [group for group in groups if group.name is None]
    named = _relevant_first("skills", [group for group in groups if group.name is not None],
                            requirements)
    return (*unnamed, *named)


def order_supporting(resume: Resume, requirements: Sequence[Requirement]) -> dict[str, Any]:
    """The person's added sections, selected and ordered for one job (fields of `Resume`)."""
    return {
        "skills": order_skills(resume.skills, requirements),
        "languages": _relevant_first("languages", resume.languages, requirements),
        "awards": _relevant_first("awards", resume.awards, requirements),
        "volunteering": _relevant_first("volunteering", resume.volunteering, requirements),
        "publications": _relevant_first("publications", resume.publications, requirements),
        "interests": resume.interests,
    }


def order_role_skills(skills: Sequence[str], requirements: Sequence[Requirement]
                      ) -> tuple[str, ...]:
    """A role's own skills, those the job asks for first; ties keep the person's order. Code,
    not the model, orders them: it costs no prompt tokens and cannot add a skill."""
    alone = [SkillGroup(items=(skill,)) for skill in skills]
    return tuple(group.items[0] for group in _relevant_first("skills", alone, requirements))
