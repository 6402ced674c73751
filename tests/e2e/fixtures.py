"""End-to-end fixtures: a real `chainlit run` server per test on a fresh migrated database.

Imported by the conftest of tests/e2e and tests/browser (and any later end-to-end suite).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from e2e.server import ChainlitServer

ADMIN = ("alice", "correct horse battery")
USER = ("bob", "purple elephant umbrella")


@pytest.fixture
def start_server(
    migrated_db_url: str, artifacts_dir: Path, request: pytest.FixtureRequest
) -> Iterator[Callable[..., ChainlitServer]]:
    """Factory: ``start_server(**env_overrides)`` starts the app on this test's database.

    Every server is stopped at the end of the test, and the test fails if its log shows a
    traceback or a swallowed data-layer error.
    """
    servers: list[ChainlitServer] = []
    test_name = re.sub(r"\W+", "-", request.node.name).strip("-")

    def start(database_url: str | None = None, **env_overrides: str) -> ChainlitServer:
        log_path = artifacts_dir / "e2e" / f"{test_name}-{len(servers)}.log"
        log_path.parent.mkdir(parents=True, exist_ok=True)
        log_path.unlink(missing_ok=True)
        server = ChainlitServer(database_url or migrated_db_url, log_path, env_overrides)
        servers.append(server)
        server.start()
        return server

    yield start
    for server in servers:
        server.stop()
    for server in servers:
        server.assert_clean_log()


@pytest.fixture
def in_database(migrated_db_url: str) -> Callable[..., Awaitable[Any]]:
    """``await in_database(fn)``: run ``fn(session)`` in one committed transaction on the test's
    database, the way an administrator's command would."""
    from db.engine import create_engine, make_session_factory

    async def run(action: Callable[[Any], Awaitable[Any]]) -> Any:
        engine = create_engine(migrated_db_url, pool_size=1, max_overflow=0)
        try:
            async with make_session_factory(engine)() as session, session.begin():
                return await action(session)
        finally:
            await engine.dispose()

    return run
