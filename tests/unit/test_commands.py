"""The slash-command registry: who may use what, what /help lists, how typed commands parse."""

from __future__ import annotations

import uuid

import pytest

from assistant import commands
from assistant.commands import (
    ADMIN,
    Command,
    CommandReply,
    CommandRequest,
    chainlit_commands,
    find_command,
    show_help,
    split_typed_command,
    unknown_command,
)

EVERYONE = ["resumes", "jobs", "versions", "export", "settings", "help"]


async def list_accounts(request: CommandRequest) -> CommandReply:
    return CommandReply("alice, bob")


@pytest.fixture
def with_admin_command(monkeypatch: pytest.MonkeyPatch) -> None:
    admin_only = Command("accounts", "list every account", "users", ADMIN, list_accounts)
    monkeypatch.setattr(commands, "COMMANDS", (*commands.COMMANDS, admin_only))


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


async def test_help_lists_exactly_the_commands_a_user_may_use(with_admin_command):
    listed = (await show_help(request_for("user"))).text
    for name in EVERYONE:
        assert f"`/{name}`" in listed
    assert "/accounts" not in listed
    assert [c["id"] for c in chainlit_commands({"user"})] == EVERYONE


async def test_an_admin_sees_admin_commands_in_help_and_menu(with_admin_command):
    listed = (await show_help(request_for("user", "admin"))).text
    assert "`/accounts`: list every account" in listed
    assert "accounts" in [c["id"] for c in chainlit_commands({"user", "admin"})]
    command = find_command("/accounts", {"user", "admin"})
    assert command is not None
    assert (await command.run(request_for("admin"))).text == "alice, bob"


def test_an_admin_command_is_unknown_to_a_user(with_admin_command):
    assert find_command("accounts", {"user"}) is None
    answer = unknown_command("accounts", {"user"})
    # Answered like a command that does not exist, and says what they can use instead.
    assert answer.startswith("There is no command `/accounts`.")
    assert "`/help`" in answer and "`/accounts`," not in answer
