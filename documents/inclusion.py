"""Per-item inclusion and the export date range (RESUME_FORMAT.md section 8).

The inclusion status lives beside the resume, never in its text, so it is applied here, at export
time, to a copy of the model. Items are addressed by a key built from their identity fields (not
their position), so a status survives re-parsing and reordering.
"""

from __future__ import annotations

from collections.abc import Mapping

from documents.model import Inclusion, Month, Project, Resume, Role

NOT_RELEVANT_PLACEHOLDER = "(no relevant experience)"

DateRange = tuple[Month | None, Month | None]


class ExportFilterError(ValueError):
    """The inclusion settings or date range cannot produce a document; the message says why."""


def _normalised(text: str) -> str:
    # Case and spacing differences between two parses of the same text must not change the key.
    return " ".join(text.split()).casefold()


def item_key(item: Role | Project) -> str:
    """A stable key for a role or project: its identity fields, normalised."""
    if isinstance(item, Role):
        return f"role/{_normalised(item.company)}/{_normalised(item.title)}/{item.start.iso}"
    start = item.start.iso if item.start else "undated"
    return f"project/{_normalised(item.title)}/{start}"


def _overlaps(start: Month | None, end: Month | None, date_range: DateRange) -> bool:
    # Open-ended items (no end: current jobs, ongoing projects) always overlap, as the format
    # specifies; so do undated ones, which cannot be placed in time at all.
    if start is None or end is None:
        return True
    low, high = date_range
    return (high is None or start <= high) and (low is None or end >= low)


def _check_range(date_range: DateRange | None) -> None:
    if date_range is None:
        return
    low, high = date_range
    if low is not None and high is not None and high < low:
        raise ExportFilterError(
            f"The date range ends ({high}) before it starts ({low}). "
            "Give the earlier month first, or leave one end open."
        )


def _not_relevant_role(role: Role) -> Role:
    return role.model_copy(update={"situation": (), "tasks": (NOT_RELEVANT_PLACEHOLDER,)})


def _not_relevant_project(project: Project) -> Project:
    return project.model_copy(update={"description": (NOT_RELEVANT_PLACEHOLDER,)})


def apply_export_filter(
    resume: Resume,
    inclusion: Mapping[str, Inclusion] | None = None,
    date_range: DateRange | None = None,
) -> Resume:
    """A new resume with Omit items dropped, Not Relevant items reduced, and the date range applied.

    Keys in ``inclusion`` that match no item (an item edited since) are ignored. Raises
    ExportFilterError when the range is reversed or when every role and project was filtered out.
    """
    _check_range(date_range)
    statuses = inclusion or {}

    def keep(item: Role | Project) -> bool:
        if statuses.get(item_key(item), Inclusion.INCLUDE) is Inclusion.OMIT:
            return False
        return date_range is None or _overlaps(item.start, item.end, date_range)

    def relevant(item: Role | Project) -> bool:
        return statuses.get(item_key(item), Inclusion.INCLUDE) is not Inclusion.NOT_RELEVANT

    roles = tuple(
        role if relevant(role) else _not_relevant_role(role) for role in resume.roles if keep(role)
    )
    projects = tuple(
        project if relevant(project) else _not_relevant_project(project)
        for project in resume.projects
        if keep(project)
    )
    if (resume.roles or resume.projects) and not (roles or projects):
        raise ExportFilterError(
            "Every role and project was left out by the inclusion settings or the date range, "
            "so the export would have no experience at all. Include at least one item or widen "
            "the date range."
        )
    return resume.model_copy(update={"roles": roles, "projects": projects})
