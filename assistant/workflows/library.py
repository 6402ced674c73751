"""The library workflows in one place (the modules behind it are split by subject).

Every function takes a `Scope` (who, which conversation, which database) and returns text for
the chat; mistakes the caller can fix raise `Mistake`, failures the person must see raise
`UserFacingError`.
"""

from assistant.workflows.library_common import Mistake, Scope
from assistant.workflows.library_export import ExportRequest, export_document
from assistant.workflows.library_import import confirm_import, import_resume
from assistant.workflows.library_jobs import list_jobs, remember_fact, save_job
from assistant.workflows.library_resumes import (
    create_resume,
    list_resumes,
    set_inclusion,
    use_resume,
)
from assistant.workflows.library_versions import compare_versions, show_versions

__all__ = [
    "ExportRequest",
    "Mistake",
    "Scope",
    "compare_versions",
    "confirm_import",
    "create_resume",
    "export_document",
    "import_resume",
    "list_jobs",
    "list_resumes",
    "remember_fact",
    "save_job",
    "set_inclusion",
    "show_versions",
    "use_resume",
]
