from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from assistant.workflows.admin_proposals import force_password_change
from tools.admin_scope import admin_scope
from tools.context import as_text_and_artifact


@tool(parse_docstring=True, response_format="content_and_artifact")
async def admin_force_password_change(
    username: str, runtime: ToolRuntime[Any]
) -> tuple[str, dict[str, Any]]:
    """Administrators only: propose making a person choose a new password before chatting.

    This changes nothing by itself: it shows the administrator a button saying exactly what
    will change, and only their click does it. Tell them to click it; you cannot confirm for them.

    Args:
        username: The account's username.
    """
    return await as_text_and_artifact(force_password_change(admin_scope(runtime), username))
