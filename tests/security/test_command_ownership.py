"""Every slash command in the registry, run by someone else with the owner's ids as argument.

The commands come from `assistant.commands.COMMANDS`. A command everyone may use is run by an
intruder with each of the victim's ids, names and thread (and with none): the reply must read
like the one for unknown values, show none of the victim's material, hand back only the
intruder's own files, and change none of the victim's rows. A command needing a role must be
unknown to an ordinary user (as the chat answers it) and, if its handler is reached anyway,
refused the same whatever the argument.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

import psycopg
import pytest
from test_tools_library import RESUME_MD
from tool_harness import new_account

from assistant import runtime
from assistant.commands import COMMANDS, USER, CommandRequest, find_command, unknown_command
from core.errors import UserFacingError
from core.settings import get_settings
from db.conversations import update_state
from db.engine import libpq_dsn
from db.files import get_file
from db.jobs import create_job
from db.resumes import create_resume
from db.versions import create_version

pytestmark = pytest.mark.db

# Strings only the victim's rows hold.
MARKERS = ("Mara Quillon", "mara.quillon", "Riverbend", "Quillon Private CV", "Halvorsen")
OTHER_RESUME = (RESUME_MD.replace("Mara Quillon", "Tobias Wren")
                .replace("mara.quillon@example.org", "tobias@example.org")
                .replace("Riverbend Logistics", "Northwind Freight"))
# What an argument can name, and an unknown value of the same shape for each.
VALUE_KINDS = ("resume", "job", "version", "thread", "account", "username", "resume_name")
UNKNOWN_WORDS = {"username": "nobody", "resume_name": "Nothing Called This"}

# USER command name -> the arguments to try, built from one value (the victim's or an unknown
# one). A command everyone may use must have an entry: it is where its arguments are parsed.
ARGUMENTS: dict[str, Callable[[str], list[str]]] = {
    "resumes": lambda v: [v],
    "jobs": lambda v: [v],
    "status": lambda v: [f"applied {v}", f"withdrawn {v}: found another job"],
    "sent": lambda v: [v],
    "versions": lambda v: [v],
    "export": lambda v: [v, f"md {v}", f"json {v}"],
    "settings": lambda v: [v],
    "help": lambda v: [v],
}
# Arguments that name no one, tried in the victim's thread as well as the intruder's own.
NO_VALUE = ("", "md", "md latest", "md resume", "json latest")


def user_commands():
    return [c for c in COMMANDS if c.role == USER]


def role_commands():
    return [c for c in COMMANDS if c.role != USER]


def test_every_command_in_the_registry_is_attacked() -> None:
    missing = {c.name for c in user_commands()} - set(ARGUMENTS)
    assert not missing, f"add an argument builder to ARGUMENTS for: {sorted(missing)}"
    assert not set(ARGUMENTS) - {c.name for c in user_commands()}, "ARGUMENTS names a command "\
        "that is gone or now needs a role; it would no longer be attacked as an everyone command"
    assert len(role_commands()) >= 10 and len(user_commands()) >= 5


def test_a_role_command_is_unknown_to_an_ordinary_user() -> None:
    user = frozenset({USER})
    made_up = unknown_command("nosuchthing", user).replace("nosuchthing", "<NAME>")
    for command in role_commands():
        assert find_command(command.name, user) is None, command.name
        assert find_command(f"/{command.name.upper()}", user) is None, command.name
        assert unknown_command(command.name, user).replace(command.name, "<NAME>") == made_up


@pytest.fixture
def app_runtime(session_factory, tmp_path, monkeypatch):
    """Commands reach the database through `assistant.runtime`: point it at this test's."""
    monkeypatch.setenv("TAILOR_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    monkeypatch.setattr(runtime, "session_factory", lambda: session_factory)
    yield session_factory
    get_settings.cache_clear()


async def _library(sessions, owner: uuid.UUID, thread: str, markdown: str, name: str,
                   company: str) -> dict[str, str]:
    async with sessions.begin() as session:
        resume = await create_resume(session, owner, name=name, markdown=markdown,
                                     source_kind="paste")
        job = await create_job(session, owner, posting_text=f"{company}: Data Engineer",
                               company=company, title="Data Engineer")
        version = await create_version(session, owner, kind="resume", job_id=job.id,
                                       markdown=markdown, source_resume_id=resume.id,
                                       instruction=f"for {company}")
        await update_state(session, owner, thread, active_resume_id=resume.id,
                           active_job_id=job.id, last_version_id=version.id)
    return {"resume": str(resume.id), "job": str(job.id), "version": str(version.id),
            "thread": thread, "account": str(owner)}


def _rows_of(url: str, account: uuid.UUID, intruder: uuid.UUID) -> list[str]:
    """Every row that mentions the account, as text; the audit log's rows of the intruder's
    refusals name what he typed, so they are his, not the victim's."""
    with psycopg.connect(libpq_dsn(url)) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")]
        rows: list[str] = []
        for table in tables:
            theirs = " AND t.actor_id IS DISTINCT FROM %s" if table == "audit_log" else ""
            rows += sorted(r[0] for r in conn.execute(
                f'SELECT t::text FROM "{table}" t WHERE t::text LIKE %s{theirs}',
                (f"%{account}%", intruder) if theirs else (f"%{account}%",)))
        return rows


def _blank(text: str, *values: str) -> str:
    for value in sorted(values, key=len, reverse=True):
        text = text.replace(value, "<V>")
    # An export's size in KB may differ by a byte or two of timestamps between two renders.
    return re.sub(r"\(\d+ KB\)", "(<N> KB)", text)


async def test_another_persons_ids_in_a_command_are_answered_like_unknown_ones(
    app_runtime, migrated_db_url: str
) -> None:
    sessions = app_runtime
    carol = await new_account(sessions, "carol")
    victim = await _library(sessions, carol, str(uuid.uuid4()), RESUME_MD, "Quillon Private CV",
                            "Halvorsen Maritime")
    victim.update(username="carol", resume_name="Quillon Private CV")
    bob = await new_account(sessions, "bob")
    own = await _library(sessions, bob, str(uuid.uuid4()), OTHER_RESUME, "Mine", "Northwind")
    before = _rows_of(migrated_db_url, carol, bob)

    async def run(command, argument: str, thread: str, roles=frozenset({USER})) -> str:
        request = CommandRequest(bob, "bob", roles, thread, argument)
        try:
            reply = await command.run(request)
        except UserFacingError as error:  # the chat shows these as the answer
            return error.message
        for entry in reply.artifact.get("files") or []:
            async with sessions() as session:
                stored = await get_file(session, bob, uuid.UUID(entry["file_id"]))
            assert stored is not None, f"/{command.name} {argument}: not the intruder's file"
            reply.text += "\n" + stored.content.decode(errors="replace")
        return reply.text

    differing: list[str] = []
    leaking: list[str] = []
    tried = 0

    async def compare(command, stolen: tuple[str, str], unknown: tuple[str, str],
                      blanks: tuple[str, ...]) -> None:
        nonlocal tried
        with_stolen, with_unknown = await run(command, *stolen), await run(command, *unknown)
        tried += 1
        where = f"/{command.name} {stolen[0]!r} in {stolen[1]}"
        if _blank(with_stolen, *blanks) != _blank(with_unknown, *blanks):
            differing.append(f"{where}: {with_stolen[:160]!r} vs {with_unknown[:160]!r}")
        # Echoing what the intruder typed tells him nothing; any other victim value would.
        others = [victim[k] for k in VALUE_KINDS if victim[k] not in " ".join(stolen)]
        shown = [m for m in (*MARKERS, *others) if m in with_stolen]
        if shown:
            leaking.append(f"{where}: shows {shown}")

    for command in COMMANDS:
        build = ARGUMENTS.get(command.name, lambda v: [v])
        for kind in VALUE_KINDS:
            unknown = UNKNOWN_WORDS.get(kind, str(uuid.uuid4()))
            for stolen_arg, unknown_arg in zip(build(victim[kind]), build(unknown), strict=True):
                await compare(command, (stolen_arg, own["thread"]), (unknown_arg, own["thread"]),
                              (victim[kind], unknown))
        # The victim's thread as the intruder's own conversation: its state is not his.
        unknown_thread = str(uuid.uuid4())
        for argument in (*NO_VALUE, own["version"]):
            await compare(command, (argument, victim["thread"]), (argument, unknown_thread),
                          (victim["thread"], unknown_thread))

    assert not leaking, "the victim's material reached the intruder:\n" + "\n".join(leaking)
    assert not differing, "answers tell the victim's values from unknown ones:\n" + "\n".join(
        differing)
    assert tried >= len(COMMANDS) * (len(VALUE_KINDS) + len(NO_VALUE))
    assert _rows_of(migrated_db_url, carol, bob) == before
    # The intruder's own library works through the same commands (so the refusals above are
    # about whose the ids are, not about arguments the commands never read).
    export = next(c for c in COMMANDS if c.name == "export")
    assert "Tobias Wren" in await run(export, f"md {own['version']}", own["thread"])
    assert "Tobias Wren" in await run(export, "md latest", own["thread"])
