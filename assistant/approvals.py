"""``/approve``: an administrator lists sign-ups waiting for approval and approves one.

Used when ``TAILOR_SIGNUP=approval``: a sign-up whose address is verified waits, inactive, until
approved; ``/approve <username>`` proposes it and the administrator's click on the confirmation
button approves (``admin_approvals``), after which the person gets an email.
"""

from __future__ import annotations

import uuid
from typing import Any

from assistant import runtime
from assistant.workflows.admin_guard import AdminScope
from assistant.workflows.admin_proposals import approve_signup
from db.accounts import get_account
from db.signup import pending_signups
from documents.markdown_text import md_text

Outcome = str | tuple[str, dict[str, Any]]

USAGE = "Approve one with `/approve <username>`."


NOT_ALLOWED = "There is no command `/approve`."


async def approve_command(admin_id: uuid.UUID, argument: str) -> Outcome:
    """The waiting list, or a proposal to approve one: only the admin's click approves."""
    # The role is read again here, not trusted from the caller (as every admin action does).
    async with runtime.session_scope() as session:
        admin = await get_account(session, admin_id)
        if admin is None or not admin.is_active or not admin.is_admin:
            return NOT_ALLOWED
    username = argument.strip()
    if not username:
        return await _list_pending()
    return await approve_signup(AdminScope(runtime.session_factory(), admin_id), username)


async def _list_pending() -> str:
    async with runtime.session_scope() as session:
        waiting = await pending_signups(session)
    if not waiting:
        return "No sign-ups are waiting for approval."
    lines = [
        f"- **{md_text(account.username)}** ({md_text(account.email)}), "
        f"asked {account.created_at:%Y-%m-%d %H:%M}"
        for account in waiting
    ]
    return "Sign-ups waiting for approval:\n" + "\n".join(lines) + "\n\n" + USAGE
