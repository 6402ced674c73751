"""Account management by administrators: list, show, create, enable/disable, passwords, roles.

Reading functions re-check the actor's role in the database (``admin_work``) and return the text
to show. Changes are ``AdminChange``s: proposed by a tool or command, run only by the
administrator's click (``admin_confirm``), inside the click's transaction. A target that does
not exist or a rule that forbids the change is a ``Mistake``, at the proposal and at the click.
"""

from __future__ import annotations

import secrets

from assistant.passwords import hash_password, password_problems
from assistant.workflows.admin_change import AdminChange, Params
from assistant.workflows.admin_guard import AdminScope, AdminWork, admin_work
from assistant.workflows.library_common import Mistake
from assistant.workflows.one_time_reveal import keep_for_reveal, reveal_sentence
from db.accounts import (
    AccountError,
    bump_session_version,
    create_account,
    get_account_by_username,
    set_active,
)
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


def _roles(params: Params) -> tuple[str, ...]:
    return ("user", "admin") if params.get("admin") else ("user",)


async def _name_is_free(work: AdminWork, target: Account | None, params: Params) -> None:
    if await get_account_by_username(work.session, str(params["subject"])) is not None:
        raise Mistake(f"The username '{params['subject']}' is already taken.")


async def _create(work: AdminWork, target: Account | None, params: Params) -> str:
    password = temporary_password()
    roles = _roles(params)
    try:
        created = await create_account(
            work.session, str(params["subject"]), password, roles=roles,
            must_change_password=True,
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


async def _nothing_to_check(work: AdminWork, target: Account | None, params: Params) -> None:
    return None


async def _last_admin_stays(what: str, work: AdminWork, target: Account | None) -> None:
    assert target is not None
    await keep_one_admin(work, target, what)


async def _disable_check(work: AdminWork, target: Account | None, params: Params) -> None:
    await _last_admin_stays("disabled", work, target)


async def _demote_check(work: AdminWork, target: Account | None, params: Params) -> None:
    await _last_admin_stays("demoted", work, target)


async def _set_active(active: bool, work: AdminWork, target: Account) -> str:
    await set_active(work.session, target.id, active)
    await work.done(target=target.username)
    if active:
        return f"**{md_text(target.username)}** is enabled and can sign in again."
    return f"**{md_text(target.username)}** is disabled: signed out everywhere and cannot sign in."


async def _enable(work: AdminWork, target: Account | None, params: Params) -> str:
    assert target is not None
    return await _set_active(True, work, target)


async def _disable(work: AdminWork, target: Account | None, params: Params) -> str:
    assert target is not None
    await _disable_check(work, target, params)
    return await _set_active(False, work, target)


async def _reset_password(work: AdminWork, target: Account | None, params: Params) -> str:
    assert target is not None
    password = temporary_password()
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


async def _force_password_change(work: AdminWork, target: Account | None, params: Params) -> str:
    assert target is not None
    target.must_change_password = True
    await work.session.flush()
    await work.done(target=target.username)
    return f"**{md_text(target.username)}** must choose a new password before their next message."


async def _set_role(admin: bool, work: AdminWork, target: Account) -> str:
    roles = set(target.roles) | {"user"}
    roles = roles | {"admin"} if admin else roles - {"admin"}
    target.roles = sorted(roles)
    await work.session.flush()
    await work.done({"roles": target.roles}, target=target.username)
    if admin:
        return f"**{md_text(target.username)}** is now an administrator."
    return f"**{md_text(target.username)}** is no longer an administrator."


async def _grant(work: AdminWork, target: Account | None, params: Params) -> str:
    assert target is not None
    return await _set_role(True, work, target)


async def _revoke(work: AdminWork, target: Account | None, params: Params) -> str:
    assert target is not None
    await _demote_check(work, target, params)
    return await _set_role(False, work, target)


def _created_roles(params: Params) -> str:
    return " and **administrator**" if params.get("admin") else ""


ACCOUNT_CHANGES: dict[str, AdminChange] = {
    "create_account": AdminChange(
        label=lambda name, p: f"Create {name}" + (" (administrator)" if p.get("admin") else ""),
        describe=lambda name, p: (
            f"Create the account **{name}** with the role **user**{_created_roles(p)} and a "
            "temporary password (shown once, through a link)."
        ),
        check=_name_is_free,
        apply=_create,
        targets_account=False,
    ),
    "enable_account": AdminChange(
        label=lambda name, p: f"Enable {name}",
        describe=lambda name, p: f"Enable **{name}**: they can sign in again.",
        check=_nothing_to_check,
        apply=_enable,
    ),
    "disable_account": AdminChange(
        label=lambda name, p: f"Disable {name}",
        describe=lambda name, p: (
            f"Disable **{name}**: they are signed out everywhere and cannot sign in."
        ),
        check=_disable_check,
        apply=_disable,
    ),
    "reset_password": AdminChange(
        label=lambda name, p: f"Reset the password of {name}",
        describe=lambda name, p: (
            f"Reset the password of **{name}** to a new temporary one (shown once, through a "
            "link): they are signed out everywhere and must choose a new one."
        ),
        check=_nothing_to_check,
        apply=_reset_password,
    ),
    "force_password_change": AdminChange(
        label=lambda name, p: f"Make {name} choose a new password",
        describe=lambda name, p: f"Make **{name}** choose a new password before chatting again.",
        check=_nothing_to_check,
        apply=_force_password_change,
    ),
    "grant_admin": AdminChange(
        label=lambda name, p: f"Make {name} an administrator",
        describe=lambda name, p: (
            f"Make **{name}** an **administrator**: they can manage every account and read "
            "everyone's documents."
        ),
        check=_nothing_to_check,
        apply=_grant,
    ),
    "revoke_admin": AdminChange(
        label=lambda name, p: f"Remove the administrator role from {name}",
        describe=lambda name, p: f"Remove the **administrator** role from **{name}**.",
        check=_demote_check,
        apply=_revoke,
    ),
}
