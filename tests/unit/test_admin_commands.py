"""Admin commands: listed and found for admins only; their arguments are explained when wrong."""

from __future__ import annotations

import uuid

import pytest

from assistant.commands import CommandRequest, commands_for, find_command, show_help
from core.errors import Mistake
from workflows.admin.commands import add_user, default_model
from workflows.admin.guard import AdminScope
from workflows.capabilities import ADMIN_COMMANDS

NOBODY = AdminScope(sessions=None, actor_id=uuid.uuid4())  # type: ignore[arg-type]


def test_admin_commands_exist_only_for_admins() -> None:
    user_names = {c.name for c in commands_for({"user"})}
    admin_names = {c.name for c in commands_for({"user", "admin"})}
    assert not user_names & set(ADMIN_COMMANDS)
    assert set(ADMIN_COMMANDS) <= admin_names
    for name in ADMIN_COMMANDS:
        assert find_command(name, {"user"}) is None
        assert find_command(f"/{name.upper()}", {"admin"}) is not None


async def test_help_lists_exactly_what_the_person_may_use() -> None:
    def request(roles: set[str]) -> CommandRequest:
        return CommandRequest(uuid.uuid4(), "x", frozenset(roles), "t")

    for_user = (await show_help(request({"user"}))).text
    for_admin = (await show_help(request({"user", "admin"}))).text
    assert "`/delete`" not in for_user and "`/audit`" not in for_user
    assert "`/delete`: delete an account and all its data" in for_admin


@pytest.mark.parametrize(
    ("command", "argument", "says"),
    [
        (ADMIN_COMMANDS["disable"].run, "", "Name one account: `/disable <username>`"),
        (ADMIN_COMMANDS["delete"].run, "ann bob", "Name one account: `/delete <username>`"),
        (add_user, "ann superuser", "Use `/adduser <username>`"),
        (default_model, "", "Use `/defaultmodel <model>`"),
    ],
)
async def test_wrong_arguments_are_explained_before_anything_happens(
    command, argument: str, says: str
) -> None:
    with pytest.raises(Mistake, match=r"^" + says.replace("`", ".").replace("[", r"\[")):
        await command(NOBODY, argument)

