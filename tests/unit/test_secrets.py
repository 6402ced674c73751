"""Stored API keys: encrypted with the instance's keys, readable after a key rotation."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from pydantic import SecretStr

from core.errors import UserFacingError
from core.secrets import decrypt, encrypt
from core.settings import Settings


def _settings(*keys: str) -> Settings:
    return Settings(environment="production", encryption_keys=SecretStr(",".join(keys)),
                    auth_secret=SecretStr("a-real-secret-for-tests"))


def test_a_key_is_unreadable_at_rest_and_comes_back_exactly() -> None:
    settings = _settings(Fernet.generate_key().decode())
    token = encrypt("sk-live-abc123", settings)
    assert b"sk-live-abc123" not in token
    assert decrypt(token, settings) == "sk-live-abc123"


def test_after_rotation_old_values_still_read_and_new_ones_use_the_new_key() -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    stored_before = encrypt("sk-old", _settings(old))
    rotated = _settings(new, old)
    assert decrypt(stored_before, rotated) == "sk-old"
    stored_after = encrypt("sk-new", rotated)
    assert decrypt(stored_after, _settings(new)) == "sk-new"


def test_a_value_no_configured_key_opens_asks_for_the_key_again() -> None:
    token = encrypt("sk-lost", _settings(Fernet.generate_key().decode()))
    with pytest.raises(UserFacingError, match="Enter the API key again in /settings"):
        decrypt(token, _settings(Fernet.generate_key().decode()))
