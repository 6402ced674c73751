"""Selecting and ordering the parts of a resume that are never rewritten (projects)."""

from __future__ import annotations

from collections.abc import Sequence

from documents.model import Project, Resume
from engine.requirements import Requirement
from engine.scoring import score_match

MAX_PROJECTS = 3


def _relevance(project: Project, requirements: Sequence[Requirement]) -> int:
    alone = Resume(projects=(project,))
    return len(score_match(alone, list(requirements)).matched) if requirements else 0


def order_projects(
    projects: Sequence[Project], requirements: Sequence[Requirement]
) -> tuple[Project, ...]:
    """The projects that show a requirement, most relevant first (stable); all of them, in
    their own order, when none does — leaving them out is the person's call, not ours."""
    scored = [(_relevance(p, requirements), i, p) for i, p in enumerate(projects)]
    relevant = [item for item in scored if item[0] > 0]
    if not relevant:
        return tuple(projects)
    relevant.sort(key=lambda item: (-item[0], item[1]))
    return tuple(p for _, _, p in relevant[:MAX_PROJECTS])
