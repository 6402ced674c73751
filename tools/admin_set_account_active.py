from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from assistant.workflows.admin_proposals import set_account_active
from tools.admin_scope import admin_scope
from tools.context import as_text_and_artifact


@tool(parse_docstring=True, response_format="content_and_artifact")
async def admin_set_account_active(
    username: str, active: bool, runtime: ToolRuntime[Any]
) -> tuple[str, dict[str, Any]]:
    """Administrators only: propose disabling an account (signs it out) or enabling it again.

    This changes nothing by itself: it shows the administrator a button saying exactly what
    will change, and only their click does it. Tell them to click it; you cannot confirm for them.

    Args:
        username: The account's username.
        active: False to disable, True to enable.
    """
    return await as_text_and_artifact(set_account_active(admin_scope(runtime), username, active))
