"""Slash commands: one registry, each command with the role it needs; none needs a model.

A command arrives either from Chainlit's command menu (``message.command``, a client claim) or
typed as ``/name`` at the start of a message. Both go through ``find_command`` with the roles
read from the database for this message, so a command someone may not use is answered exactly
like one that does not exist, and ``/help`` lists exactly the commands this person may use.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from assistant import runtime
from assistant.workflows.admin_commands import ADMIN_COMMANDS, AdminCommand
from assistant.workflows.admin_guard import AdminScope
from assistant.workflows.library_common import Mistake
from assistant.workflows.resume_edit_manage import describe_export_options
from db.jobs import list_jobs
from db.models import GeneratedDocument, Job
from db.resumes import list_resumes
from db.versions import list_versions
from documents.markdown_text import md_text

USER, ADMIN = "user", "admin"


@dataclass(frozen=True)
class CommandRequest:
    account_id: uuid.UUID
    username: str
    roles: frozenset[str]
    thread_id: str
    argument: str = ""


@dataclass
class CommandReply:
    text: str
    artifact: dict[str, Any] = field(default_factory=dict)  # same shape as a tool's artifact
    show_settings: bool = False


Handler = Callable[[CommandRequest], Awaitable[CommandReply]]


@dataclass(frozen=True)
class Command:
    name: str
    description: str
    icon: str  # a lucide icon name, shown in Chainlit's command menu
    role: str
    run: Handler


async def show_help(request: CommandRequest) -> CommandReply:
    lines = [f"- `/{c.name}`: {c.description}" for c in commands_for(request.roles)]
    return CommandReply(
        "Commands you can use (they work even without a language model):\n" + "\n".join(lines)
        + "\n\nFor everything else, just write what you want, e.g. "
        "“tailor my resume to the job I pasted”."
    )


async def show_resumes(request: CommandRequest) -> CommandReply:
    async with runtime.session_scope() as session:
        resumes = await list_resumes(session, request.account_id)
    if not resumes:
        return CommandReply(
            "You have no resumes yet. Upload one (PDF, Word, Markdown, text or JSON Resume) or "
            "paste it into the chat."
        )
    lines = []
    for resume in resumes:
        source = resume.source_file_name or resume.source_kind
        primary = " (primary)" if resume.is_primary else ""
        lines.append(
            f"- **{md_text(resume.name)}**{primary}: from {md_text(source)}, "
            f"updated {resume.updated_at:%Y-%m-%d}; exports: "
            f"{md_text(describe_export_options(resume.export_options))}"
        )
    return CommandReply("Your resumes:\n" + "\n".join(lines))


def job_label(job: Job | None) -> str:
    """The job as Markdown text: its title, company and location are the posting's words."""
    if job is None:
        return "no job"
    title = job.title or "untitled job"
    at = f" at {job.company}" if job.company else ""
    where = f" ({job.location})" if job.location else ""
    return md_text(f"{title}{at}{where}")


async def show_jobs(request: CommandRequest) -> CommandReply:
    async with runtime.session_scope() as session:
        jobs = await list_jobs(session, request.account_id)
    if not jobs:
        return CommandReply("You have no saved jobs yet. Paste a job posting into the chat.")
    lines = [
        f"- **{job_label(job)}**, saved {job.created_at:%Y-%m-%d}"
        + (", analysed" if job.analysis else "")
        for job in jobs
    ]
    return CommandReply("Your saved jobs:\n" + "\n".join(lines))


def version_line(document: GeneratedDocument) -> str:
    kind = "cover letter" if document.kind == "cover_letter" else document.kind.replace("_", " ")
    score = document.match_score or {}
    shown = f", match {score['score']}/100" if isinstance(score.get("score"), int) else ""
    why = f": “{md_text(document.instruction)}”" if document.instruction else ""
    when = f"{document.created_at:%Y-%m-%d %H:%M}"
    return f"  - v{document.version_number} {kind}, {when}{shown}{why}"


async def show_versions(request: CommandRequest) -> CommandReply:
    async with runtime.session_scope() as session:
        documents = await list_versions(session, request.account_id)
        jobs = {job.id: job for job in await list_jobs(session, request.account_id)}
    if not documents:
        return CommandReply(
            "No generated documents yet. Ask me to tailor your resume or write a cover letter "
            "for a saved job."
        )
    by_job: dict[uuid.UUID | None, list[GeneratedDocument]] = {}
    for document in documents:
        by_job.setdefault(document.job_id, []).append(document)
    blocks = [
        f"- **{job_label(jobs.get(job_id) if job_id else None)}**\n"
        + "\n".join(version_line(d) for d in group)
        for job_id, group in by_job.items()
    ]
    return CommandReply("Your versions:\n" + "\n".join(blocks))


async def show_settings(request: CommandRequest) -> CommandReply:
    from assistant.chat_settings import HOW_TO_SET, describe
    from assistant.workflows.model_settings import describe_personal

    async with runtime.session_scope() as session:
        current = await describe_personal(session, request.account_id)
    return CommandReply(f"Your model settings: {describe(current)}.\n\n{HOW_TO_SET}",
                        show_settings=True)


FORMAT_WORDS = {"pdf": "pdf", "docx": "docx", "word": "docx", "md": "markdown",
                "markdown": "markdown", "json": "json"}
EXPORT_USAGE = (
    "Use `/export pdf|docx|md|json [latest|resume|<version id>]`, e.g. `/export docx` for the "
    "newest version in this conversation or `/export pdf resume` for your active resume."
)


async def export_document(request: CommandRequest) -> CommandReply:
    """Export without a model: the newest version here (default), the active resume, or an id."""
    from assistant.workflows.library_common import Mistake, Scope
    from assistant.workflows.library_export import ExportRequest
    from assistant.workflows.library_export import export_document as export_workflow

    words = request.argument.lower().split()
    fmt = FORMAT_WORDS.get(words[0], "") if words else "pdf"
    target = words[1] if len(words) > 1 else "latest"
    if not fmt or len(words) > 2:
        return CommandReply(EXPORT_USAGE)
    version_id = None if target == "resume" else target
    scope = Scope(runtime.session_factory(), request.account_id, request.thread_id)
    try:
        text, artifact = await export_workflow(
            scope, ExportRequest(format=fmt, version_id=version_id)
        )
    except Mistake as mistake:
        return CommandReply(f"{mistake.message}\n\n{EXPORT_USAGE}")
    return CommandReply(text, artifact=artifact)


async def approve_signups(request: CommandRequest) -> CommandReply:
    from assistant.approvals import approve_command

    try:
        outcome = await approve_command(request.account_id, request.argument)
    except Mistake as mistake:
        return CommandReply(mistake.message)
    text, artifact = outcome if isinstance(outcome, tuple) else (outcome, {})
    return CommandReply(text, artifact=artifact)


def _admin_handler(run: AdminCommand) -> Handler:
    """A command over an admin workflow, which reads the role from the database itself."""

    async def handler(request: CommandRequest) -> CommandReply:
        scope = AdminScope(runtime.session_factory(), request.account_id)
        try:
            outcome = await run(scope, request.argument)
        except Mistake as mistake:
            return CommandReply(mistake.message)
        text, artifact = outcome if isinstance(outcome, tuple) else (outcome, {})
        return CommandReply(text, artifact=artifact)

    return handler


def _admin_commands() -> tuple[Command, ...]:
    return tuple(
        Command(name, description, icon, ADMIN, _admin_handler(run))
        for name, (description, icon, run) in ADMIN_COMMANDS.items()
    )


COMMANDS: tuple[Command, ...] = (
    Command("resumes", "list your resumes", "file-text", USER, show_resumes),
    Command("jobs", "list your saved jobs", "briefcase", USER, show_jobs),
    Command("versions", "list every generated version, by job", "history", USER, show_versions),
    Command(
        "export",
        "download the newest version (or `resume`): `/export pdf|docx|md|json`",
        "download",
        USER,
        export_document,
    ),
    Command("settings", "show and change your model settings", "settings", USER, show_settings),
    Command("help", "list the commands you can use", "circle-help", USER, show_help),
    Command(
        "approve", "list sign-ups waiting for approval, or approve one: `/approve <username>`",
        "user-check", ADMIN, approve_signups,
    ),
    *_admin_commands(),
)


def commands_for(roles: Iterable[str]) -> list[Command]:
    held = set(roles) | {USER}
    return [command for command in COMMANDS if command.role in held]


def find_command(name: str, roles: Iterable[str]) -> Command | None:
    """The command if it exists and this person may use it; None either way otherwise."""
    wanted = name.strip().lstrip("/").lower()
    return next((c for c in commands_for(roles) if c.name == wanted), None)


def split_typed_command(text: str) -> tuple[str, str] | None:
    """``"/export pdf 2"`` -> ``("export", "pdf 2")``; None when the text is not a command."""
    stripped = text.strip()
    if not stripped.startswith("/") or stripped.startswith("//"):
        return None
    name, _, argument = stripped[1:].partition(" ")
    return (name.lower(), argument.strip()) if name.isalpha() else None


def chainlit_commands(roles: Iterable[str]) -> list[dict[str, Any]]:
    """The command menu Chainlit shows in the composer."""
    return [
        {"id": c.name, "icon": c.icon, "description": c.description, "button": False,
         "persistent": False}
        for c in commands_for(roles)
    ]


def unknown_command(name: str, roles: Iterable[str]) -> str:
    names = ", ".join(f"`/{c.name}`" for c in commands_for(roles))
    return f"There is no command `/{name}`. You can use: {names}."
