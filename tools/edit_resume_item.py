from __future__ import annotations

from typing import Any, Literal

from langchain.tools import ToolRuntime, tool

from tools.context import as_text, context_of
from workflows.resume_edit.edit import change_item


@tool(parse_docstring=True)
async def edit_resume_item(
    runtime: ToolRuntime[Any],
    action: Literal["add", "change", "remove", "move"],
    kind: Literal["role", "project", "degree", "certification", "skill_group", "language",
                  "award", "volunteering", "publication"],
    item: str | None = None,
    fields: dict[str, str | list[str] | None] | None = None,
    before: str | None = None,
    resume_id: str | None = None,
) -> str:
    """Add, change, remove or move one item of a resume: a role, project, degree,
    certification, skill group, spoken language, award, volunteering or publication.

    One call is one validated edit, shown as a diff and undoable; use only facts the person gave.
    Dates as MM/YYYY, or YYYY when the person gave only a year; leave `end` out for a current
    job. Fields by kind:
    role: company, title, start, end, location, employment_type, job_category, agency,
    reason_for_change, summary, situation, tasks, skills (the last four are lists of lines).
    project: title, url, url_description, start, end, description (list), skills (list).
    degree: school, degree, major, start, end, gpa.
    certification: name, issuer, issued, expires, certification_id.
    skill_group: name (e.g. "Cloud"; leave out for the unnamed list), items (list).
    language: name, level (as the person says it: "Native", "B2").
    award: title, issuer, date, description (list).
    volunteering: organization, role, location, start, end, summary (list), tasks (list).
    publication: title, publisher, date, url, description (list).

    Args:
        action: add (needs fields), change (item and the fields to change; null clears),
            remove (item), move (item, and `before` naming the item to move above; no
            `before` moves it to the end).
        kind: Which kind of item.
        item: Words naming one existing item (e.g. "Acme", "2009 intern") or its number.
        fields: Field name -> value for add or change.
        before: For move (or add): words naming the item it goes above.
        resume_id: The resume's id; leave it out for the active resume.
    """
    scope = context_of(runtime).scope
    return await as_text(change_item(scope, action=action, kind=kind, item=item, fields=fields,
                                     before=before, resume_id=resume_id))
