"""`tailor rotate-key`: every stored key re-encrypted with the newest key, old key removable."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from pydantic import SecretStr
from test_cli import clean_env, run_tailor
from tool_harness import new_account

from core.errors import UserFacingError
from core.secrets import encrypt
from core.settings import Settings
from db.llm_settings import upsert_settings
from workflows.accounts.model_settings import resolve_connection

pytestmark = pytest.mark.db

OLD, NEW, LOST = (Fernet.generate_key().decode() for _ in range(3))


def keys(*values: str) -> Settings:
    return Settings(encryption_keys=SecretStr(",".join(values)))


async def _store(sessions, account_id, clear: str, key: str) -> None:
    async with sessions.begin() as session:
        await upsert_settings(session, account_id, base_url="https://api.example.com/v1",
                              model="m", encrypted_key=encrypt(clear, keys(key)))


async def _clear_key(sessions, account_id, settings: Settings) -> str:
    async with sessions() as session:
        connection = await resolve_connection(session, account_id, settings)
    assert connection is not None and connection.api_key is not None
    return connection.api_key.get_secret_value()


async def test_rotation_lets_the_old_key_be_removed(
    session_factory, migrated_db_url: str, tmp_path: Path
) -> None:
    people = {await new_account(session_factory, name): f"sk-{name}" for name in ("ann", "ben")}
    for account_id, clear in people.items():
        await _store(session_factory, account_id, clear, OLD)
    await _store(session_factory, None, "sk-instance", OLD)

    done = run_tailor("rotate-key", env=clean_env(
        tmp_path, TAILOR_DATABASE_URL=migrated_db_url, TAILOR_ENCRYPTION_KEYS=f"{NEW},{OLD}"))
    assert done.returncode == 0, done.stderr
    assert "Re-encrypted 3 stored API keys" in done.stdout

    only_new = keys(NEW)  # the old key removed from the configuration
    for account_id, clear in people.items():
        assert await _clear_key(session_factory, account_id, only_new) == clear
    outsider = await new_account(session_factory, "cat")  # gets the instance default
    assert await _clear_key(session_factory, outsider, only_new) == "sk-instance"
    with pytest.raises(UserFacingError, match="cannot be decrypted"):
        await _clear_key(session_factory, next(iter(people)), keys(OLD))


async def test_an_unreadable_key_stops_the_rotation_without_changing_anything(
    session_factory, migrated_db_url: str, tmp_path: Path
) -> None:
    ann = await new_account(session_factory, "ann")
    ben = await new_account(session_factory, "ben")
    await _store(session_factory, ann, "sk-ann", OLD)
    await _store(session_factory, ben, "sk-ben", LOST)  # saved with a key nobody has now

    failed = run_tailor("rotate-key", env=clean_env(
        tmp_path, TAILOR_DATABASE_URL=migrated_db_url, TAILOR_ENCRYPTION_KEYS=f"{NEW},{OLD}"))
    assert failed.returncode == 1
    assert "1 of 2 stored API keys cannot be decrypted" in failed.stderr
    assert "nothing was re-encrypted" in failed.stderr
    # Ann's key was not rotated: the old key still opens it, the new one alone does not.
    assert await _clear_key(session_factory, ann, keys(OLD)) == "sk-ann"
    with pytest.raises(UserFacingError):
        await _clear_key(session_factory, ann, keys(NEW))
