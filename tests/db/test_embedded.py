"""The embedded server: started when no URL is set, shared between processes, data kept."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.settings import Settings
from db.accounts import count_accounts, get_account_by_username
from db.embedded import resolve_database_url, start_embedded_server
from db.engine import create_engine, make_session_factory
from db.migrate import upgrade

pytestmark = pytest.mark.db

TAILOR = str(Path(sys.executable).parent / "tailor")
PASSWORD = "tangerine kettle marathon"

# What a second process sees: its URL and the server process it connected to.
PROBE = """
import json
from core.settings import Settings
from db.embedded import resolve_database_url, start_embedded_server
settings = Settings()
url = resolve_database_url(settings)
print(json.dumps({"url": url, "pid": start_embedded_server(settings.data_dir).get_pid()}))
"""


def environment(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TAILOR_")}
    env["TAILOR_DATA_DIR"] = str(data_dir)
    return env


def server_log(data_dir: Path) -> str:
    log = data_dir / "pg" / "log"
    return "\n--- embedded server log ---\n" + (log.read_text()[-3000:] if log.exists() else "")


def create_admin(data_dir: Path, username: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [TAILOR, "create-admin", username, "--password-stdin"],
        env=environment(data_dir),
        input=PASSWORD,
        capture_output=True,
        text=True,
        timeout=120,
    )


async def test_embedded_server_starts_migrates_and_keeps_data(embedded_tmp_path: Path) -> None:
    data_dir = embedded_tmp_path / "data"

    # A first process: no URL configured, so it starts the server, migrates and writes.
    first = create_admin(data_dir, "admin")
    assert first.returncode == 0, first.stderr
    assert (data_dir / "pg" / "PG_VERSION").exists()
    # It was the only user of the server, so the server stopped with it; the data stays.
    assert not (data_dir / "pg" / "postmaster.pid").exists(), server_log(data_dir)

    # A later process starts the server again on the same data: the account is still there.
    second = create_admin(data_dir, "Admin")
    assert second.returncode == 1
    assert "already taken" in second.stderr, second.stderr + server_log(data_dir)

    # This process and another one share one running server.
    settings = Settings(data_dir=data_dir)
    url = resolve_database_url(settings)
    server = start_embedded_server(data_dir)
    try:
        upgrade(url)  # already at head: nothing to do, nothing lost
        probe = subprocess.run(
            [sys.executable, "-c", PROBE],
            env=environment(data_dir),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert probe.returncode == 0, probe.stderr + server_log(data_dir)
        seen = json.loads(probe.stdout.strip().splitlines()[-1])
        assert seen == {"url": url, "pid": server.get_pid()}

        # The other process has exited; the server it shared with us is still serving us.
        engine = create_engine(url)
        try:
            async with make_session_factory(engine)() as session:
                assert await count_accounts(session) == 1
                admin = await get_account_by_username(session, "ADMIN")
                assert admin is not None and admin.is_admin
        finally:
            await engine.dispose()
    finally:
        server.cleanup()
    assert not (data_dir / "pg" / "postmaster.pid").exists()
    assert (data_dir / "pg" / "PG_VERSION").exists()


def test_configured_url_wins_over_the_embedded_server(tmp_path: Path) -> None:
    settings = Settings(
        data_dir=tmp_path, database_url="host=db.example.com port=5433 user=tailor dbname=tailor"
    )
    assert resolve_database_url(settings) == (
        "postgresql+psycopg://tailor@db.example.com:5433/tailor"
    )
    assert not (tmp_path / "pg").exists()
