from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from tools.context import ToolContext, as_text, context_of
from workflows.library.importing import confirm_import
from workflows.library.importing import import_resume as import_workflow


async def _run(
    context: ToolContext, file_id: str | None, text: str | None, draft_id: str | None,
    name: str | None, keep_file_version: bool,
) -> str:
    if draft_id:
        message, _ = await confirm_import(context.scope, draft_id, name or "",
                                          keep_file_version=keep_file_version)
        return message
    return await import_workflow(
        context.scope, file_id=file_id, text=text, model=context.model,
        progress=context.progress, today=context.today, max_bytes=context.max_upload_bytes,
    )


@tool(parse_docstring=True)
async def import_resume(
    runtime: ToolRuntime[Any],
    file_id: str | None = None,
    text: str | None = None,
    draft_id: str | None = None,
    name: str | None = None,
    keep_file_version: bool = False,
) -> str:
    """Import the person's resume in two steps: read it into a draft, then save it under a name.

    Step 1: call with file_id (an uploaded file) or text (a pasted resume). The result summarises
    what was found and what looks wrong; show that to the person and ask what to call the resume.
    Step 2: call with draft_id and the name the person confirmed. Nothing is saved before step 2.
    Show the person every line the result lists as not imported or not supported by the file;
    when the result offers the file's version and the person wants it, pass keep_file_version.

    Args:
        file_id: Id of an uploaded file, from the message announcing the upload.
        text: The resume text the person pasted into the chat.
        draft_id: The draft id from step 1, to save it.
        name: The name the person chose for the resume (step 2).
        keep_file_version: Step 2 only: save the file's version (the file's dates, nothing the
            file does not say) instead of the draft as read.
    """
    return await as_text(_run(context_of(runtime), file_id, text, draft_id, name,
                              keep_file_version))
