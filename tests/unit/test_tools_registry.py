"""The tool registry: every tool once, typed arguments the model can read, admin tools apart."""

from __future__ import annotations

from tools import ADMIN_TOOL_NAMES, ALL_TOOLS, tools_for

# What a signed-in person may ask the model to do (the library, generation and resume editing).
USER_TOOLS = [
    "import_resume", "create_resume", "list_resumes", "list_jobs", "use_resume", "save_job",
    "edit_job", "set_job_status", "sent_documents", "analyze_job",
    "match_report", "tailor_resume", "write_cover_letter", "refine_document", "show_versions",
    "compare_versions", "set_inclusion", "export_document", "remember_fact",
    "show_resume", "edit_personal", "edit_resume_item", "undo_edit", "rename_resume",
    "duplicate_resume", "delete_resume", "set_primary_resume", "promote_version",
    "set_export_options",
]
# These hand back a file, a version, or a confirmation button the chat must show.
ARTIFACT_TOOLS = {"tailor_resume", "write_cover_letter", "refine_document", "export_document",
                  "match_report",  # the match card the app shows
                  "delete_resume", "promote_version", "admin_delete_account", "sent_documents",
                  # Every state-changing admin tool only proposes: it hands back the button.
                  "admin_create_account", "admin_set_account_active", "admin_reset_password",
                  "admin_force_password_change", "admin_set_admin_role",
                  "admin_set_default_model"}


def names(tool_list) -> list[str]:
    return [tool.name for tool in tool_list]


def test_every_tool_is_offered_once_and_admin_tools_are_exactly_the_admin_ones() -> None:
    every = names(ALL_TOOLS)
    assert len(every) == len(set(every))
    # The admin_ prefix is how the model and the audit log tell them apart; the set must agree.
    assert {name for name in every if name.startswith("admin_")} == ADMIN_TOOL_NAMES
    assert [name for name in every if name not in ADMIN_TOOL_NAMES] == USER_TOOLS


def test_a_user_is_offered_no_admin_tool_and_an_admin_every_tool() -> None:
    assert names(tools_for({"user"})) == USER_TOOLS
    assert not set(names(tools_for({"user"}))) & ADMIN_TOOL_NAMES
    assert names(tools_for({"user", "admin"})) == names(ALL_TOOLS)
    assert set(names(tools_for({"admin"}))) >= ADMIN_TOOL_NAMES


def test_the_model_sees_descriptions_for_every_argument_and_never_the_runtime() -> None:
    for tool in ALL_TOOLS:
        schema = tool.tool_call_schema.model_json_schema()
        assert tool.description.strip(), tool.name
        assert "runtime" not in schema.get("properties", {}), tool.name
        for name, field in schema.get("properties", {}).items():
            assert field.get("description"), f"{tool.name}.{name} has no description"


def test_tools_that_make_files_versions_or_buttons_hand_back_an_artifact() -> None:
    assert set(names(ALL_TOOLS)) >= ARTIFACT_TOOLS
    for tool in ALL_TOOLS:
        expected = "content_and_artifact" if tool.name in ARTIFACT_TOOLS else "content"
        assert tool.response_format == expected, tool.name
