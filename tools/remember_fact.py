from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from tools.context import as_text, context_of
from workflows.library.jobs import remember_fact as remember_workflow


@tool(parse_docstring=True)
async def remember_fact(runtime: ToolRuntime[Any], fact: str) -> str:
    """Record something the person confirmed about themselves, so later documents may use it.

    Only call this after the person said it is true, e.g. "Yes, I used Terraform at Acme".

    Args:
        fact: The confirmed fact as one sentence, in the person's words.
    """
    return await as_text(remember_workflow(context_of(runtime).scope, fact))
