from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from assistant.workflows.admin_accounts import force_password_change
from tools.admin_scope import admin_scope
from tools.context import as_text


@tool(parse_docstring=True)
async def admin_force_password_change(username: str, runtime: ToolRuntime[Any]) -> str:
    """Administrators only: make a person choose a new password before they chat again.

    Args:
        username: The account's username.
    """
    return await as_text(force_password_change(admin_scope(runtime), username))
