from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from assistant.workflows.admin_support import set_default_model
from tools.admin_scope import admin_scope
from tools.context import as_text, context_of


@tool(parse_docstring=True)
async def admin_set_default_model(
    model: str, runtime: ToolRuntime[Any], base_url: str | None = None
) -> str:
    """Administrators only: set the model everyone without their own settings uses.

    Unlike personal settings, this may point at a local or private address (e.g. Ollama).
    An API key is never taken in chat: the administrator sets it with /defaultmodel.

    Args:
        model: The model name, e.g. llama3.1 or gpt-4o-mini.
        base_url: The OpenAI-compatible address, e.g. http://localhost:11434/v1.
    """
    settings = context_of(runtime).settings
    return await as_text(
        set_default_model(
            admin_scope(runtime), settings, base_url=base_url, model=model, api_key=None
        )
    )
