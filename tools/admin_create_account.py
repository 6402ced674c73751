from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from assistant.workflows.admin_proposals import create_user
from tools.admin_scope import admin_scope
from tools.context import as_text_and_artifact


@tool(parse_docstring=True, response_format="content_and_artifact")
async def admin_create_account(
    username: str, runtime: ToolRuntime[Any], admin: bool = False
) -> str:
    """Administrators only: propose creating an account with a temporary password.

    This changes nothing by itself: it shows the administrator a button saying exactly what
    will change, and only their click does it. Tell them to click it; you cannot confirm for them.

    You never see the password: the result holds a one-time link to it; pass that link on to
    the administrator exactly as written. The new person must choose their own password when
    they first sign in.

    Args:
        username: 3 to 64 characters: letters, digits and . _ - @.
        admin: True to make the new account an administrator too.
    """
    return await as_text_and_artifact(create_user(admin_scope(runtime), username, admin=admin))
