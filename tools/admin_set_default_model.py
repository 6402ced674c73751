from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from assistant.workflows.admin_proposals import set_default_model
from tools.admin_scope import admin_scope
from tools.context import as_text_and_artifact


@tool(parse_docstring=True, response_format="content_and_artifact")
async def admin_set_default_model(
    model: str, runtime: ToolRuntime[Any], base_url: str | None = None
) -> tuple[str, dict[str, Any]]:
    """Administrators only: propose the model everyone without their own settings uses.

    This changes nothing by itself: it shows the administrator a button saying exactly what
    will change, and only their click does it. Tell them to click it; you cannot confirm for them.
    Unlike personal settings, this may point at a local or private address (e.g. Ollama).
    An API key is never taken in chat.

    Args:
        model: The model name, e.g. llama3.1 or gpt-4o-mini.
        base_url: The OpenAI-compatible address, e.g. http://localhost:11434/v1.
    """
    return await as_text_and_artifact(
        set_default_model(admin_scope(runtime), base_url=base_url, model=model)
    )
