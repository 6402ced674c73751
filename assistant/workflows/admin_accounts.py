"""Account management by administrators: list, show, create, enable/disable, passwords, roles.

Each function re-checks the actor's role in the database (``admin_work``) and returns the text
to show. A target that does not exist or a rule that forbids the change is a ``Mistake``.
"""

from __future__ import annotations

import secrets

from assistant.passwords import hash_password, password_problems
from assistant.workflows.admin_guard import AdminScope, AdminWork, admin_work
from assistant.workflows.library_common import Mistake
from assistant.workflows.one_time_reveal import keep_for_reveal, reveal_sentence
from db.accounts import AccountError, bump_session_version, create_account, set_active
from db.admin import AccountSummary, account_summaries, other_active_admins
from db.models import Account
from db.signup import PENDING_APPROVAL, UNVERIFIED
from documents.markdown_text import md_code, md_text

LAST_ADMIN = (
    "'{name}' is the last active administrator, so they cannot be {what}: the instance would "
    "have nobody to manage it. Make someone else an administrator first."
)


def _when(account: Account) -> str:
    return f"{account.last_login_at:%Y-%m-%d %H:%M} UTC" if account.last_login_at else "never"


def summary_line(summary: AccountSummary) -> str:
    account = summary.account
    email = f" <{md_text(account.email)}>" if account.email else ""
    return (
        f"- **{md_text(account.username)}**{email}: {', '.join(account.roles)}; "
        f"{account_state(account)}; "
        "last login "
        f"{_when(account)}; {summary.resume_count} resumes, {summary.document_count} documents"
    )


def account_state(account: Account) -> str:
    """Sign-ups waiting for approval or email confirmation are inactive but not disabled."""
    if account.signup_status == PENDING_APPROVAL:
        return f"waiting for approval ({md_code(f'/approve {account.username}')})"
    if account.signup_status == UNVERIFIED:
        return "email not confirmed yet"
    return "active" if account.is_active else "disabled"


def temporary_password() -> str:
    while True:
        candidate = secrets.token_urlsafe(12)
        if not password_problems(candidate, ""):
            return candidate


async def keep_one_admin(work: AdminWork, target: Account, what: str) -> None:
    """Refuse a change that would leave no active administrator."""
    if target.is_active and target.is_admin and not await other_active_admins(
        work.session, target.id
    ):
        raise Mistake(LAST_ADMIN.format(name=target.username, what=what))


async def list_accounts(scope: AdminScope) -> str:
    async with admin_work(scope, "list_accounts") as work:
        summaries = await account_summaries(work.session)
        await work.done({"count": len(summaries)})
    return f"{len(summaries)} accounts:\n" + "\n".join(summary_line(s) for s in summaries)


async def show_account(scope: AdminScope, username: str) -> str:
    async with admin_work(scope, "show_account", username) as work:
        target = await work.account(username)
        (summary,) = await account_summaries(work.session, target.id)
        await work.done()
    flags = " Must change the password at the next sign-in." if target.must_change_password else ""
    return (
        f"{summary_line(summary)}\n- created {target.created_at:%Y-%m-%d}, id `{target.id}`."
        f"{flags}"
    )


async def create_user(scope: AdminScope, username: str, *, admin: bool = False) -> str:
    password = temporary_password()
    roles = ("user", "admin") if admin else ("user",)
    async with admin_work(scope, "create_account", username) as work:
        try:
            created = await create_account(
                work.session, username, password, roles=roles, must_change_password=True
            )
        except AccountError as error:
            raise Mistake(str(error)) from None
        link = await keep_for_reveal(work.session, creator=work.actor, account=created,
                                     secret=password)
        await work.done({"roles": list(roles)}, target=created.username)
    return (
        f"Created the account **{md_text(created.username)}** ({', '.join(roles)}). "
        f"Temporary password: {reveal_sentence(link)}.\n\nThey must choose a new password when "
        "they first sign in."
    )


async def set_account_active(scope: AdminScope, username: str, active: bool) -> str:
    action = "enable_account" if active else "disable_account"
    async with admin_work(scope, action, username) as work:
        target = await work.account(username)
        if not active:
            await keep_one_admin(work, target, "disabled")
        await set_active(work.session, target.id, active)
        await work.done(target=target.username)
    if active:
        return f"**{md_text(target.username)}** is enabled and can sign in again."
    return f"**{md_text(target.username)}** is disabled: signed out everywhere and cannot sign in."


async def reset_password(scope: AdminScope, username: str) -> str:
    password = temporary_password()
    async with admin_work(scope, "reset_password", username) as work:
        target = await work.account(username)
        target.password_hash = hash_password(password)
        target.must_change_password = True
        await work.session.flush()
        await bump_session_version(work.session, target.id)
        link = await keep_for_reveal(work.session, creator=work.actor, account=target,
                                     secret=password)
        await work.done(target=target.username)
    return (
        f"The password of **{md_text(target.username)}** is reset and they are signed out "
        "everywhere. "
        f"Temporary password: {reveal_sentence(link)}. They must choose a new one when they "
        "sign in."
    )


async def force_password_change(scope: AdminScope, username: str) -> str:
    async with admin_work(scope, "force_password_change", username) as work:
        target = await work.account(username)
        target.must_change_password = True
        await work.session.flush()
        await work.done(target=target.username)
    return f"**{md_text(target.username)}** must choose a new password before their next message."


async def set_admin_role(scope: AdminScope, username: str, admin: bool) -> str:
    action = "grant_admin" if admin else "revoke_admin"
    async with admin_work(scope, action, username) as work:
        target = await work.account(username)
        if not admin:
            await keep_one_admin(work, target, "demoted")
        roles = set(target.roles) | {"user"}
        roles = roles | {"admin"} if admin else roles - {"admin"}
        target.roles = sorted(roles)
        await work.session.flush()
        await work.done({"roles": target.roles}, target=target.username)
    if admin:
        return f"**{md_text(target.username)}** is now an administrator."
    return f"**{md_text(target.username)}** is no longer an administrator."
