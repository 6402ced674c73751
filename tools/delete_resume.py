from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from tools.context import as_text_and_artifact, context_of
from workflows.resume_edit.confirm import request_delete


@tool(parse_docstring=True, response_format="content_and_artifact")
async def delete_resume(
    runtime: ToolRuntime[Any], resume_id: str, with_versions: bool = False
) -> tuple[str, dict[str, Any]]:
    """Ask to delete a resume. The person must press the Delete button that this shows; you
    cannot confirm it for them. Versions made from it stay readable unless with_versions.

    Args:
        resume_id: The resume's id, as shown by list_resumes.
        with_versions: Also delete the tailored versions made from it (only if the person asks).
    """
    scope = context_of(runtime).scope
    return await as_text_and_artifact(request_delete(scope, resume_id,
                                                     with_versions=with_versions))
