from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from tools.context import as_text_and_artifact, context_of
from workflows.generation.use_cases import refine_document as refine_workflow


@tool(parse_docstring=True, response_format="content_and_artifact")
async def refine_document(
    runtime: ToolRuntime[Any], instruction: str, version_id: str | None = None
) -> tuple[str, dict[str, Any]]:
    """Apply the person's instruction ("make it shorter", "lead with the Kubernetes work",
    "warmer tone") to a tailored resume or cover letter, producing a new version.

    Args:
        instruction: What to change, in the person's words.
        version_id: The version to refine (from show_versions); leave it out for the latest
            version made in this conversation.
    """
    context = context_of(runtime)
    return await as_text_and_artifact(refine_workflow(
        context.scope, instruction=instruction, version_id=version_id, model=context.model,
        progress=context.progress,
    ))
