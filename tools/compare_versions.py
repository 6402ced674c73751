from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from tools.context import as_text, context_of
from workflows.library.versions import compare_versions as compare_workflow


@tool(parse_docstring=True)
async def compare_versions(runtime: ToolRuntime[Any], first_id: str, second_id: str) -> str:
    """Show what changed between two versions: removed text struck through, added text in bold.

    Args:
        first_id: Id of the older version (from show_versions).
        second_id: Id of the newer version (from show_versions).
    """
    scope = context_of(runtime).scope
    return await as_text(compare_workflow(scope, first_id=first_id, second_id=second_id))
