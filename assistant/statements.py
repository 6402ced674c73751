"""Single statements on a plain psycopg pool: Chainlit's data layer and the per-message reads.

A chat turn runs about a dozen of them (step upserts, the thread row, element writes, the
account and model read). Through SQLAlchemy each paid for text() parsing its ``:name`` binds with
a regex, the compiled-cache key, a greenlet switch, the pool's checkout events and the result
wrapping: most of the statement's CPU, and the database driver was the largest share of a turn's.
Here a statement is psycopg's own ``execute`` on an autocommit connection, with the bind
conversion done once per query string (Chainlit builds the same few again and again).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import psycopg
    from psycopg_pool import AsyncConnectionPool

# SQLAlchemy's own rule for a bind in text(): ":name", not "::type" and not an escaped "\:".
_BIND = re.compile(r"(?<![:\w\\]):(\w+)(?!:)")

# Connections: Chainlit writes steps as fire-and-forget tasks, several per turn from every
# session at once; as many as the SQLAlchemy engine it replaces allowed (4 + 4 overflow).
MIN_CONNECTIONS = 2
MAX_CONNECTIONS = 8
# Like the checkpointer's pool: a database that is down fails the statement in seconds.
WAIT_FOR_CONNECTION_S = 5.0


@lru_cache(maxsize=512)
def to_pyformat(query: str) -> str:
    """A query with SQLAlchemy-style ``:name`` binds in psycopg's ``%(name)s`` style.

    A literal ``%`` is doubled (psycopg would take it for a placeholder) and ``\\:`` unescaped,
    as text() does.
    """
    return _BIND.sub(r"%(\1)s", query.replace("%", "%%")).replace("\\:", ":")


class StatementPool:
    """Autocommit connections with dict rows, opened on first use in the running event loop."""

    def __init__(self, conninfo: str, *, min_size: int = MIN_CONNECTIONS,
                 max_size: int = MAX_CONNECTIONS) -> None:
        self._conninfo = conninfo
        self._sizes = (min_size, max_size)
        self._pool: AsyncConnectionPool | None = None
        self._opening = asyncio.Lock()

    async def run(self, query: str, parameters: Mapping[str, Any]) -> list[dict[str, Any]] | int:
        """Rows as dicts when the statement returns rows, else the number of rows it changed.

        ``query`` uses ``:name`` binds. Raises psycopg's errors and the pool's PoolTimeout.
        """
        pool = self._pool or await self._open()
        # getconn/putconn, not the pool's context manager: two generator layers fewer, a tenth
        # of a statement's CPU. putconn drops a connection that broke during the statement.
        connection = await pool.getconn()
        try:
            cursor = await connection.execute(to_pyformat(query), parameters)
            if cursor.description is not None:
                return await cursor.fetchall()  # type: ignore[return-value]
            return cursor.rowcount
        finally:
            await pool.putconn(connection)

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[psycopg.AsyncConnection[Any]]:
        pool = self._pool or await self._open()
        async with pool.connection() as connection:
            yield connection

    async def _open(self) -> AsyncConnectionPool:
        async with self._opening:
            if self._pool is None:
                from psycopg.rows import dict_row
                from psycopg_pool import AsyncConnectionPool

                from db.engine import check_pooled_if_idle, note_pooled_use

                pool = AsyncConnectionPool(
                    self._conninfo,
                    min_size=self._sizes[0],
                    max_size=self._sizes[1],
                    open=False,
                    # As the engine's ping: a connection to a restarted server is replaced,
                    # not handed out (see db/engine.py).
                    check=check_pooled_if_idle,
                    reset=note_pooled_use,
                    timeout=WAIT_FOR_CONNECTION_S,
                    kwargs={"autocommit": True, "row_factory": dict_row},
                )
                await pool.open()
                self._pool = pool
            return self._pool

    async def close(self) -> None:
        if self._pool is not None:
            pool, self._pool = self._pool, None
            await pool.close()
