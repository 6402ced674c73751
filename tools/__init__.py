"""The agent's tools: one module per tool, each a thin typed adapter over a workflow.

Importing this package builds the tool objects (cheap: no database, no network).
"""

from __future__ import annotations

from collections.abc import Iterable

from langchain_core.tools import BaseTool

from tools.analyze_job import analyze_job
from tools.compare_versions import compare_versions
from tools.create_resume import create_resume
from tools.export_document import export_document
from tools.import_resume import import_resume
from tools.list_resumes import list_resumes
from tools.match_report import match_report
from tools.refine_document import refine_document
from tools.remember_fact import remember_fact
from tools.save_job import save_job
from tools.set_inclusion import set_inclusion
from tools.show_versions import show_versions
from tools.tailor_resume import tailor_resume
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
]

# Administration is a later issue; its tools will be listed here and offered to admins only.
ADMIN_TOOL_NAMES: frozenset[str] = frozenset()


def tools_for(roles: Iterable[str]) -> list[BaseTool]:
    """The tools a person with these roles may be offered (admin tools re-check the database)."""
    is_admin = "admin" in set(roles)
    return [tool for tool in ALL_TOOLS if is_admin or tool.name not in ADMIN_TOOL_NAMES]
