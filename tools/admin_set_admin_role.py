from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from assistant.workflows.admin_proposals import set_admin_role
from tools.admin_scope import admin_scope
from tools.context import as_text_and_artifact


@tool(parse_docstring=True, response_format="content_and_artifact")
async def admin_set_admin_role(
    username: str, admin: bool, runtime: ToolRuntime[Any]
) -> tuple[str, dict[str, Any]]:
    """Administrators only: propose granting or revoking the administrator role.

    This changes nothing by itself: it shows the administrator a button saying exactly what
    will change, and only their click does it. Tell them to click it; you cannot confirm for them.

    The last active administrator cannot lose the role.

    Args:
        username: The account's username.
        admin: True to grant, False to revoke.
    """
    return await as_text_and_artifact(set_admin_role(admin_scope(runtime), username, admin))
