"""The tool registry: every tool of the issue once, typed arguments the model can read."""

from __future__ import annotations

import tools
from tools import ADMIN_TOOL_NAMES, ALL_TOOLS, tools_for

ISSUE_TOOLS = [
    "import_resume", "create_resume", "list_resumes", "use_resume", "save_job", "analyze_job",
    "match_report", "tailor_resume", "write_cover_letter", "refine_document", "show_versions",
    "compare_versions", "set_inclusion", "export_document", "remember_fact",
]
FILE_OR_VERSION_TOOLS = {"tailor_resume", "write_cover_letter", "refine_document",
                         "export_document"}


def test_every_tool_of_the_issue_is_offered_once() -> None:
    assert [tool.name for tool in ALL_TOOLS] == ISSUE_TOOLS
    assert [tool.name for tool in tools_for({"user"})] == ISSUE_TOOLS
    assert [tool.name for tool in tools_for({"user", "admin"})] == ISSUE_TOOLS
    assert not ADMIN_TOOL_NAMES


def test_the_model_sees_descriptions_for_every_argument_and_never_the_runtime() -> None:
    for tool in ALL_TOOLS:
        schema = tool.tool_call_schema.model_json_schema()
        assert tool.description.strip(), tool.name
        assert "runtime" not in schema.get("properties", {}), tool.name
        for name, field in schema.get("properties", {}).items():
            assert field.get("description"), f"{tool.name}.{name} has no description"


def test_tools_that_make_files_or_versions_hand_back_an_artifact() -> None:
    for tool in ALL_TOOLS:
        expected = "content_and_artifact" if tool.name in FILE_OR_VERSION_TOOLS else "content"
        assert tool.response_format == expected, tool.name


def test_admin_tools_are_filtered_by_role(monkeypatch) -> None:
    # Administration tools arrive in a later issue; the filter must already hide them.
    monkeypatch.setattr(tools, "ADMIN_TOOL_NAMES", frozenset({"remember_fact"}))
    assert "remember_fact" not in [t.name for t in tools.tools_for({"user"})]
    assert "remember_fact" in [t.name for t in tools.tools_for({"admin"})]
