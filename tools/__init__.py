"""The agent's tools: one module per tool, each a thin typed adapter over a workflow.

Importing this package builds the tool objects (cheap: no database, no network).
"""

from __future__ import annotations

from collections.abc import Iterable

from langchain_core.tools import BaseTool

from tools.admin_audit_log import admin_audit_log
from tools.admin_create_account import admin_create_account
from tools.admin_delete_account import admin_delete_account
from tools.admin_force_password_change import admin_force_password_change
from tools.admin_list_accounts import admin_list_accounts
from tools.admin_reset_password import admin_reset_password
from tools.admin_set_account_active import admin_set_account_active
from tools.admin_set_admin_role import admin_set_admin_role
from tools.admin_set_default_model import admin_set_default_model
from tools.admin_show_account import admin_show_account
from tools.admin_support_view import admin_support_view
from tools.analyze_job import analyze_job
from tools.compare_versions import compare_versions
from tools.create_resume import create_resume
from tools.delete_resume import delete_resume
from tools.duplicate_resume import duplicate_resume
from tools.edit_personal import edit_personal
from tools.edit_resume_item import edit_resume_item
from tools.export_document import export_document
from tools.import_resume import import_resume
from tools.list_resumes import list_resumes
from tools.match_report import match_report
from tools.promote_version import promote_version
from tools.refine_document import refine_document
from tools.remember_fact import remember_fact
from tools.rename_resume import rename_resume
from tools.save_job import save_job
from tools.set_export_options import set_export_options
from tools.set_inclusion import set_inclusion
from tools.set_primary_resume import set_primary_resume
from tools.show_resume import show_resume
from tools.show_versions import show_versions
from tools.tailor_resume import tailor_resume
from tools.undo_edit import undo_edit
from tools.use_resume import use_resume
from tools.write_cover_letter import write_cover_letter

ALL_TOOLS: list[BaseTool] = [
    import_resume,
    create_resume,
    list_resumes,
    use_resume,
    save_job,
    analyze_job,
    match_report,
    tailor_resume,
    write_cover_letter,
    refine_document,
    show_versions,
    compare_versions,
    set_inclusion,
    export_document,
    remember_fact,
    admin_list_accounts,
    admin_show_account,
    admin_create_account,
    admin_set_account_active,
    admin_reset_password,
    admin_force_password_change,
    admin_set_admin_role,
    admin_delete_account,
    admin_support_view,
    admin_set_default_model,
    admin_audit_log,
    show_resume,
    edit_personal,
    edit_resume_item,
    undo_edit,
    rename_resume,
    duplicate_resume,
    delete_resume,
    set_primary_resume,
    promote_version,
    set_export_options,
]

# Offered to admins only; RoleGate refuses them for anyone else and each re-checks the database.
ADMIN_TOOL_NAMES: frozenset[str] = frozenset({
    admin_list_accounts.name,
    admin_show_account.name,
    admin_create_account.name,
    admin_set_account_active.name,
    admin_reset_password.name,
    admin_force_password_change.name,
    admin_set_admin_role.name,
    admin_delete_account.name,
    admin_support_view.name,
    admin_set_default_model.name,
    admin_audit_log.name,
})


def tools_for(roles: Iterable[str]) -> list[BaseTool]:
    """The tools a person with these roles may be offered (admin tools re-check the database)."""
    is_admin = "admin" in set(roles)
    return [tool for tool in ALL_TOOLS if is_admin or tool.name not in ADMIN_TOOL_NAMES]
