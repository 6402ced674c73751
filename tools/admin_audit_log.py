from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from tools.admin_scope import admin_scope
from tools.context import as_text
from workflows.admin.support import audit_log


@tool(parse_docstring=True)
async def admin_audit_log(runtime: ToolRuntime[Any]) -> str:
    """Administrators only: show the latest entries of the audit log (who did what to whom).
    """
    return await as_text(audit_log(admin_scope(runtime)))
