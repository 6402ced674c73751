from __future__ import annotations

from typing import Any

from langchain.tools import ToolRuntime, tool

from tools.context import ToolContext, as_text, context_of
from workflows.library.resumes import create_resume as create_workflow


async def _run(context: ToolContext, name: str, markdown: str | None) -> str:
    message, _ = await create_workflow(context.scope, name=name, markdown=markdown)
    return message


@tool(parse_docstring=True)
async def create_resume(runtime: ToolRuntime[Any], name: str, markdown: str | None = None) -> str:
    """Create a new resume, from the template or from an interview with the person.

    Template: call with only a name; the resume holds placeholder text to replace.
    Interview: first ask the person section by section (contact details, each job with company,
    title, dates and what they did, education, certifications), one question at a time; then
    call with the answers written in Tailor's resume Markdown (# Personal / ## Contact
    Information, # Experience / ## Roles / ### Role / #### Basics, ...). Use only what the
    person said; errors come back by line so you can fix them.

    Args:
        name: What the person wants to call the resume.
        markdown: The resume in Tailor's Markdown format, built from the interview answers.
    """
    return await as_text(_run(context_of(runtime), name, markdown))
