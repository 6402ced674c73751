"""The ``tailor`` command: serve, migrate, create-admin, config, generate-key, rotate-key,
requirements, match, parse-resume.

Failures a person can fix (configuration, account rules, an unreachable database) end with one
line on stderr and exit status 1; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from pydantic import ValidationError

from assistant import runtime
from core.settings import ConfigurationError, Settings

PROJECT_ROOT = Path(__file__).resolve().parent.parent
APP_ENTRY = "assistant/app.py"


class CommandError(Exception):
    """A command cannot continue; the message is printed as the single line of output."""


def _serve(settings: Settings, instances: int = 1) -> int:
    if not (PROJECT_ROOT / APP_ENTRY).is_file():
        raise CommandError(f"{APP_ENTRY} is missing from {PROJECT_ROOT}; reinstall Tailor.")
    if instances > 1:
        return _serve_instances(settings, instances)
    from assistant.serve import serve

    return serve(settings, PROJECT_ROOT, APP_ENTRY)


def _serve_instances(settings: Settings, instances: int) -> int:
    """Several app processes on one database (behind a balancer): migrated once, here."""
    from assistant.cli_instances import serve_instances
    from db.embedded import resolve_database_url
    from db.migrate import upgrade

    auth_secret = settings.resolved_auth_secret()
    settings.resolved_encryption_keys()  # fail now, not at the first saved API key
    # Holding the embedded server's handle here keeps it running for as long as the children run.
    url = resolve_database_url(settings)
    upgrade(url)
    env = without_chainlit_ci_mode(os.environ) | {
        "TAILOR_DATABASE_URL": url, "CHAINLIT_AUTH_SECRET": auth_secret}
    return serve_instances(instances, settings.host, settings.port, settings.data_dir,
                           PROJECT_ROOT, APP_ENTRY, env)


def without_chainlit_ci_mode(environment: Mapping[str, str]) -> dict[str, str]:
    """The environment for ``chainlit run`` without ``CI``: Chainlit reads it as its --ci flag and
    then overwrites OPENAI_API_KEY with a fake key, so the instance's model would refuse every call
    on a machine (a CI runner, some container platforms) that sets CI."""
    return {key: value for key, value in environment.items() if key != "CI"}


def _database_url(settings: Settings) -> str:
    from db.embedded import resolve_database_url
    from db.migrate import upgrade

    url = resolve_database_url(settings)
    upgrade(url)
    return url


def _migrate(settings: Settings, revision: str) -> int:
    from db.embedded import resolve_database_url
    from db.migrate import upgrade

    upgrade(resolve_database_url(settings), revision)
    print(f"Database migrated to {revision}.")
    return 0


def _read_new_password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise CommandError("No password on standard input.")
        return password
    password = getpass.getpass("Password: ")
    if getpass.getpass("Repeat password: ") != password:
        raise CommandError("The two passwords differ; nothing was created.")
    return password


async def _create_admin_in(url: str, username: str, password: str) -> str:
    from db.accounts import create_account
    from db.engine import create_engine, make_session_factory

    engine = create_engine(url, pool_size=1, max_overflow=0)
    try:
        async with make_session_factory(engine).begin() as session:
            account = await create_account(session, username, password, roles=("user", "admin"))
            return account.username
    finally:
        await engine.dispose()


def _create_admin(settings: Settings, username: str, from_stdin: bool) -> int:
    password = _read_new_password(from_stdin)
    url = _database_url(settings)
    name = asyncio.run(_create_admin_in(url, username, password))
    print(f"Created administrator '{name}'.")
    return 0


async def _rotate_in(url: str, settings: Settings) -> int:
    from db.engine import create_engine, make_session_factory
    from workflows.admin.keys import rotate_stored_keys

    engine = create_engine(url, pool_size=1, max_overflow=0)
    try:
        async with make_session_factory(engine).begin() as session:
            return await rotate_stored_keys(session, settings)
    finally:
        await engine.dispose()


def _rotate_key(settings: Settings) -> int:
    from core.errors import UserFacingError

    if settings.encryption_keys is None:
        raise CommandError("TAILOR_ENCRYPTION_KEYS is not set; there is no key to rotate to.")
    try:
        count = asyncio.run(_rotate_in(_database_url(settings), settings))
    except UserFacingError as error:
        raise CommandError(error.message) from error
    print(
        f"Re-encrypted {count} stored API keys with the first key of TAILOR_ENCRYPTION_KEYS; "
        "the other keys can now be removed."
    )
    return 0


def _config(settings: Settings) -> int:
    for name, value in settings.describe().items():
        print(f"{name} = {value}")
    return 0


def _load_settings() -> Settings:
    try:
        return runtime.settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"TAILOR_{'_'.join(str(part) for part in error['loc']).upper()}: {error['msg']}"
            for error in exc.errors()
        )
        raise ConfigurationError(f"invalid configuration: {problems}") from exc


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tailor", description="Tailor: resumes and cover letters tailored to job postings."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="migrate the database and start the web app")
    serve.add_argument(
        "--instances", type=int, default=1, metavar="N",
        help="run N app processes on ports TAILOR_PORT .. TAILOR_PORT+N-1 for a load balancer "
        "(deploy/haproxy.cfg); SIGHUP restarts them one at a time")
    migrate = commands.add_parser("migrate", help="upgrade the database schema")
    migrate.add_argument("--revision", default="head", help="target revision (default: head)")
    admin = commands.add_parser("create-admin", help="create an administrator account")
    admin.add_argument("username")
    admin.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    commands.add_parser("config", help="show the resolved configuration (secrets hidden)")
    commands.add_parser("generate-key", help="print a new key for TAILOR_ENCRYPTION_KEYS")
    commands.add_parser(
        "rotate-key", help="re-encrypt stored API keys with the first TAILOR_ENCRYPTION_KEYS key"
    )
    requirements = commands.add_parser(
        "requirements", help="list what a posting asks for, with kinds and cited spans")
    requirements.add_argument("file", help="the posting (text, PDF or Word)")
    requirements.add_argument("--json", action="store_true", help="print JSON")
    match = commands.add_parser(
        "match", help="score a resume against a posting, with the evidence for each part")
    match.add_argument("resume_file", help="the resume (our Markdown or JSON Resume)")
    match.add_argument("posting_file", help="the posting (text, PDF or Word)")
    match.add_argument("--json", action="store_true", help="print JSON")
    parse = commands.add_parser(
        "parse-resume", help="read a resume file without a model: resume, unplaced lines, fidelity"
    )
    parse.add_argument("file", type=Path)
    parse.add_argument("--json", action="store_true", help="one JSON object on standard output")
    return parser


def run(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "generate-key":
        from cryptography.fernet import Fernet

        print(Fernet.generate_key().decode())
        return 0
    if args.command in ("requirements", "match"):
        # Pure reading and scoring: no settings, database or model needed.
        from assistant import cli_match

        if args.command == "requirements":
            print(cli_match.requirements_command(args.file, args.json))
        else:
            print(cli_match.match_command(args.resume_file, args.posting_file, args.json))
        return 0
    if args.command == "parse-resume":
        # No settings and no database: scripts run it on files anywhere.
        from assistant.cli_parse_resume import parse_resume_file

        return parse_resume_file(args.file, as_json=args.json)
    settings = _load_settings()
    if args.command == "serve":
        if args.instances < 1:
            raise CommandError("--instances must be 1 or more.")
        return _serve(settings, args.instances)
    if args.command == "migrate":
        return _migrate(settings, args.revision)
    if args.command == "create-admin":
        return _create_admin(settings, args.username, args.password_stdin)
    if args.command == "rotate-key":
        return _rotate_key(settings)
    return _config(settings)


def _explain(exc: Exception) -> str | None:
    """The one line to print for a failure the person can fix; None for a bug."""
    # Imported here so that `tailor config` and `generate-key` start without SQLAlchemy.
    from sqlalchemy.exc import OperationalError

    from assistant.cli_match import InputError
    from db.accounts import AccountError
    from db.engine import DatabaseURLError

    if isinstance(exc, ConfigurationError | AccountError | DatabaseURLError | CommandError
                  | InputError):
        return str(exc)
    if isinstance(exc, OperationalError):
        # The driver's first line names the server and the reason, never the password.
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else "connection failed"
        return (
            f"cannot reach the database ({reason}). "
            "Check TAILOR_DATABASE_URL, or unset it to use the embedded server."
        )
    return None


def main(argv: Sequence[str] | None = None) -> None:
    try:
        status = run(argv)
    except KeyboardInterrupt:
        status = 130
    except Exception as exc:
        message = _explain(exc)
        if message is None:
            raise
        print(f"tailor: {message}", file=sys.stderr)
        status = 1
    sys.exit(status)
