"""Which conversations have a turn running now, on any instance, without a table.

An instance marks a running turn with a PostgreSQL session-level advisory lock keyed by the
thread, held on one connection of its own for the length of the turn. When the instance dies
(``kill -9``, power loss) PostgreSQL drops that connection and every mark with it, so a mark
never outlives its turn and nothing needs cleaning up. Readers look at ``pg_locks`` rather
than trying the lock, so a look never makes a turn starting at that moment go unmarked.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import psycopg
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

log = logging.getLogger(__name__)

NAMESPACE = 0x7461696C  # "tail": the first key of Tailor's two-key advisory locks
_MARK = "SELECT pg_try_advisory_lock(%s, hashtext(%s))"
_UNMARK = "SELECT pg_advisory_unlock(%s, hashtext(%s))"
_RUNNING = text(
    "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted"
    " AND objsubid = 2 AND classid = :namespace AND objid = hashtext(:thread_id)::oid"
    " AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))"
)


async def turn_is_running(session: AsyncSession, thread_id: str) -> bool:
    """True while some instance runs a turn of this thread."""
    found = await session.scalar(_RUNNING, {"namespace": NAMESPACE, "thread_id": thread_id})
    return bool(found)


class TurnMarks:
    """One instance's marks, on one autocommit connection opened on first use.

    Marking is best effort: with the database unreachable the turn runs unmarked (it would fail
    on its own queries anyway), and a lost connection is replaced at the next turn."""

    def __init__(self, libpq_url: str) -> None:
        self._url = libpq_url
        self._connection: psycopg.AsyncConnection | None = None
        self._lock = asyncio.Lock()  # one query at a time on the shared connection

    async def _execute(self, query: str, thread_id: str) -> bool:
        async with self._lock:
            try:
                if self._connection is None or self._connection.closed:
                    self._connection = await psycopg.AsyncConnection.connect(
                        self._url, autocommit=True, connect_timeout=5)
                cursor = await self._connection.execute(query, (NAMESPACE, thread_id))
                row = await cursor.fetchone()
            except psycopg.OperationalError as error:
                log.warning("Running turns cannot be marked now: %s", type(error).__name__)
                if self._connection is not None:
                    await self._connection.close()
                self._connection = None
                return False
            return bool(row and row[0])

    @asynccontextmanager
    async def running(self, thread_id: str) -> AsyncIterator[None]:
        """Mark the thread's turn as running for the length of the block."""
        # False when another tab on another instance holds the mark: the thread is marked.
        marked = await self._execute(_MARK, thread_id)
        try:
            yield
        finally:
            if marked:
                await self._execute(_UNMARK, thread_id)

    async def close(self) -> None:
        if self._connection is not None:
            await self._connection.close()
            self._connection = None
