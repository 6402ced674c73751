from __future__ import annotations

from typing import Any, Literal

from langchain.tools import ToolRuntime, tool

from tools.context import as_text_and_artifact, context_of
from workflows.library.export import ExportRequest
from workflows.library.export import export_document as export_workflow


@tool(parse_docstring=True, response_format="content_and_artifact")
async def export_document(
    runtime: ToolRuntime[Any],
    format: Literal["pdf", "docx", "markdown", "json"],
    version_id: str | None = None,
    resume_id: str | None = None,
    word_layout: Literal["ats", "plain"] | None = None,
    start: str | None = None,
    end: str | None = None,
) -> tuple[str, dict[str, Any]]:
    """Export a generated version or a saved resume as a file the person can download.

    Args:
        format: pdf, docx (Word), markdown, or json (JSON Resume; resumes only).
        version_id: A version id from show_versions, or "latest" for the newest version made
            in this conversation. Leave out to export a saved resume.
        resume_id: A saved resume's id (when no version_id); leave out for the active resume.
        word_layout: For docx: "ats" for application forms, "plain" for people to read;
            leave out for the resume's remembered choice.
        start: Keep only roles and projects from this month on (MM/YYYY); leave start and end
            out for the remembered range, "" for no bound.
        end: Keep only roles and projects up to this month (MM/YYYY).
    """
    request = ExportRequest(format=format, version_id=version_id, resume_id=resume_id,
                            word_layout=word_layout, start=start, end=end)
    return await as_text_and_artifact(export_workflow(context_of(runtime).scope, request))
