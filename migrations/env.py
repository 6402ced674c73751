"""Alembic environment.

The URL comes from the caller (``db.migrate`` puts it in ``config.attributes["url"]``) or from
TAILOR_DATABASE_URL when Alembic's own command line is used. Migrations run on a synchronous
psycopg engine so they work whether or not the caller already runs an event loop.
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import create_engine, pool

from db.engine import DatabaseURLError, to_async_url
from db.models import Base

config = context.config
target_metadata = Base.metadata
# Any fixed number shared by every Tailor process; it names the lock, nothing else.
MIGRATION_LOCK_KEY = 0x7A11_0E


def _url() -> str:
    url = config.attributes.get("url") or os.environ.get("TAILOR_DATABASE_URL")
    if not url:
        raise DatabaseURLError("No database to migrate: pass a URL or set TAILOR_DATABASE_URL.")
    return to_async_url(url)


def include_object(obj, name, type_, reflected, compare_to) -> bool:  # noqa: ANN001
    # Chainlit's and LangGraph's tables are managed by hand-written revisions, not by models.
    if type_ == "table":
        return name in target_metadata.tables
    return True


def run_migrations_offline() -> None:
    context.configure(
        url=_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = create_engine(_url(), poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            include_object=include_object,
        )
        with context.begin_transaction():
            # Several instances starting at once (`tailor serve` upgrades at start) would each
            # read the old revision and run the same DDL; the second fails on "already exists".
            # Held until commit, so the next one in line reads the new revision and does nothing.
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})")
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
