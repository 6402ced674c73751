"""Bringing a resume in: from a stored upload or pasted text, to a draft, to a named resume.

Our Markdown and JSON Resume convert directly. Anything else is read by code into the resume
model (documents.structure); with no model configured that read is the draft when the file has
recognisable structure. With a model, the model's read is the draft and is checked line by line
against the file, the deterministic read serving as the cross-check, and the file's version is
kept beside it for the person to choose. The draft is summarised with whatever looks wrong and
kept: nothing becomes a resume until the person confirms a name.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid

from langchain_core.messages import HumanMessage, SystemMessage

from core.errors import Mistake, UserFacingError
from db.conversations import create_draft, delete_draft, get_draft, update_state
from db.files import get_file
from db.resume_history import mark_seen
from db.resumes import create_resume
from documents import Month, Resume, from_json_resume, parse_resume, write_resume
from documents.importers import ExtractedText, ImportRefused, extract_text
from documents.problems import ParseResult
from documents.structure.read import read_extracted
from llm.structured import ModelConnection, as_data, structured_call
from prompts import load_prompt
from workflows.library.common import Scope, parse_id, unknown
from workflows.library.import_check import (
    check_file_read,
    check_model_read,
    section_counts,
)
from workflows.progress import Progress

MAX_PASTED_CHARS = 100_000


async def import_resume(
    scope: Scope,
    *,
    file_id: str | None,
    text: str | None,
    model: ModelConnection | None,
    progress: Progress,
    today: dt.date,
    max_bytes: int,
) -> str:
    """Read an upload or pasted text into a draft; the message summarises it for confirmation."""
    if bool(file_id) == bool(text and text.strip()):
        raise Mistake("Give either file_id (an uploaded file) or text (pasted resume), not both.")
    source_name: str | None = None
    if file_id:
        source_name, extracted = await _read_upload(scope, file_id, max_bytes)
    else:
        assert text is not None
        if len(text) > MAX_PASTED_CHARS:
            raise Mistake("The pasted text is too long for a resume; paste only the resume.")
        extracted = ExtractedText(text=text, kind="text")
    source_text, warnings = extracted.text, list(extracted.warnings)
    kind = extracted.kind if file_id else "pasted"
    resume, how = _read_directly(source_text, kind)
    check_lines: list[str] = []
    fidelity = file_markdown = None
    if resume is None:
        read = await asyncio.to_thread(read_extracted, extracted)
        if model is None:
            if not read.structured.recognised or read.structured.resume is None:
                raise UserFacingError(
                    "Tailor could not find the usual resume structure in this file (a name, then "
                    "headings such as Experience or Education with dated entries), and no "
                    "language model is configured to read it. Set one in /settings (or ask your "
                    "administrator), or upload the resume as Markdown in Tailor's format."
                )
            resume = read.structured.resume
            how = "read from the file without a model"
            checked = check_file_read(read)
        else:
            async with progress.step("Reading the resume with the model") as step:
                resume = await structured_call(
                    model,
                    Resume,
                    [
                        SystemMessage(load_prompt("import_resume").render()),
                        HumanMessage(as_data(source_text, "resume")),
                    ],
                    purpose="read the resume",
                )
                await step.update("done")
            how = f"structured by the model {model.label}, checked against the file"
            checked = check_model_read(resume, read)
            if checked.file_resume is not None:
                file_markdown = write_resume(checked.file_resume)
        fidelity, check_lines = checked.fidelity, checked.lines
    suggested = _suggested_name(resume, source_name)
    async with scope.sessions.begin() as session:
        draft = await create_draft(
            session,
            scope.owner_id,
            markdown=write_resume(resume),
            source_kind=kind,
            source_file_name=source_name,
            suggested_name=suggested,
            fidelity=fidelity,
            file_markdown=file_markdown,
        )
    return _draft_message(draft.id, resume, how, suggested, warnings, check_lines, today)


async def confirm_import(
    scope: Scope, draft_id: str, name: str, *, keep_file_version: bool = False
) -> tuple[str, uuid.UUID]:
    """Save a draft as a resume under the name the person confirmed, and make it active.

    With `keep_file_version`, the file's version of a model-read draft is saved instead (only
    when the check made one: it is read from the stored draft, never from the caller)."""
    name = " ".join((name or "").split())
    if not name:
        raise Mistake("Ask the person what to call this resume, then call again with `name`.")
    async with scope.sessions.begin() as session:
        draft = await get_draft(session, scope.owner_id, parse_id(draft_id, "draft"))
        if draft is None:
            raise Mistake(unknown("draft", draft_id))
        markdown, fidelity = draft.markdown, draft.fidelity
        if keep_file_version:
            if draft.file_markdown is None:
                raise Mistake("This draft has no file's version: the check found nothing to "
                              "correct, or the draft was read from the file already. Call "
                              "again without keep_file_version.")
            markdown = draft.file_markdown
            fidelity = {**(draft.fidelity or {}), "kept": "file_version"}
        resume = await create_resume(
            session,
            scope.owner_id,
            name=name[:200],
            markdown=markdown,
            source_kind=draft.source_kind,
            source_file_name=draft.source_file_name,
            fidelity=fidelity,
        )
        await delete_draft(session, scope.owner_id, draft.id)
        await update_state(session, scope.owner_id, scope.thread_id, active_resume_id=resume.id)
        await mark_seen(session, resume, scope.thread_id)
    message = f'Saved the resume as "{resume.name}" (id {resume.id}); it is now the active resume.'
    return message, resume.id


async def _read_upload(
    scope: Scope, file_id: str, max_bytes: int
) -> tuple[str, ExtractedText]:
    async with scope.sessions() as session:
        stored = await get_file(session, scope.owner_id, parse_id(file_id, "file"))
    if stored is None:
        raise Mistake(unknown("file", file_id))
    try:
        # CPU work (a large PDF takes seconds): off the event loop, which serves every chat.
        extracted = await asyncio.to_thread(
            extract_text, stored.name, stored.content, max_bytes=max_bytes
        )
    except ImportRefused as exc:
        raise UserFacingError(exc.message) from exc
    return stored.name, extracted


def _read_directly(text: str, kind: str) -> tuple[Resume | None, str]:
    """Our Markdown or JSON Resume without a model; (None, "") when neither fits."""
    stripped = text.lstrip()
    if kind == "json" or stripped.startswith("{"):
        result = from_json_resume(text)
        if result.ok:
            return result.resume, "read as JSON Resume"
        if kind == "json":
            raise Mistake(_problems("The JSON file is not a usable JSON Resume", result))
    result = parse_resume(text)
    if result.ok:
        return result.resume, "read as Tailor's Markdown format"
    if kind in ("markdown", "pasted") and _looks_like_our_format(text):
        # Someone's own Markdown with a few mistakes: fixing them beats a model's re-reading.
        raise Mistake(_problems("The text is in Tailor's Markdown format but has errors", result))
    return None, ""


def _looks_like_our_format(text: str) -> bool:
    headings = {line.strip().casefold() for line in text.splitlines() if line.startswith("#")}
    return "## contact information" in headings or "### role" in headings


def _problems(intro: str, result: ParseResult) -> str:
    listed = "\n".join(f"- {problem}" for problem in result.errors[:20])
    return f"{intro}:\n{listed}\nShow these to the person and ask for a corrected version."


def _suggested_name(resume: Resume, source_name: str | None) -> str:
    if resume.name:
        return f"{resume.name} resume"
    if source_name:
        return source_name.rsplit(".", 1)[0]
    return "My resume"


def _draft_message(
    draft_id: uuid.UUID, resume: Resume, how: str, suggested: str, warnings: list[str],
    check_lines: list[str], today: dt.date,
) -> str:
    lines = [f"Draft {draft_id} ({how}). Found:"]
    lines += [f"- {line}" for line in summarise(resume)]
    lines += section_counts(resume)
    if warnings:
        lines.append("Left out while reading the file (tell the person):")
        lines += [f"- {warning}" for warning in warnings]
    lines += check_lines
    doubts = looks_wrong(resume, today)
    if doubts:
        lines.append("Looks wrong or missing (check with the person):")
        lines += [f"- {doubt}" for doubt in doubts]
    lines.append(
        f"Nothing is saved yet. Show this summary, ask the person to confirm a name (suggested: "
        f"\"{suggested}\"), then call import_resume with draft_id and name."
    )
    return "\n".join(lines)


def summarise(resume: Resume) -> list[str]:
    personal = resume.personal
    contact = personal.contact if personal else None
    lines = [f"Name: {contact.name}" if contact else "Name: (none)"]
    if contact:
        details = [value for value in (contact.email, contact.phone, contact.location) if value]
        if details:
            lines.append("Contact: " + ", ".join(details))
    for role in resume.roles:
        end = str(role.end) if role.end else "present"
        dates = f"{role.start} - {end}" if role.start else "no dates"
        lines.append(f"Role: {role.title} at {role.company} ({dates}), "
                     f"{len(role.tasks)} bullet(s), {len(role.skills)} skill(s)")
    lines += [f"Project: {project.title}" for project in resume.projects]
    lines += [f"Degree: {' '.join(filter(None, (d.degree, d.major)))} at {d.school}".replace(
        "Degree:  at", "Degree: at") for d in resume.degrees]
    lines += [f"Certification: {cert.name}" for cert in resume.certifications]
    lines += [f"Skills{f' ({group.name})' if group.name else ''}: {', '.join(group.items)}"
              for group in resume.skills]
    if resume.languages:
        lines.append("Languages: " + ", ".join(language.name for language in resume.languages))
    lines += [f"Award: {award.title}" for award in resume.awards]
    lines += [f"Volunteering: {item.organization}" for item in resume.volunteering]
    lines += [f"Publication: {item.title}" for item in resume.publications]
    if resume.interests:
        lines.append("Interests: " + ", ".join(resume.interests))
    return lines


def looks_wrong(resume: Resume, today: dt.date) -> list[str]:
    doubts: list[str] = []
    contact = resume.personal.contact if resume.personal else None
    if contact is None:
        doubts.append("no name or contact details were found")
    elif not contact.email:
        doubts.append("no email address")
    if not resume.roles and not resume.projects:
        doubts.append("no roles or projects were found")
    this_month = Month.of(today)
    for role in resume.roles:
        label = f"{role.title} at {role.company}"
        # A year alone is in the future only when all of it is (its January is).
        if role.start is None:
            doubts.append(f"{label} has no dates; add them if the role has them, as years of "
                          "experience cannot count it")
        elif role.start.earliest > this_month:
            doubts.append(f"{label} starts in the future ({role.start})")
        if role.end and role.end.earliest > this_month:
            doubts.append(f"{label} ends in the future ({role.end})")
        if not role.tasks and not role.situation and not role.summary:
            doubts.append(f"{label} has no description")
    return doubts
