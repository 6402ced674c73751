"""Database URLs, the async engine and the session factory.

Every place that connects (the app, Alembic, Chainlit's data layer, the CLI) goes through
``to_async_url`` so that a libpq DSN, a pgserver socket URI or a SQLAlchemy URL all end up as the
same ``postgresql+psycopg://`` URL. psycopg 3 serves both the async and the sync engine from it.
"""

from __future__ import annotations

import time
import weakref
from typing import Any

import psycopg
from psycopg_pool import AsyncConnectionPool
from sqlalchemy import event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

DRIVER = "postgresql+psycopg"
# Keys of a libpq conninfo that map onto URL parts; everything else goes into the query string.
_URL_PARTS = ("host", "port", "user", "password", "dbname")


class DatabaseURLError(ValueError):
    """The configured database address cannot be understood; the message says what to fix."""


def to_async_url(dsn_or_url: str) -> str:
    """Any PostgreSQL address (libpq URI or key=value DSN, or SQLAlchemy URL) -> psycopg URL."""
    text = dsn_or_url.strip()
    if not text:
        raise DatabaseURLError("The database URL is empty; set TAILOR_DATABASE_URL or unset it.")
    scheme = text.split("://", 1)[0] if "://" in text else ""
    if "+" in scheme:
        return _from_sqlalchemy_url(text)
    if scheme and scheme not in ("postgresql", "postgres"):
        raise DatabaseURLError(
            f"The database URL uses '{scheme}://'; Tailor needs PostgreSQL "
            "(postgresql://user:password@host:port/database)."
        )
    try:
        parts = psycopg.conninfo.conninfo_to_dict(text)
    except psycopg.ProgrammingError as exc:
        raise DatabaseURLError(
            "The database URL is not a valid PostgreSQL address "
            "(expected postgresql://user:password@host:port/database)."
        ) from exc
    return _url_from_conninfo({k: str(v) for k, v in parts.items() if v is not None})


def _from_sqlalchemy_url(text: str) -> str:
    try:
        url = make_url(text)
    except ArgumentError as exc:
        raise DatabaseURLError("The database URL cannot be parsed.") from exc
    if url.get_backend_name() != "postgresql":
        raise DatabaseURLError(
            f"The database URL is for '{url.get_backend_name()}'; Tailor needs PostgreSQL."
        )
    return url.set(drivername=DRIVER).render_as_string(hide_password=False)


def _url_from_conninfo(parts: dict[str, str]) -> str:
    host = parts.get("host") or None
    port = parts.get("port") or None
    query = {k: v for k, v in parts.items() if k not in _URL_PARTS}
    # A Unix-socket directory or a multi-host list cannot sit in the URL's host part.
    if host is not None and (host.startswith("/") or "," in host):
        query["host"] = host
        host = None
        if port is not None:
            query["port"] = port
            port = None
    try:
        port_number = int(port) if port is not None else None
    except ValueError as exc:
        raise DatabaseURLError(f"The database port '{port}' is not a number.") from exc
    return URL.create(
        DRIVER,
        username=parts.get("user") or None,
        password=parts.get("password") or None,
        host=host,
        port=port_number,
        database=parts.get("dbname") or None,
        query=query,
    ).render_as_string(hide_password=False)


def libpq_dsn(url: str) -> str:
    """The psycopg (libpq) form of a database URL, for code that connects without SQLAlchemy."""
    parsed = make_url(to_async_url(url))
    params: dict[str, str] = {str(k): str(v) for k, v in parsed.query.items()}
    for key, value in (
        ("host", parsed.host),
        ("port", parsed.port),
        ("user", parsed.username),
        ("password", parsed.password),
        ("dbname", parsed.database),
    ):
        if value is not None:
            params.setdefault(key, str(value))
    return psycopg.conninfo.make_conninfo(**params)


# A connection used this recently is not pinged again: a restart of the server takes longer than
# this, and a connection that breaks while in use is discarded by the pool when it errors.
PING_AFTER_IDLE_S = 1.0


def create_engine(
    url: str, *, pool_size: int = 5, max_overflow: int = 5
) -> AsyncEngine:
    """One engine per process; a restarted server does not surface as errors (see ``ping``).

    Single autocommit statements (Chainlit's data layer) do not come through here but through
    ``assistant/statements.py``, on psycopg alone.
    """
    engine = create_async_engine(
        to_async_url(url),
        pool_size=pool_size,
        max_overflow=max_overflow,
        pool_recycle=1800,
    )
    event.listen(engine.sync_engine, "connect", _note_use)
    event.listen(engine.sync_engine, "checkin", _note_use)
    event.listen(engine.sync_engine, "checkout", _ping_if_idle)
    return engine


def _note_use(dbapi_connection: Any, record: Any, *_: Any) -> None:
    if record is not None:  # None when the connection was invalidated on the way back
        record.info["used_at"] = time.monotonic()


def _ping_if_idle(dbapi_connection: Any, record: Any, proxy: Any) -> None:
    """SQLAlchemy's pre-ping, only for connections that sat idle.

    Pinging on every checkout was a round trip per statement, 5% of the server's work under load.
    Raising DisconnectionError makes the pool replace the connection and try again.
    """
    if time.monotonic() - record.info.get("used_at", 0.0) < PING_AFTER_IDLE_S:
        return
    try:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("SELECT 1")
        finally:
            cursor.close()
        # The ping opened a transaction: the checkout must hand out a connection in none.
        dbapi_connection.rollback()
    except (psycopg.Error, OSError) as error:
        raise DisconnectionError(f"connection failed its ping: {type(error).__name__}") from error


# The same rule for psycopg's own pools (LangGraph's checkpointer): last use per connection.
_pooled_used_at: weakref.WeakKeyDictionary[Any, float] = weakref.WeakKeyDictionary()


async def note_pooled_use(connection: Any) -> None:
    """psycopg_pool ``reset`` callback: the connection is back in the pool, alive just now."""
    _pooled_used_at[connection] = time.monotonic()


async def check_pooled_if_idle(connection: Any) -> None:
    """psycopg_pool ``check`` callback: ping only a connection that sat idle (see above)."""
    if time.monotonic() - _pooled_used_at.get(connection, 0.0) >= PING_AFTER_IDLE_S:
        await AsyncConnectionPool.check_connection(connection)


def make_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    # Objects stay readable after commit: the Chainlit layer hands them on after the session ends.
    return async_sessionmaker(engine, expire_on_commit=False)
