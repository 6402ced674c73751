from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from assistant.workflows.admin_proposals import reset_password
from tools.admin_scope import admin_scope
from tools.context import as_text_and_artifact


@tool(parse_docstring=True, response_format="content_and_artifact")
async def admin_reset_password(
    username: str, runtime: ToolRuntime[Any]
) -> tuple[str, dict[str, Any]]:
    """Administrators only: propose giving an account a new temporary password.

    This changes nothing by itself: it shows the administrator a button saying exactly what
    will change, and only their click does it. Tell them to click it; you cannot confirm for them.

    You never see the password: the result holds a one-time link to it; pass that link on to
    the administrator exactly as written. The person is signed out everywhere and must choose
    a new password at the next sign-in.

    Args:
        username: The account's username.
    """
    return await as_text_and_artifact(reset_password(admin_scope(runtime), username))
