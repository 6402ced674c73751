"""The capability table is the one place a command or tool is declared: each has one row."""

from __future__ import annotations

import inspect
from collections import Counter

from assistant.commands import COMMANDS, UI_HANDLERS
from core.roles import ROLES
from tools import _BY_NAME, ALL_TOOLS
from workflows.capabilities import CAPABILITIES


def test_every_tool_and_every_command_has_exactly_one_row() -> None:
    tool_rows = Counter(c.tool for c in CAPABILITIES if c.tool)
    assert {name: n for name, n in tool_rows.items() if n != 1} == {}
    # Every tool object the package supplies is offered, and every row has its tool object.
    assert set(tool_rows) == set(_BY_NAME) == {tool.name for tool in ALL_TOOLS}
    command_rows = Counter(spec.name for c in CAPABILITIES for spec in c.commands)
    assert {name: n for name, n in command_rows.items() if n != 1} == {}
    assert [c.name for c in COMMANDS] == list(command_rows)


def test_each_row_names_a_known_role_and_a_way_to_reach_it() -> None:
    for capability in CAPABILITIES:
        assert capability.role in ROLES, capability.name
        assert capability.tool or capability.commands, capability


def test_a_command_without_a_workflow_is_answered_by_the_chat_layer() -> None:
    ui_only = {spec.name for c in CAPABILITIES for spec in c.commands if spec.run is None}
    assert ui_only == set(UI_HANDLERS)


def test_every_command_handler_takes_a_scope_and_the_argument() -> None:
    for capability in CAPABILITIES:
        for spec in capability.commands:
            if spec.run is not None:
                inspect.signature(spec.run).bind(object(), "")  # raises TypeError otherwise
