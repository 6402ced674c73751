"""Process-wide singletons of the running app, created on first use (never at import time).

Chainlit imports ``assistant/app.py`` before its event loop starts, and tests import modules
without a database at all, so nothing here connects until something asks for a session.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from core.settings import Settings, get_settings

if TYPE_CHECKING:
    # Only annotations here: `tailor serve` imports this module before it starts the database,
    # and SQLAlchemy loads in that thread instead.
    from langchain_core.tools import BaseTool
    from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
    from psycopg_pool import AsyncConnectionPool
    from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

    from assistant.statements import StatementPool
    from db.turn_marks import TurnMarks


def settings() -> Settings:
    return get_settings()


_prepared_database_url: str | None = None


def use_database_url(url: str) -> None:
    """Use this database, already started and migrated by the caller (``tailor serve``)."""
    global _prepared_database_url
    _prepared_database_url = url
    database_url.cache_clear()


@lru_cache(maxsize=1)
def database_url() -> str:
    """The SQLAlchemy URL of the app's database (may start the embedded server on first call)."""
    from db.embedded import resolve_database_url
    from db.engine import to_async_url

    if _prepared_database_url is not None:
        return to_async_url(_prepared_database_url)
    return to_async_url(resolve_database_url(settings()))


@lru_cache(maxsize=1)
def engine() -> AsyncEngine:
    from db.engine import create_engine

    return create_engine(database_url())


@lru_cache(maxsize=1)
def statements() -> StatementPool:
    """Single autocommit statements on plain psycopg (Chainlit's data layer, the per-message
    account read): see assistant/statements.py. Connects on first use."""
    from assistant.statements import StatementPool

    return StatementPool(libpq_database_url())


@lru_cache(maxsize=1)
def session_factory() -> async_sessionmaker[AsyncSession]:
    from db.engine import make_session_factory

    return make_session_factory(engine())


@asynccontextmanager
async def session_scope() -> AsyncIterator[AsyncSession]:
    """One unit of work: committed when the block ends normally, rolled back otherwise."""
    async with session_factory()() as session, session.begin():
        yield session


def ensure_auth_secret() -> None:
    """Chainlit reads its JWT secret from the environment; fill it from settings when unset."""
    given = os.environ.get("CHAINLIT_AUTH_SECRET")
    if given:
        # `chainlit run` with its own variable skips TAILOR_AUTH_SECRET; hold it to the same rule.
        settings().check_auth_secret(given, "CHAINLIT_AUTH_SECRET")
    else:
        os.environ["CHAINLIT_AUTH_SECRET"] = settings().resolved_auth_secret()


def trust_forwarded_headers_only_from_proxies() -> None:
    """uvicorn rewrites the client address from X-Forwarded-For when the peer is in
    FORWARDED_ALLOW_IPS, which defaults to loopback: then anyone reaching the port on the same
    machine, or through a proxy that passes the header on unchanged, picks the address sign-in
    limits count. uvicorn reads the variable after `chainlit run` has loaded the app module, so
    setting it here covers `tailor serve` and a direct `chainlit run` alike."""
    os.environ["FORWARDED_ALLOW_IPS"] = settings().trusted_proxies


# --- The agent's conversation memory (LangGraph checkpoints), one pool per process -------------

_checkpointer: AsyncPostgresSaver | None = None
_checkpointer_pool: AsyncConnectionPool | None = None


def libpq_database_url() -> str:
    """The app database as a plain libpq URI (psycopg's pool does not take SQLAlchemy's +driver)."""
    from sqlalchemy.engine import make_url

    return make_url(database_url()).set(drivername="postgresql").render_as_string(
        hide_password=False
    )


async def checkpointer() -> AsyncPostgresSaver:
    """LangGraph's Postgres checkpointer, created on first use in the running event loop.

    Its own small pool: the saver needs autocommit connections with dict rows and no prepared
    statements, which the SQLAlchemy engine's connections are not.
    """
    global _checkpointer, _checkpointer_pool
    if _checkpointer is None:
        from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
        from psycopg.rows import dict_row
        from psycopg_pool import AsyncConnectionPool

        from db.engine import check_pooled_if_idle, note_pooled_use

        pool = AsyncConnectionPool(
            libpq_database_url(),
            min_size=1,
            max_size=4,
            open=False,
            # Like the engine's ping: a connection to a restarted server is replaced, not
            # handed out; and a server that is down fails a turn in seconds, not the default 30.
            check=check_pooled_if_idle,
            reset=note_pooled_use,
            timeout=5,
            kwargs={"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row},
        )
        await pool.open()
        saver = AsyncPostgresSaver(pool)  # type: ignore[arg-type]
        # Migration 0003 created the tables; setup() only applies what a newer library adds.
        await saver.setup()
        if _checkpointer is None:  # another task may have won the race while we awaited
            _checkpointer, _checkpointer_pool = saver, pool
        else:
            await pool.close()
    return _checkpointer


@lru_cache(maxsize=1)
def turn_marks() -> TurnMarks:
    """This instance's marks on the conversations it is answering (see db/turn_marks.py)."""
    from db.turn_marks import TurnMarks

    return TurnMarks(libpq_database_url())


async def shut_down() -> None:
    """Chainlit's shutdown hook: close connections, then let go of the embedded server.

    Chainlit ends the process with ``os._exit`` right after this hook, so nothing registered
    for interpreter exit runs; without this the embedded server would outlive ``tailor serve``.
    """
    import asyncio

    from assistant.step_writes import store_unstored
    from db.embedded import release_embedded_servers

    await store_unstored()  # tool steps shown but not yet stored, before the pool closes
    await close_checkpointer()
    if engine.cache_info().currsize:
        await engine().dispose()
    if statements.cache_info().currsize:
        await statements().close()
    await asyncio.to_thread(release_embedded_servers)


async def close_checkpointer() -> None:
    global _checkpointer, _checkpointer_pool
    if _checkpointer_pool is not None:
        await _checkpointer_pool.close()
    if turn_marks.cache_info().currsize:
        await turn_marks().close()
    _checkpointer, _checkpointer_pool = None, None
    _agents.clear()


# --- The agent: compiled once per tool set (a role's), the person's model chosen per call -------

_agents: dict[tuple[str, ...], Any] = {}


async def agent(tools: Sequence[BaseTool]) -> Any:
    """The shared agent graph for this tool set, on the process's checkpointer."""
    key = tuple(sorted(tool.name for tool in tools))
    if key not in _agents:
        from assistant.agent import build_agent
        from assistant.untraced_calls import keep_untraced_calls_on_the_loop

        keep_untraced_calls_on_the_loop()
        _agents[key] = build_agent(None, tools, await checkpointer())
    return _agents[key]
