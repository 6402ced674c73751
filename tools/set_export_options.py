from __future__ import annotations

from typing import Any, Literal

from langchain.tools import ToolRuntime, tool

from tools.context import as_text, context_of
from workflows.resume_edit.manage import set_export_options as options_workflow


@tool(parse_docstring=True)
async def set_export_options(
    runtime: ToolRuntime[Any],
    resume_id: str | None = None,
    word_layout: Literal["ats", "plain"] | None = None,
    pdf_look: Literal["classic", "modern"] | None = None,
    paper: Literal["auto", "a4", "letter"] | None = None,
    include_projects: bool | None = None,
    projects_first: bool | None = None,
    education_at_end: bool | None = None,
    start: str | None = None,
    end: str | None = None,
) -> str:
    """Remember how a resume is exported; pass only the options the person chose.

    Args:
        resume_id: The resume's id; leave it out for the active resume.
        word_layout: ats (for application forms) or plain (for people).
        pdf_look: classic or modern.
        paper: a4 or letter (US Letter); auto follows the job's country (A4 outside the US
            and Canada).
        include_projects: Whether projects appear.
        projects_first: Projects before roles.
        education_at_end: True puts education after experience, False before it; unset, it
            follows the resume (after experience once there are roles).
        start: Keep roles and projects from this month on (MM/YYYY).
        end: Keep roles and projects up to this month (MM/YYYY). "" forgets start or end.
    """
    chosen = {"word_layout": word_layout, "pdf_look": pdf_look, "paper": paper,
              "include_projects": include_projects, "projects_first": projects_first,
              "education_at_end": education_at_end, "start": start, "end": end}
    changes = {name: value for name, value in chosen.items() if value is not None}
    return await as_text(options_workflow(context_of(runtime).scope, changes, resume_id))
