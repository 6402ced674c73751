from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from assistant.workflows.admin_accounts import set_admin_role
from tools.admin_scope import admin_scope
from tools.context import as_text


@tool(parse_docstring=True)
async def admin_set_admin_role(username: str, admin: bool, runtime: ToolRuntime[Any]) -> str:
    """Administrators only: grant or revoke the administrator role.

    The last active administrator cannot lose the role.

    Args:
        username: The account's username.
        admin: True to grant, False to revoke.
    """
    return await as_text(set_admin_role(admin_scope(runtime), username, admin))
