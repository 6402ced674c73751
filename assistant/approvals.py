"""``/approve``: an administrator lists sign-ups waiting for approval and approves one.

Used when ``TAILOR_SIGNUP=approval``: a sign-up whose address is verified waits, inactive, until
approved here; the person then gets an email that their account is ready.
"""

from __future__ import annotations

import uuid

from assistant import runtime
from assistant.mail import MailError, public_link, send_mail
from db import audit
from db.accounts import get_account, get_account_by_username
from db.signup import PENDING_APPROVAL, approve_signup, pending_signups
from documents.markdown_text import md_text

USAGE = "Approve one with `/approve <username>`."


NOT_ALLOWED = "There is no command `/approve`."


async def approve_command(admin_id: uuid.UUID, argument: str) -> str:
    # The role is read again here, not trusted from the caller (as every admin action does).
    async with runtime.session_scope() as session:
        admin = await get_account(session, admin_id)
        if admin is None or not admin.is_active or not admin.is_admin:
            return NOT_ALLOWED
    username = argument.strip()
    if not username:
        return await _list_pending()
    async with runtime.session_scope() as session:
        admin = await get_account(session, admin_id)
        account = await get_account_by_username(session, username)
        if account is None or account.signup_status != PENDING_APPROVAL:
            return (
                f"No sign-up named “{md_text(username)}” is waiting for approval (it may not have "
                "confirmed its email address yet). `/approve` lists the waiting ones."
            )
        approved = await approve_signup(session, account.id)
        assert approved is not None  # checked above, under the same transaction
        await audit.record(
            session, admin, "approve_signup", target=approved.username, outcome=audit.OK,
            detail={"email": approved.email},
        )
        name, email = md_text(approved.username), approved.email or ""
    settings = runtime.settings()
    if not settings.mail_enabled or not email:
        return f"Approved **{name}**; they can sign in now. Tell them, as no email is configured."
    try:
        await send_mail(settings, email, "approved", username=name,
                        link=public_link(settings, "/login"))
    except MailError:
        return (
            f"Approved **{name}**; they can sign in now. The email telling them could not be "
            f"sent, so tell them yourself ({md_text(email)})."
        )
    return (f"Approved **{name}**; they can sign in now and were told by email "
            f"({md_text(email)}).")


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
