"""Which model a person gets, and how their settings are stored (real database)."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from pydantic import SecretStr
from sqlalchemy import select
from tool_harness import new_account

from core.errors import UserFacingError
from core.secrets import encrypt
from core.settings import Settings
from db.llm_settings import upsert_settings
from db.models import LlmSettings
from workflows.accounts.model_settings import describe_personal, resolve_connection, save_personal

pytestmark = pytest.mark.db

KEY = Fernet.generate_key().decode()


def _settings(**values) -> Settings:
    values.setdefault("OPENAI_BASE_URL", None)
    values.setdefault("OPENAI_API_KEY", None)
    # Reachable from other machines: loopback is refused there (test_outbound covers the rest).
    values.setdefault("host", "0.0.0.0")
    return Settings(encryption_keys=SecretStr(KEY), **values)


async def test_personal_beats_instance_default_beats_environment(session_factory) -> None:
    ada = await new_account(session_factory, "ada")
    bob = await new_account(session_factory, "bob")
    nothing = _settings()
    env = _settings(OPENAI_BASE_URL="https://models.example.com/v1",
                    OPENAI_API_KEY="sk-env", model_name="env-model", model_timeout_s=300)

    async with session_factory() as session:
        assert await resolve_connection(session, ada, nothing) is None
        from_env = await resolve_connection(session, ada, env)
    assert (from_env.base_url, from_env.model, from_env.timeout_s) == (
        "https://models.example.com/v1", "env-model", 300)
    assert from_env.api_key.get_secret_value() == "sk-env"

    async with session_factory.begin() as session:
        await upsert_settings(session, None, base_url="http://10.0.0.7:8000/v1",
                              model="instance-model", encrypted_key=encrypt("sk-admin", env))
        await save_personal(session, ada, "https://8.8.8.8/v1", "ada-model", "sk-ada",
                            settings=env)
    async with session_factory() as session:
        for_ada = await resolve_connection(session, ada, env)
        for_bob = await resolve_connection(session, bob, env)
    assert (for_ada.model, for_ada.api_key.get_secret_value()) == ("ada-model", "sk-ada")
    assert (for_bob.model, for_bob.api_key.get_secret_value()) == ("instance-model", "sk-admin")
    assert "sk-" not in for_ada.label and "sk-" not in repr(for_ada)


async def test_the_key_is_encrypted_kept_cleared_and_never_described(session_factory) -> None:
    ada = await new_account(session_factory, "ada")
    settings = _settings()
    async with session_factory.begin() as session:
        await save_personal(session, ada, None, "gpt-test", "sk-secret-123", settings=settings)
    async with session_factory() as session:
        raw = await session.scalar(select(LlmSettings.encrypted_key))
        shown = await describe_personal(session, ada)
    assert b"sk-secret-123" not in raw
    assert shown == {"base_url": None, "model": "gpt-test", "key_set": True, "timeout_s": None}

    async with session_factory.begin() as session:  # no key given: the stored one stays
        await save_personal(session, ada, None, "gpt-other", None, timeout_s=600,
                            settings=settings)
    async with session_factory() as session:
        kept = await resolve_connection(session, ada, settings)
    assert (kept.model, kept.timeout_s) == ("gpt-other", 600)
    assert kept.api_key.get_secret_value() == "sk-secret-123"

    async with session_factory.begin() as session:  # an empty key removes it
        await save_personal(session, ada, None, "gpt-other", "", settings=settings)
    async with session_factory() as session:
        assert (await describe_personal(session, ada))["key_set"] is False


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:11434/v1", "http://localhost:8000/v1", "http://10.1.2.3/v1",
    "http://192.168.1.20:1234/v1", "http://169.254.169.254/latest", "http://[::1]:8000/v1",
])
async def test_personal_urls_into_the_instance_network_are_refused(session_factory, url) -> None:
    ada = await new_account(session_factory, "ada")
    async with session_factory.begin() as session:
        with pytest.raises(UserFacingError, match="points into a private network"):
            await save_personal(session, ada, url, "m", "sk", settings=_settings())
    async with session_factory() as session:
        assert await describe_personal(session, ada) == {
            "base_url": None, "model": None, "key_set": False, "timeout_s": None}
    allowed = _settings(allow_private_model_urls=True)
    async with session_factory.begin() as session:
        await save_personal(session, ada, url, "local", None, settings=allowed)
    async with session_factory() as session:
        assert (await describe_personal(session, ada))["base_url"] == url


async def test_malformed_urls_and_timeouts_say_what_to_enter(session_factory) -> None:
    ada = await new_account(session_factory, "ada")
    async with session_factory.begin() as session:
        with pytest.raises(UserFacingError, match="is not an http\\(s\\) address"):
            await save_personal(session, ada, "ftp://models.example.com", "m", None,
                                settings=_settings())
        for timeout in (0, -1, float("nan"), float("inf"), 1e9):
            with pytest.raises(UserFacingError, match="number of seconds from 1 to 3600"):
                await save_personal(session, ada, None, "m", None, timeout_s=timeout,
                                    settings=_settings())
