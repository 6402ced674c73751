"""Admin changes as an administrator makes them: the proposal, then the click on its button.

Tests of what a change does use these; tests of the confirmation itself use the proposals and
``confirm`` directly.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from assistant.workflows import admin_proposals
from assistant.workflows.admin_confirm import confirm
from assistant.workflows.admin_guard import AdminScope


def clicked(propose: Callable[..., Awaitable[tuple[str, dict[str, Any]]]]):
    async def proposed_then_clicked(scope: AdminScope, *args: Any, **kwargs: Any) -> str:
        _, artifact = await propose(scope, *args, **kwargs)
        return await confirm(scope, artifact["confirm"][0]["payload"])

    return proposed_then_clicked


create_user = clicked(admin_proposals.create_user)
set_account_active = clicked(admin_proposals.set_account_active)
reset_password = clicked(admin_proposals.reset_password)
force_password_change = clicked(admin_proposals.force_password_change)
set_admin_role = clicked(admin_proposals.set_admin_role)
set_default_model = clicked(admin_proposals.set_default_model)
delete_account = clicked(admin_proposals.request_deletion)
