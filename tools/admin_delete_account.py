from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from assistant.workflows.admin_proposals import request_deletion
from tools.admin_scope import admin_scope
from tools.context import as_text_and_artifact


@tool(parse_docstring=True, response_format="content_and_artifact")
async def admin_delete_account(
    username: str, runtime: ToolRuntime[Any]
) -> tuple[str, dict[str, Any]]:
    """Administrators only: ask to delete an account and everything of theirs.

    This does not delete anything by itself: it shows the administrator a confirmation button,
    and only their click deletes. Tell them to click it; you cannot confirm for them.

    Args:
        username: The account's username.
    """
    return await as_text_and_artifact(request_deletion(admin_scope(runtime), username))
