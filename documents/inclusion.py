"""Per-item inclusion and the export date range (RESUME_FORMAT.md section 8).

The inclusion status lives beside the resume, never in its text, so it is applied here, at export
time, to a copy of the model. Items are addressed by a key built from their identity fields (not
their position), so a status survives re-parsing and reordering.

Items: roles and projects, and (docs/resume-format.md) awards, volunteering, publications and
skill groups. Not Relevant keeps an item's heading lines and hides its text: a role or a
volunteering shows a placeholder instead of its tasks, a project a placeholder description, an
award or publication loses its description; a skill group has nothing to reduce, so Not Relevant
leaves it out like Omit. The date range applies to every dated item (a year alone spans its
year); undated and open-ended items always overlap.
"""

from __future__ import annotations

from collections.abc import Mapping

from documents.model import (
    Award,
    Inclusion,
    Month,
    Project,
    Publication,
    Resume,
    Role,
    SkillGroup,
    Volunteering,
    ends_before,
)

NOT_RELEVANT_PLACEHOLDER = "(no relevant experience)"

DateRange = tuple[Month | None, Month | None]
Item = Role | Project | Award | Volunteering | Publication | SkillGroup


class ExportFilterError(ValueError):
    """The inclusion settings or date range cannot produce a document; the message says why."""


def _normalised(text: str) -> str:
    # Case and spacing differences between two parses of the same text must not change the key.
    return " ".join(text.split()).casefold()


def _iso(month: Month | None) -> str:
    return month.iso if month else "undated"


def item_key(item: Item) -> str:
    """A stable key for an item: its identity fields, normalised."""
    if isinstance(item, Role):
        return f"role/{_normalised(item.company)}/{_normalised(item.title)}/{_iso(item.start)}"
    if isinstance(item, Project):
        return f"project/{_normalised(item.title)}/{_iso(item.start)}"
    if isinstance(item, Award):
        return f"award/{_normalised(item.title)}/{_iso(item.date)}"
    if isinstance(item, Volunteering):
        return (f"volunteering/{_normalised(item.organization)}/{_normalised(item.role or '')}/"
                f"{_iso(item.start)}")
    if isinstance(item, Publication):
        return f"publication/{_normalised(item.title)}/{_iso(item.date)}"
    return f"skills/{_normalised(item.name or '')}"


def item_label(item: Item) -> str:
    """How a person names an item in chat."""
    if isinstance(item, Role):
        return f"{item.title} at {item.company}" + (
            f" (from {item.start})" if item.start else "")
    if isinstance(item, Project):
        return f"project {item.title}"
    if isinstance(item, Award):
        return f"award {item.title}"
    if isinstance(item, Volunteering):
        role = f"{item.role} at " if item.role else ""
        return f"volunteering {role}{item.organization}"
    if isinstance(item, Publication):
        return f"publication {item.title}"
    return f"skill group {item.name}" if item.name else "skills (the list without a group name)"


def inclusion_items(resume: Resume) -> list[Item]:
    """Every item an inclusion status can address, in the resume's order."""
    return [*resume.roles, *resume.projects, *resume.awards, *resume.volunteering,
            *resume.publications, *resume.skills]


def _span(item: Item) -> tuple[Month | None, Month | None]:
    if isinstance(item, Award | Publication):
        return item.date, item.date
    if isinstance(item, SkillGroup):
        return None, None
    return item.start, item.end


def _overlaps(start: Month | None, end: Month | None, date_range: DateRange) -> bool:
    # Open-ended items (no end: current jobs, ongoing projects) always overlap, as the format
    # specifies; so do undated ones, which cannot be placed in time at all.
    if start is None or end is None:
        return True
    low, high = date_range
    return ((high is None or not ends_before(high, start))
            and (low is None or not ends_before(end, low)))


def _check_range(date_range: DateRange | None) -> None:
    if date_range is None:
        return
    low, high = date_range
    if low is not None and high is not None and ends_before(high, low):
        raise ExportFilterError(
            f"The date range ends ({high}) before it starts ({low}). "
            "Give the earlier month first, or leave one end open."
        )


def _not_relevant(item: Item) -> Item:
    if isinstance(item, Role):
        return item.model_copy(update={"situation": (), "tasks": (NOT_RELEVANT_PLACEHOLDER,)})
    if isinstance(item, Project):
        return item.model_copy(update={"description": (NOT_RELEVANT_PLACEHOLDER,)})
    if isinstance(item, Volunteering):
        return item.model_copy(update={"tasks": (NOT_RELEVANT_PLACEHOLDER,)})
    if isinstance(item, Award | Publication):
        return item.model_copy(update={"description": ()})
    return item


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

    def status(item: Item) -> Inclusion:
        return Inclusion(statuses.get(item_key(item), Inclusion.INCLUDE))

    def keep(item: Item) -> bool:
        if status(item) is Inclusion.OMIT:
            return False
        if isinstance(item, SkillGroup):
            return status(item) is Inclusion.INCLUDE
        return date_range is None or _overlaps(*_span(item), date_range)

    def apply(items: tuple) -> tuple:
        return tuple(item if status(item) is Inclusion.INCLUDE else _not_relevant(item)
                     for item in items if keep(item))

    roles, projects = apply(resume.roles), apply(resume.projects)
    if (resume.roles or resume.projects) and not (roles or projects):
        raise ExportFilterError(
            "Every role and project was left out by the inclusion settings or the date range, "
            "so the export would have no experience at all. Include at least one item or widen "
            "the date range."
        )
    # Filtering keeps the order, so an unnamed skill group stays first.
    return resume.model_copy(update={
        "roles": roles, "projects": projects, "awards": apply(resume.awards),
        "volunteering": apply(resume.volunteering), "publications": apply(resume.publications),
        "skills": apply(resume.skills),
    })
