"""Slash commands in the chat: built from the capability table, each with the role it needs.

Which commands exist, their descriptions, icons, roles and handlers are rows of
`workflows/capabilities.py`; this module runs them for Chainlit and answers the two UI-only ones
(`/settings`, `/help`). A command arrives either from Chainlit's command menu
(``message.command``, a client claim) or typed as ``/name`` at the start of a message. Both go
through ``find_command`` with the roles read from the database for this message, so a command
someone may not use is answered exactly like one that does not exist, and ``/help`` lists
exactly the commands this person may use. None needs a model.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from assistant import runtime
from core.errors import Mistake
from core.roles import ADMIN, USER
from workflows.admin.guard import AdminScope
from workflows.capabilities import CAPABILITIES, CommandSpec
from workflows.library.common import Scope


@dataclass(frozen=True)
class CommandRequest:
    account_id: uuid.UUID
    username: str
    roles: frozenset[str]
    thread_id: str
    argument: str = ""


@dataclass
class CommandReply:
    text: str
    artifact: dict[str, Any] = field(default_factory=dict)  # same shape as a tool's artifact
    show_settings: bool = False


Handler = Callable[[CommandRequest], Awaitable[CommandReply]]


@dataclass(frozen=True)
class Command:
    name: str
    description: str
    icon: str  # a lucide icon name, shown in Chainlit's command menu
    role: str
    run: Handler


async def show_help(request: CommandRequest) -> CommandReply:
    lines = [f"- `/{c.name}`: {c.description}" for c in commands_for(request.roles)]
    return CommandReply(
        "Commands you can use (they work even without a language model):\n" + "\n".join(lines)
        + "\n\nFor everything else, just write what you want, e.g. "
        "“tailor my resume to the job I pasted”."
    )


async def show_settings(request: CommandRequest) -> CommandReply:
    from assistant.chat_settings import describe, how_to_set
    from workflows.accounts.model_settings import describe_personal

    async with runtime.session_scope() as session:
        current = await describe_personal(session, request.account_id)
    how = how_to_set(request.roles, runtime.settings())
    return CommandReply(f"Your model settings: {describe(current)}.\n\n{how}",
                        show_settings=True)


def _workflow_handler(spec: CommandSpec, role: str) -> Handler:
    """A command over its workflow; an admin workflow reads the role from the database itself."""
    assert spec.run is not None
    run = spec.run

    async def handler(request: CommandRequest) -> CommandReply:
        sessions = runtime.session_factory()
        scope = (AdminScope(sessions, request.account_id) if role == ADMIN
                 else Scope(sessions, request.account_id, request.thread_id))
        try:
            outcome = await run(scope, request.argument)
        except Mistake as mistake:
            return CommandReply(mistake.message)
        text, artifact = outcome if isinstance(outcome, tuple) else (outcome, {})
        return CommandReply(text, artifact=artifact)

    return handler


# The commands the Chainlit layer answers itself: their rows in the table have no handler.
UI_HANDLERS: dict[str, Handler] = {"settings": show_settings, "help": show_help}


def _build_commands() -> tuple[Command, ...]:
    return tuple(
        Command(spec.name, spec.description, spec.icon, capability.role,
                UI_HANDLERS[spec.name] if spec.run is None
                else _workflow_handler(spec, capability.role))
        for capability in CAPABILITIES
        for spec in capability.commands
    )


COMMANDS: tuple[Command, ...] = _build_commands()


def commands_for(roles: Iterable[str]) -> list[Command]:
    held = set(roles) | {USER}
    return [command for command in COMMANDS if command.role in held]


def find_command(name: str, roles: Iterable[str]) -> Command | None:
    """The command if it exists and this person may use it; None either way otherwise."""
    wanted = name.strip().lstrip("/").lower()
    return next((c for c in commands_for(roles) if c.name == wanted), None)


def split_typed_command(text: str) -> tuple[str, str] | None:
    """``"/export pdf 2"`` -> ``("export", "pdf 2")``; None when the text is not a command."""
    stripped = text.strip()
    if not stripped.startswith("/") or stripped.startswith("//"):
        return None
    name, _, argument = stripped[1:].partition(" ")
    return (name.lower(), argument.strip()) if name.isalpha() else None


def chainlit_commands(roles: Iterable[str]) -> list[dict[str, Any]]:
    """The command menu Chainlit shows in the composer."""
    return [
        {"id": c.name, "icon": c.icon, "description": c.description, "button": False,
         "persistent": False}
        for c in commands_for(roles)
    ]


def unknown_command(name: str, roles: Iterable[str]) -> str:
    names = ", ".join(f"`/{c.name}`" for c in commands_for(roles))
    return f"There is no command `/{name}`. You can use: {names}."
