from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from tools.admin_scope import admin_scope
from tools.context import as_text
from workflows.admin.accounts import list_accounts


@tool(parse_docstring=True)
async def admin_list_accounts(runtime: ToolRuntime[Any]) -> str:
    """Administrators only: list every account with roles, state, last login and counts.
    """
    return await as_text(list_accounts(admin_scope(runtime)))
