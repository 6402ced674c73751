"""Every way a person may write the database address reaches the same real server."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import text

from db.engine import DatabaseURLError, create_engine, libpq_dsn, to_async_url

pytestmark = pytest.mark.db


def spellings(dsn: str) -> list[str]:
    """The URI form, the key=value form and a SQLAlchemy URL of one libpq DSN."""
    parts = {k: v for k, v in psycopg.conninfo.conninfo_to_dict(dsn).items() if v}
    key_value = psycopg.conninfo.make_conninfo(**parts)
    uri = to_async_url(dsn).replace("postgresql+psycopg://", "postgresql://")
    asyncpg_style = to_async_url(dsn).replace("+psycopg", "+asyncpg")
    return [key_value, uri, asyncpg_style]


async def test_all_spellings_connect_to_the_same_database(make_database) -> None:
    dsn = make_database()
    expected = psycopg.conninfo.conninfo_to_dict(dsn)["dbname"]
    for spelling in spellings(dsn):
        url = to_async_url(spelling)
        assert url.startswith("postgresql+psycopg://")
        engine = create_engine(url)
        try:
            async with engine.connect() as conn:
                assert await conn.scalar(text("SELECT current_database()")) == expected
        finally:
            await engine.dispose()
        with psycopg.connect(libpq_dsn(url)) as conn:
            assert conn.execute("SELECT current_database()").fetchone() == (expected,)


def test_socket_directories_and_special_characters_survive() -> None:
    url = to_async_url("postgresql://postgres:@/tailor?host=/tmp/my%20data/pg&port=5433")
    assert psycopg.conninfo.conninfo_to_dict(libpq_dsn(url)) == {
        "host": "/tmp/my data/pg", "port": "5433", "user": "postgres", "dbname": "tailor",
    }  # fmt: skip
    url = to_async_url("postgresql://tailor:p%40ss%25word@db.example.com/tailor")
    assert psycopg.conninfo.conninfo_to_dict(libpq_dsn(url))["password"] == "p@ss%word"


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("", "empty"),
        ("mysql://root@localhost/db", "needs PostgreSQL"),
        ("sqlite+aiosqlite:///tailor.db", "needs PostgreSQL"),
        ("postgresql://host:notaport/db", "port 'notaport' is not a number"),
        ("just some words", "not a valid PostgreSQL address"),
    ],
)
def test_unusable_addresses_say_what_is_wrong(given: str, message: str) -> None:
    with pytest.raises(DatabaseURLError, match=message):
        to_async_url(given)


def _kill_backends(dsn: str) -> int:
    """What a server restart does to every pooled connection of ``dsn``'s database."""
    with psycopg.connect(libpq_dsn(dsn), autocommit=True) as admin:
        return admin.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()").fetchone()[0]


async def test_pooled_connections_cut_by_a_restart_are_replaced_unnoticed(make_database) -> None:
    import asyncio

    from psycopg_pool import AsyncConnectionPool

    from db.engine import PING_AFTER_IDLE_S, check_pooled_if_idle, note_pooled_use

    dsn = make_database()
    engine = create_engine(dsn)
    pool = AsyncConnectionPool(libpq_dsn(dsn), min_size=2, max_size=2, open=False,
                               check=check_pooled_if_idle, reset=note_pooled_use)
    await pool.open()
    try:
        async with engine.connect() as conn:  # the engine's pool now holds a live connection
            assert await conn.scalar(text("SELECT 1")) == 1
        async with pool.connection() as conn:
            await conn.execute("SELECT 1")
        assert _kill_backends(dsn) >= 2
        await asyncio.sleep(PING_AFTER_IDLE_S + 0.2)  # no restart is quicker than this
        for _ in range(3):  # every pooled connection is dead; each must be replaced, not used
            async with engine.connect() as conn:
                assert await conn.scalar(text("SELECT 2")) == 2
            async with pool.connection() as conn:
                assert (await (await conn.execute("SELECT 3")).fetchone()) == (3,)
    finally:
        await pool.close()
        await engine.dispose()
