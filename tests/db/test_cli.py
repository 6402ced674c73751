"""The `tailor` command as a person runs it: a real process against a real database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from db.accounts import authenticate, get_account_by_username
from db.engine import create_engine, make_session_factory

pytestmark = pytest.mark.db

TAILOR = str(Path(sys.executable).parent / "tailor")
PASSWORD = "tangerine kettle marathon"


def run_tailor(
    *args: str, env: dict[str, str], stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [TAILOR, *args], env=env, input=stdin, capture_output=True, text=True, timeout=120
    )


def clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("TAILOR_") and k != "OPENAI_API_KEY"
    }
    env["TAILOR_DATA_DIR"] = str(tmp_path / "data")
    env.update(extra)
    return env


class Limits:
    login_max_failures = 5
    login_lockout_minutes = 15
    login_failure_window_minutes = 15


def test_config_prints_settings_without_secrets(tmp_path: Path) -> None:
    env = clean_env(
        tmp_path,
        TAILOR_AUTH_SECRET="auth-secret-value-123",
        TAILOR_DATABASE_URL="postgresql://tailor:db-password-456@db.example.com/tailor",
        OPENAI_API_KEY="sk-live-very-secret",
        TAILOR_PORT="9001",
    )
    result = run_tailor("config", env=env)
    assert result.returncode == 0, result.stderr
    assert "port = 9001" in result.stdout
    assert "auth_secret = (set)" in result.stdout
    for secret in ("auth-secret-value-123", "db-password-456", "sk-live-very-secret"):
        assert secret not in result.stdout + result.stderr


def test_generate_key_prints_a_usable_key(tmp_path: Path) -> None:
    from cryptography.fernet import Fernet

    result = run_tailor("generate-key", env=clean_env(tmp_path))
    key = result.stdout.strip()
    assert Fernet(key).decrypt(Fernet(key).encrypt(b"x")) == b"x"


async def test_create_admin_from_stdin_on_a_new_database(make_database, tmp_path: Path) -> None:
    url = make_database()  # empty: create-admin migrates first
    env = clean_env(tmp_path, TAILOR_DATABASE_URL=url)
    result = run_tailor("create-admin", "Root.Admin", "--password-stdin", env=env, stdin=PASSWORD)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Created administrator 'Root.Admin'."

    engine = create_engine(url)
    try:
        async with make_session_factory(engine).begin() as session:
            account = await get_account_by_username(session, "root.admin")
            assert account is not None and account.roles == ["admin", "user"]
            outcome = await authenticate(
                session, "Root.Admin", PASSWORD, client_address="127.0.0.1", settings=Limits()
            )
            assert outcome.account is not None
    finally:
        await engine.dispose()

    again = run_tailor("create-admin", "root.admin", "--password-stdin", env=env, stdin=PASSWORD)
    assert again.returncode == 1
    taken = "tailor: The username 'root.admin' is already taken; choose another."
    assert again.stderr.strip() == taken
    assert "Traceback" not in again.stderr


def test_create_admin_refuses_a_weak_password_in_one_line(migrated_db_url, tmp_path) -> None:
    env = clean_env(tmp_path, TAILOR_DATABASE_URL=migrated_db_url)
    result = run_tailor("create-admin", "boss", "--password-stdin", env=env, stdin="short\n")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "too weak" in lines[0] and "At least 10 characters" in lines[0]


def test_unreachable_database_is_one_clear_line(tmp_path: Path) -> None:
    env = clean_env(tmp_path, TAILOR_DATABASE_URL="postgresql://nobody:pw@127.0.0.1:1/none")
    result = run_tailor("migrate", env=env)
    assert result.returncode == 1
    assert result.stderr.startswith("tailor: cannot reach the database")
    assert "TAILOR_DATABASE_URL" in result.stderr
    assert "Traceback" not in result.stderr and ":pw@" not in result.stderr


def test_serve_with_an_unreachable_database_stops_with_one_clear_line(tmp_path: Path) -> None:
    # The database is reached in a thread while the app loads; its failure still ends the
    # command the same way, before anything listens.
    env = clean_env(tmp_path, TAILOR_DATABASE_URL="postgresql://nobody:pw@127.0.0.1:1/none")
    result = run_tailor("serve", env=env)
    assert result.returncode == 1
    assert result.stderr.startswith("tailor: cannot reach the database")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr and ":pw@" not in result.stderr


def test_production_without_secrets_refuses_to_serve(tmp_path: Path) -> None:
    env = clean_env(tmp_path, TAILOR_ENVIRONMENT="production")
    result = run_tailor("serve", env=env)
    assert result.returncode == 1
    assert result.stderr.strip() == "tailor: TAILOR_AUTH_SECRET must be set in production."
