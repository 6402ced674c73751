"""Account administration against a real database: role from the database, last admin, audit."""

from __future__ import annotations

import pytest
from admin_clicks import (
    create_user,
    force_password_change,
    reset_password,
    set_account_active,
    set_admin_role,
)
from sqlalchemy import select
from support.markdown_shown import as_read
from tool_harness import PASSWORD, new_account

from assistant.workflows.admin_accounts import list_accounts, show_account
from assistant.workflows.admin_guard import NOT_AN_ADMIN, AdminRefused, AdminScope
from assistant.workflows.admin_support import audit_log
from assistant.workflows.library_common import Mistake
from assistant.workflows.one_time_reveal import reveal
from db.accounts import create_account, get_account_by_username
from db.models import Account, AuditEntry

pytestmark = pytest.mark.db


async def new_admin(sessions, username: str = "root"):
    async with sessions.begin() as session:
        account = await create_account(session, username, PASSWORD, roles=("user", "admin"))
        return account.id


async def audit_rows(sessions) -> list[AuditEntry]:
    async with sessions() as session:
        return list((await session.scalars(select(AuditEntry).order_by(AuditEntry.id))).all())


async def account(sessions, username: str) -> Account:
    async with sessions() as session:
        found = await get_account_by_username(session, username)
        assert found is not None
        return found


async def test_admin_creates_an_account_that_must_change_its_temporary_password(
    session_factory,
) -> None:
    admin = AdminScope(session_factory, await new_admin(session_factory))
    text = await create_user(admin, "Carol")
    link = text.split("](/reveal/")[1].split(")")[0]
    revealed = await reveal(session_factory, link, admin.actor_id)
    assert revealed is not None and revealed.username == "Carol"
    temporary = revealed.secret
    assert temporary not in text
    created = await account(session_factory, "carol")
    assert created.must_change_password and created.roles == ["user"]
    from assistant.passwords import verify_password

    assert verify_password(temporary, created.password_hash)[0]
    listing = await list_accounts(admin)
    assert "**Carol**: user; active; last login never; 0 resumes, 0 documents" in listing
    assert "**root**: admin, user" in listing
    with pytest.raises(Mistake, match="already taken"):
        await create_user(admin, "carol")


async def test_a_normal_user_is_refused_everything_and_learns_nothing(session_factory) -> None:
    await new_admin(session_factory)
    await new_account(session_factory, "secret-person")
    user = AdminScope(session_factory, await new_account(session_factory, "mallory"))
    attempts = [
        list_accounts(user),
        show_account(user, "secret-person"),
        show_account(user, "nobody-at-all"),
        create_user(user, "sneaky"),
        set_account_active(user, "root", False),
        reset_password(user, "root"),
        force_password_change(user, "root"),
        set_admin_role(user, "mallory", True),
        audit_log(user),
    ]
    for attempt in attempts:
        with pytest.raises(AdminRefused) as refused:
            await attempt
        # The same words whether the target exists or not: nothing about other accounts.
        assert refused.value.message == NOT_AN_ADMIN
    mallory = await account(session_factory, "mallory")
    assert mallory.roles == ["user"]
    assert await account(session_factory, "root")
    rows = await audit_rows(session_factory)
    assert [r.outcome for r in rows] == ["refused"] * len(attempts)
    assert {r.actor_name for r in rows} == {"mallory"}


async def test_a_disabled_or_demoted_admin_loses_admin_power_at_once(session_factory) -> None:
    root = AdminScope(session_factory, await new_admin(session_factory, "root"))
    second = AdminScope(session_factory, await new_admin(session_factory, "second"))
    await set_account_active(root, "second", False)
    with pytest.raises(AdminRefused):
        await list_accounts(second)
    await set_account_active(root, "second", True)
    await set_admin_role(root, "second", False)
    with pytest.raises(AdminRefused):
        await list_accounts(second)


async def test_the_last_active_admin_cannot_be_demoted_disabled_or_removed(
    session_factory,
) -> None:
    root = AdminScope(session_factory, await new_admin(session_factory, "root"))
    with pytest.raises(Mistake, match="last active administrator"):
        await set_admin_role(root, "root", False)
    with pytest.raises(Mistake, match="last active administrator"):
        await set_account_active(root, "root", False)
    await new_admin(session_factory, "second")
    await set_account_active(root, "second", False)
    # A disabled admin does not count: root is still the last active one.
    with pytest.raises(Mistake, match="last active administrator"):
        await set_admin_role(root, "root", False)
    assert (await account(session_factory, "root")).roles == ["admin", "user"]
    failed = [r for r in await audit_rows(session_factory) if r.outcome == "failed"]
    assert len(failed) == 3 and all(r.target == "root" for r in failed)


async def test_reset_signs_out_and_forces_a_new_password(session_factory) -> None:
    root = AdminScope(session_factory, await new_admin(session_factory))
    await new_account(session_factory, "dave")
    before = await account(session_factory, "dave")
    text = await reset_password(root, "dave")
    after = await account(session_factory, "dave")
    assert after.session_version == before.session_version + 1
    assert after.must_change_password and after.password_hash != before.password_hash
    assert "Temporary password: [open the temporary password](/reveal/" in text
    await new_account(session_factory, "erin")
    await force_password_change(root, "erin")
    assert (await account(session_factory, "erin")).must_change_password
    with pytest.raises(Mistake, match="no account named 'zed'"):
        await force_password_change(root, "zed")


async def test_every_admin_action_is_in_the_audit_log_and_audit_shows_it(session_factory) -> None:
    root = AdminScope(session_factory, await new_admin(session_factory))
    await create_user(root, "frank")
    await set_account_active(root, "frank", False)
    await set_account_active(root, "frank", True)
    await set_admin_role(root, "frank", True)
    await show_account(root, "frank")
    shown = as_read(await audit_log(root))
    for action in ("create_account", "disable_account", "enable_account", "grant_admin",
                   "show_account"):
        assert f"**root** {action} → frank: ok" in shown
    assert shown.index("show_account") < shown.index("create_account")  # newest first
    rows = await audit_rows(session_factory)
    assert all(r.actor_name == "root" and r.at is not None for r in rows)


async def test_account_list_tells_sign_ups_waiting_apart_from_disabled_accounts(
    session_factory,
) -> None:
    from db.signup import create_signup, finish_verification

    admin = AdminScope(session_factory, await new_admin(session_factory))
    async with session_factory.begin() as session:
        await create_signup(session, "waiting", "waiting@example.org", PASSWORD)
        verified = await create_signup(session, "approvable", "approve@example.org", PASSWORD)
        await finish_verification(session, verified, "approval")
        await create_account(session, "benched", PASSWORD)
    await set_account_active(admin, "benched", False)

    listed = as_read(await list_accounts(admin))
    lines = {line.split("**")[1]: line for line in listed.splitlines()[1:]}
    assert "email not confirmed" in lines["waiting"] and "<waiting@example.org>" in lines["waiting"]
    assert "/approve approvable" in lines["approvable"]
    assert "disabled" in lines["benched"]
    assert "disabled" not in lines["waiting"] + lines["approvable"]
