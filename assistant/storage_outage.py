"""Telling a storage outage (PostgreSQL down or unreachable) apart from a bug, and saying so.

While the database is down every request fails the same way; the person gets one sentence that
says what happened and what to do instead of a traceback, and the log gets one line instead of a
traceback per statement. Once the server is back, the pools' pre-ping (SQLAlchemy) and connection
check (psycopg's pool) replace the dead connections, so the app recovers without a restart.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import psycopg
import psycopg_pool
from sqlalchemy.exc import DBAPIError

log = logging.getLogger(__name__)

STORAGE_UNAVAILABLE = (
    "The storage is unavailable right now (the database server does not answer), so nothing was "
    "read or saved for this message. Try again in a minute; if it keeps happening, tell your "
    "administrator."
)


def is_storage_outage(error: BaseException) -> bool:
    """True when the database could not be reached or dropped the connection; False for bugs
    such as a bad statement or a broken constraint, which must still surface."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, DBAPIError) and seen.connection_invalidated:
            return True
        # PoolTimeout: the checkpointer's pool found no live connection in time.
        if isinstance(seen, psycopg.OperationalError | psycopg_pool.PoolTimeout):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


@asynccontextmanager
async def explained_storage_outage() -> AsyncIterator[None]:
    """Run a chat handler; if the storage is down, tell the person instead of failing."""
    try:
        yield
    except (DBAPIError, psycopg.Error, psycopg_pool.PoolTimeout) as error:
        if not is_storage_outage(error):
            raise
        log.warning("Storage unavailable while answering: %s", type(error).__name__)
        import chainlit as cl  # on demand: the module is also used outside a chat

        await cl.Message(content=STORAGE_UNAVAILABLE).send()
