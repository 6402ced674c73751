"""The slash-command registry: who may use what, what /help lists, how typed commands parse."""

from __future__ import annotations

import uuid

import pytest

from assistant.commands import (
    ADMIN,
    CommandRequest,
    chainlit_commands,
    find_command,
    show_help,
    split_typed_command,
    unknown_command,
)
from workflows.capabilities import ADMIN_COMMANDS

EVERYONE = ["resumes", "jobs", "status", "sent", "versions", "export", "settings", "help"]
ADMIN_ONLY = list(ADMIN_COMMANDS)


def request_for(*roles: str) -> CommandRequest:
    return CommandRequest(uuid.uuid4(), "bob", frozenset(roles), thread_id="t-1")


@pytest.mark.parametrize(
    ("typed", "parsed"),
    [
        ("/resumes", ("resumes", "")),
        ("  /Export pdf 2 ", ("export", "pdf 2")),
        ("/home/bob/resume.pdf is my file", None),
        ("// not a command", None),
        ("please /help me", None),
        ("/", None),
    ],
)
def test_typed_commands_are_recognised_only_at_the_start(typed: str, parsed):
    assert split_typed_command(typed) == parsed


async def test_help_lists_exactly_the_commands_a_user_may_use():
    listed = (await show_help(request_for("user"))).text
    for name in EVERYONE:
        assert f"`/{name}`" in listed
    assert "/accounts" not in listed
    assert [c["id"] for c in chainlit_commands({"user"})] == EVERYONE


async def test_an_admin_sees_admin_commands_in_help_and_menu():
    listed = (await show_help(request_for("user", "admin"))).text
    for name in ADMIN_ONLY:
        assert f"`/{name}`" in listed, name
    description = ADMIN_COMMANDS["accounts"].description
    assert f"`/accounts`: {description}" in listed
    assert [c["id"] for c in chainlit_commands({"user", "admin"})] == EVERYONE + ADMIN_ONLY
    command = find_command("/accounts", {"user", "admin"})
    assert command is not None and command.role == ADMIN


def test_an_admin_command_is_unknown_to_a_user():
    assert find_command("accounts", {"user"}) is None
    answer = unknown_command("accounts", {"user"})
    # Answered like a command that does not exist, and says what they can use instead.
    assert answer.startswith("There is no command `/accounts`.")
    assert "`/help`" in answer and "`/accounts`," not in answer
