"""What tools and typed commands may do about admin changes: propose them, nothing more.

Each returns the text saying exactly what would change and the confirmation button; the change
happens only when the administrator clicks it (``admin_confirm.confirm``).
"""

from __future__ import annotations

from typing import Any

from assistant.workflows.admin_approvals import APPROVE_ACTION
from assistant.workflows.admin_confirm import propose
from assistant.workflows.admin_delete import DELETE_ACTION
from assistant.workflows.admin_guard import AdminScope
from assistant.workflows.admin_support import default_model_subject

Proposal = tuple[str, dict[str, Any]]


async def create_user(scope: AdminScope, username: str, *, admin: bool = False) -> Proposal:
    return await propose(scope, "create_account", username, admin=admin)


async def set_account_active(scope: AdminScope, username: str, active: bool) -> Proposal:
    return await propose(scope, "enable_account" if active else "disable_account", username)


async def reset_password(scope: AdminScope, username: str) -> Proposal:
    return await propose(scope, "reset_password", username)


async def force_password_change(scope: AdminScope, username: str) -> Proposal:
    return await propose(scope, "force_password_change", username)


async def set_admin_role(scope: AdminScope, username: str, admin: bool) -> Proposal:
    return await propose(scope, "grant_admin" if admin else "revoke_admin", username)


async def request_deletion(scope: AdminScope, username: str) -> Proposal:
    return await propose(scope, DELETE_ACTION, username)


async def approve_signup(scope: AdminScope, username: str) -> Proposal:
    return await propose(scope, APPROVE_ACTION, username)


async def set_default_model(scope: AdminScope, *, base_url: str | None, model: str) -> Proposal:
    subject, params = default_model_subject(base_url, model)
    return await propose(scope, "set_default_model", subject, **params)
