"""Process-wide singletons of the running app, created on first use (never at import time).

Chainlit imports ``assistant/app.py`` before its event loop starts, and tests import modules
without a database at all, so nothing here connects until something asks for a session.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import lru_cache

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from assistant.settings import Settings, get_settings


def settings() -> Settings:
    return get_settings()


@lru_cache(maxsize=1)
def database_url() -> str:
    """The SQLAlchemy URL of the app's database (may start the embedded server on first call)."""
    from db.embedded import resolve_database_url
    from db.engine import to_async_url

    return to_async_url(resolve_database_url(settings()))


@lru_cache(maxsize=1)
def engine() -> AsyncEngine:
    from db.engine import create_engine

    return create_engine(database_url())


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
    if not os.environ.get("CHAINLIT_AUTH_SECRET"):
        os.environ["CHAINLIT_AUTH_SECRET"] = settings().resolved_auth_secret()
