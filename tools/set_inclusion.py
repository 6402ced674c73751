from __future__ import annotations

from typing import Any, Literal

from langchain.tools import ToolRuntime, tool

from assistant.workflows.library_resumes import set_inclusion as inclusion_workflow
from tools.context import as_text, context_of


@tool(parse_docstring=True)
async def set_inclusion(
    runtime: ToolRuntime[Any],
    item: str,
    status: Literal["include", "not_relevant", "omit"],
    resume_id: str | None = None,
) -> str:
    """Choose how a role, project, award, volunteering, publication or skill group appears in
    exports; the resume text itself is not changed.

    Args:
        item: Words naming one item, e.g. "Data Engineer at Acme", a project or award title.
        status: include (as written), not_relevant (keep basics, hide the bullets) or omit.
        resume_id: The resume's id; leave it out for the active resume.
    """
    scope = context_of(runtime).scope
    return await as_text(inclusion_workflow(scope, item=item, status=status, resume_id=resume_id))
