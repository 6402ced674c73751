from __future__ import annotations

from typing import Any, Literal

from langchain.tools import ToolRuntime, tool

from tools.context import as_text_and_artifact, context_of
from workflows.resume_edit.confirm import promote_version as promote_workflow


@tool(parse_docstring=True, response_format="content_and_artifact")
async def promote_version(
    runtime: ToolRuntime[Any],
    version_id: str,
    mode: Literal["new", "overwrite"],
    name: str | None = None,
) -> tuple[str, dict[str, Any]]:
    """Keep a tailored resume version as a resume: as a new resume (mode new, with a name), or
    over the resume it came from (mode overwrite: the person must press the button this shows;
    the old text stays recoverable with undo_edit).

    Args:
        version_id: A resume version id from show_versions.
        mode: new or overwrite.
        name: For mode new: the new resume's name.
    """
    scope = context_of(runtime).scope
    return await as_text_and_artifact(promote_workflow(scope, version_id, mode=mode, name=name))
