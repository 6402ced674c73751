"""Every slash command's reply, built over people's words that carry Markdown, renders as text.

The commands come from `assistant.commands.COMMANDS`, admin ones included. Every text field a
person (or a job posting) fills is planted with Markdown that would load a remote image, link
elsewhere or inject HTML; the admin runs each command on it, and the reply, rendered by a
CommonMark renderer, must hold no image, no raw HTML and no link off this site. A new command
is covered without doing anything; one that needs an argument gets it from ARGUMENTS.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest
from markdown_it import MarkdownIt
from test_tools_library import RESUME_MD

from assistant import runtime
from assistant.commands import COMMANDS, CommandRequest
from core.errors import UserFacingError
from core.settings import get_settings
from db.accounts import create_account
from db.applications import change_status
from db.conversations import update_state
from db.jobs import create_job
from db.resumes import create_resume
from db.signup import PENDING_APPROVAL
from db.versions import create_version

pytestmark = pytest.mark.db

RENDER = MarkdownIt("commonmark").enable("table")


def hostile(field: str) -> str:
    return (f"![{field}](http://127.0.0.1:9/{field}?d=secret) <img src=http://evil.example/"
            f"{field}> [{field}](http://evil.example/{field})")


# Command name -> arguments to run it with besides none; the victim is "bob".
ARGUMENTS: dict[str, tuple[str, ...]] = {
    "export": ("md", "json resume"), "account": ("bob",), "support": ("bob",),
    "delete": ("bob",), "disable": ("bob",), "enable": ("bob",), "resetpassword": ("bob",),
    "forcepassword": ("bob",), "grantadmin": ("bob",), "revokeadmin": ("bob",),
    "approve": ("bob",), "adduser": ("carol",), "audit": ("50",),
    "status": ("interviewing company", "offer title: ![x](http://evil.example/x)"),
    "sent": ("company", "nothing like it"), "jobs": ("company",),
}


def test_arguments_name_only_existing_commands() -> None:
    assert set(ARGUMENTS) <= {c.name for c in COMMANDS}


@pytest.fixture
def app_runtime(session_factory, tmp_path, monkeypatch):
    monkeypatch.setenv("TAILOR_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    monkeypatch.setattr(runtime, "session_factory", lambda: session_factory)
    yield session_factory
    get_settings.cache_clear()


async def _plant(sessions, username: str, thread: str, **account_fields) -> uuid.UUID:
    async with sessions.begin() as session:
        account = await create_account(session, username, "long enough passphrase",
                                       roles=("user", "admin") if username == "root"
                                       else ("user",))
        for name, value in account_fields.items():
            setattr(account, name, value)
        await session.flush()
        fence_break = f"\n```\n{hostile('resume-text')}\n```\n"
        resume = await create_resume(session, account.id, name=hostile("resume-name"),
                                     markdown=RESUME_MD + fence_break, source_kind="upload",
                                     source_file_name=hostile("file-name"))
        job = await create_job(session, account.id, posting_text=hostile("posting"),
                               title=hostile("title"), company=hostile("company"),
                               location=hostile("location"))
        await change_status(session, job, "applied", on_date=dt.date(2026, 11, 20),
                            note=hostile("status-note"))
        version = await create_version(session, account.id, kind="resume", job_id=job.id,
                                       markdown=RESUME_MD, source_resume_id=resume.id,
                                       instruction=hostile("instruction"))
        await update_state(session, account.id, thread, active_resume_id=resume.id,
                           active_job_id=job.id, last_version_id=version.id)
        return account.id


def _unsafe(rendered: str) -> list[str]:
    found = re.findall(r"<img\b[^>]*>|<script\b|<iframe\b", rendered)
    found += [href for href in re.findall(r'href="([^"]*)"', rendered)
              if not href.startswith("/") or href.startswith("//")]
    return found


async def test_every_commands_reply_shows_peoples_words_as_text(app_runtime) -> None:
    sessions = app_runtime
    thread = str(uuid.uuid4())
    root = await _plant(sessions, "root", thread)
    await _plant(sessions, "bob", str(uuid.uuid4()), email=hostile("email") + "@x.org",
                 is_active=False, signup_status=PENDING_APPROVAL)
    unsafe: list[str] = []
    ran = 0
    for command in COMMANDS:
        for argument in ("", *ARGUMENTS.get(command.name, ())):
            request = CommandRequest(root, "root", frozenset({"user", "admin"}), thread, argument)
            try:
                text = (await command.run(request)).text
            except UserFacingError as error:
                text = error.message
            ran += 1
            if found := _unsafe(RENDER.render(text)):
                unsafe.append(f"/{command.name} {argument}: {found}")
    assert not unsafe, "\n".join(unsafe)
    assert ran >= len(COMMANDS) + len(ARGUMENTS)
