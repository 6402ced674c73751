"""Admin tools as the agent calls them: each re-checks the role itself, even past the gate."""

from __future__ import annotations

import dataclasses

import pytest
from test_admin_accounts import new_admin
from tool_harness import call, context, new_account

from assistant.workflows.admin_confirm import confirm
from assistant.workflows.admin_guard import AdminRefused, AdminScope
from tools import ADMIN_TOOL_NAMES, ALL_TOOLS, tools_for

pytestmark = pytest.mark.db

ARGS = {
    "admin_list_accounts": {},
    "admin_show_account": {"username": "root"},
    "admin_create_account": {"username": "newbie"},
    "admin_set_account_active": {"username": "root", "active": False},
    "admin_reset_password": {"username": "root"},
    "admin_force_password_change": {"username": "root"},
    "admin_set_admin_role": {"username": "mallory", "admin": True},
    "admin_delete_account": {"username": "root"},
    "admin_support_view": {"username": "root"},
    "admin_set_default_model": {"model": "evil", "base_url": "http://10.0.0.1/v1"},
    "admin_audit_log": {},
}


def test_only_admins_are_offered_admin_tools() -> None:
    assert set(ARGS) == ADMIN_TOOL_NAMES
    assert not {t.name for t in tools_for({"user"})} & ADMIN_TOOL_NAMES
    assert {t.name for t in tools_for({"user", "admin"})} == {t.name for t in ALL_TOOLS}


async def test_each_admin_tool_refuses_a_user_even_if_the_gate_were_bypassed(
    session_factory,
) -> None:
    await new_admin(session_factory, "root")
    mallory = await new_account(session_factory, "mallory")
    # The context even claims the admin role: the tools read the database, not the context.
    ctx = dataclasses.replace(context(session_factory, mallory),
                              roles=frozenset({"user", "admin"}))
    tools = {t.name: t for t in ALL_TOOLS}
    for name, args in ARGS.items():
        with pytest.raises(AdminRefused):
            await call(tools[name], ctx, **args)


async def test_an_admin_agent_can_list_propose_to_create_and_ask_to_delete(
    session_factory,
) -> None:
    root = await new_admin(session_factory, "root")
    ctx = context(session_factory, root)
    tools = {t.name: t for t in ALL_TOOLS}
    proposed = await call(tools["admin_create_account"], ctx, username="newbie")
    assert "Nothing has changed yet" in proposed.content
    assert "**newbie**" not in (await call(tools["admin_list_accounts"], ctx)).content
    created = await confirm(AdminScope(session_factory, root),
                            proposed.artifact["confirm"][0]["payload"])
    assert "Created the account **newbie**" in created
    listed = await call(tools["admin_list_accounts"], ctx)
    assert "**newbie**: user; active; last login never" in listed.content
    asked = await call(tools["admin_delete_account"], ctx, username="newbie")
    assert "it cannot be confirmed in the chat" in asked.content
    assert asked.artifact["confirm"][0]["label"] == "Delete newbie"
    missing = await call(tools["admin_show_account"], ctx, username="ghost")
    assert missing.content.startswith("There is no account named 'ghost'")
