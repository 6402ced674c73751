from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from tools.admin_scope import admin_scope
from tools.context import as_text
from workflows.admin.accounts import show_account


@tool(parse_docstring=True)
async def admin_show_account(username: str, runtime: ToolRuntime[Any]) -> str:
    """Administrators only: show one account in detail.

    Args:
        username: The account's username, as listed by admin_list_accounts.
    """
    return await as_text(show_account(admin_scope(runtime), username))
