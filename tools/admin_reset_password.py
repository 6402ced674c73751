from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from assistant.workflows.admin_accounts import reset_password
from tools.admin_scope import admin_scope
from tools.context import as_text


@tool(parse_docstring=True)
async def admin_reset_password(username: str, runtime: ToolRuntime[Any]) -> str:
    """Administrators only: give an account a new temporary password.

    You never see the password: the result holds a one-time link to it; pass that link on to
    the administrator exactly as written. The person is signed out everywhere and must choose
    a new password at the next sign-in.

    Args:
        username: The account's username.
    """
    return await as_text(reset_password(admin_scope(runtime), username))
