from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from assistant.workflows.admin_accounts import set_account_active
from tools.admin_scope import admin_scope
from tools.context import as_text


@tool(parse_docstring=True)
async def admin_set_account_active(username: str, active: bool, runtime: ToolRuntime[Any]) -> str:
    """Administrators only: disable an account (signs it out, blocks sign-in) or enable it again.

    Args:
        username: The account's username.
        active: False to disable, True to enable.
    """
    return await as_text(set_account_active(admin_scope(runtime), username, active))
