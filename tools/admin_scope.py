"""What every admin tool shares: the acting account as an ``AdminScope``.

The scope carries only who is asking; the workflow reads their role from the database.
"""

from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime

from tools.context import context_of
from workflows.admin.guard import AdminScope


def admin_scope(runtime: ToolRuntime[Any]) -> AdminScope:
    context = context_of(runtime)
    return AdminScope(context.session_factory, context.account_id)
