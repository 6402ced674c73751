"""The chat's admin part: the confirmation button's click, and refusals of admin commands.

The click is the only way an admin action changes state (roles, accounts, passwords, the default
model, approvals, deletion); its payload is whatever the browser sent, so ``confirm`` checks it
against the server-side confirmation and the clicker's role.
"""

from __future__ import annotations

import chainlit as cl

from assistant import runtime
from assistant.commands import ADMIN
from assistant.workflows.admin_commands import ADMIN_COMMANDS
from assistant.workflows.admin_confirm import confirm
from assistant.workflows.admin_guard import AdminRefused, AdminScope, record_refusal
from assistant.workflows.library_common import Mistake
from db.models import Account


async def confirm_admin_change(account: Account, action: cl.Action) -> None:
    await action.remove()  # one press only; a replayed payload fails the nonce check anyway
    scope = AdminScope(runtime.session_factory(), account.id)
    try:
        text = await confirm(scope, action.payload)
    except (Mistake, AdminRefused) as refused:
        text = refused.message
    await cl.Message(content=text).send()


async def note_refused_command(account: Account, name: str) -> None:
    """Audit an admin command someone without the role tried (typed or forged)."""
    if ADMIN not in (account.roles or ()) and name.strip().lstrip("/").lower() in ADMIN_COMMANDS:
        scope = AdminScope(runtime.session_factory(), account.id)
        await record_refusal(scope, f"command:{name.strip().lstrip('/').lower()}")
