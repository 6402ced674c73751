"""Approving a sign-up (``TAILOR_SIGNUP=approval``): an ``AdminChange``, run only by a click.

The person is told by email once the approval is committed, never before.
"""

from __future__ import annotations

from assistant.mail import MailError, public_link, send_mail
from assistant.settings import get_settings
from assistant.workflows.admin_change import AdminChange, FollowUp, Params
from assistant.workflows.admin_guard import AdminWork
from assistant.workflows.library_common import Mistake
from db.models import Account
from db.signup import PENDING_APPROVAL, approve_signup
from documents.markdown_text import md_text

APPROVE_ACTION = "approve_signup"


async def _waiting(work: AdminWork, target: Account | None, params: Params) -> None:
    if target is None or target.signup_status != PENDING_APPROVAL:
        name = md_text(target.username) if target else ""
        raise Mistake(
            f"No sign-up named “{name}” is waiting for approval (it may not have confirmed its "
            "email address yet). `/approve` lists the waiting ones."
        )


async def _approve(work: AdminWork, target: Account | None, params: Params) -> FollowUp:
    await _waiting(work, target, params)
    assert target is not None
    approved = await approve_signup(work.session, target.id)
    assert approved is not None  # checked above, under the same transaction
    await work.done({"email": approved.email}, target=approved.username)
    username, email = approved.username, approved.email or ""
    name, shown_email = md_text(username), md_text(email)

    async def tell_them() -> str:
        settings = get_settings()
        if not settings.mail_enabled or not email:
            return (
                f"Approved **{name}**; they can sign in now. Tell them, as no email is "
                "configured."
            )
        try:
            await send_mail(settings, email, "approved", username=username,
                            link=public_link(settings, "/login"))
        except MailError:
            return (
                f"Approved **{name}**; they can sign in now. The email telling them could not "
                f"be sent, so tell them yourself ({shown_email})."
            )
        return f"Approved **{name}**; they can sign in now and were told by email ({shown_email})."

    return tell_them


APPROVAL_CHANGES = {
    APPROVE_ACTION: AdminChange(
        label=lambda name, p: f"Approve {name}",
        describe=lambda name, p: (
            f"Approve the sign-up **{name}**: their account becomes active, they can sign in, "
            "and they are told by email."
        ),
        check=_waiting,
        apply=_approve,
    ),
}
