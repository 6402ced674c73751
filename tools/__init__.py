"""The agent's tools: one module per tool, each a thin typed adapter over a workflow.

Which tools exist, in which order, and which role each needs is written once, in
`workflows/capabilities.py`; this package only supplies the tool objects for those names.
Importing it builds the tool objects (cheap: no database, no network).
"""

from __future__ import annotations

from collections.abc import Iterable

from langchain_core.tools import BaseTool

from core.roles import ADMIN
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
from tools.edit_job import edit_job
from tools.edit_personal import edit_personal
from tools.edit_resume_item import edit_resume_item
from tools.export_document import export_document
from tools.import_resume import import_resume
from tools.list_jobs import list_jobs
from tools.list_resumes import list_resumes
from tools.match_report import match_report
from tools.promote_version import promote_version
from tools.refine_document import refine_document
from tools.remember_fact import remember_fact
from tools.rename_resume import rename_resume
from tools.save_job import save_job
from tools.sent_documents import sent_documents
from tools.set_export_options import set_export_options
from tools.set_inclusion import set_inclusion
from tools.set_job_status import set_job_status
from tools.set_primary_resume import set_primary_resume
from tools.show_resume import show_resume
from tools.show_versions import show_versions
from tools.tailor_resume import tailor_resume
from tools.undo_edit import undo_edit
from tools.use_resume import use_resume
from tools.write_cover_letter import write_cover_letter
from workflows.capabilities import ADMIN_TOOL_NAMES, TOOL_NAMES

_BY_NAME: dict[str, BaseTool] = {tool.name: tool for tool in (
    admin_audit_log,
    admin_create_account,
    admin_delete_account,
    admin_force_password_change,
    admin_list_accounts,
    admin_reset_password,
    admin_set_account_active,
    admin_set_admin_role,
    admin_set_default_model,
    admin_show_account,
    admin_support_view,
    analyze_job,
    compare_versions,
    create_resume,
    delete_resume,
    duplicate_resume,
    edit_job,
    edit_personal,
    edit_resume_item,
    export_document,
    import_resume,
    list_jobs,
    list_resumes,
    match_report,
    promote_version,
    refine_document,
    remember_fact,
    rename_resume,
    save_job,
    sent_documents,
    set_export_options,
    set_inclusion,
    set_job_status,
    set_primary_resume,
    show_resume,
    show_versions,
    tailor_resume,
    undo_edit,
    use_resume,
    write_cover_letter,
)}

ALL_TOOLS: list[BaseTool] = [_BY_NAME[name] for name in TOOL_NAMES]

__all__ = ["ADMIN_TOOL_NAMES", "ALL_TOOLS", "tools_for"]


def tools_for(roles: Iterable[str]) -> list[BaseTool]:
    """The tools a person with these roles may be offered (admin tools re-check the database)."""
    is_admin = ADMIN in set(roles)
    return [tool for tool in ALL_TOOLS if is_admin or tool.name not in ADMIN_TOOL_NAMES]
