"""The settings object: environment names, local secrets, production rules, safe display."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from core.settings import ConfigurationError, Settings


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    for name in list(os.environ):
        if name.startswith("TAILOR_") or name in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):
            monkeypatch.delenv(name)


def test_reads_prefixed_environment_and_ignores_unprefixed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TAILOR_PORT", "9123")
    monkeypatch.setenv("TAILOR_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("HOST", "0.0.0.0")
    monkeypatch.setenv("DATABASE_URL", "postgresql://elsewhere/db")
    settings = Settings()
    assert settings.port == 9123
    assert settings.data_dir == tmp_path.resolve()
    assert settings.host == "127.0.0.1"
    # Chainlit's name must not leak into ours: it would silently switch Chainlit's data layer.
    assert settings.database_url is None


def test_local_secrets_are_generated_private_and_reused(tmp_path: Path) -> None:
    first = Settings(data_dir=tmp_path)
    secret = first.resolved_auth_secret()
    keys = first.resolved_encryption_keys()

    assert len(secret) >= 32
    Fernet(keys[0])  # a usable key
    mode = stat.S_IMODE((tmp_path / "secrets.json").stat().st_mode)
    assert mode == 0o600

    again = Settings(data_dir=tmp_path)
    assert again.resolved_auth_secret() == secret
    assert again.resolved_encryption_keys() == keys


def test_production_refuses_missing_secrets(tmp_path: Path) -> None:
    settings = Settings(environment="production", data_dir=tmp_path)
    with pytest.raises(ConfigurationError, match="TAILOR_AUTH_SECRET must be set in production"):
        settings.resolved_auth_secret()
    with pytest.raises(ConfigurationError, match="TAILOR_ENCRYPTION_KEYS must be set"):
        settings.resolved_encryption_keys()
    assert not (tmp_path / "secrets.json").exists()


@pytest.mark.parametrize("placeholder", ["changeme", "secret", "  TODO ", ""])
def test_production_refuses_placeholder_secrets(tmp_path: Path, placeholder: str) -> None:
    settings = Settings(environment="production", data_dir=tmp_path, auth_secret=placeholder)
    with pytest.raises(ConfigurationError, match="placeholder"):
        settings.resolved_auth_secret()


def test_production_accepts_real_secrets(tmp_path: Path) -> None:
    key = Fernet.generate_key().decode()
    settings = Settings(
        environment="production", data_dir=tmp_path, auth_secret="a" * 40, encryption_keys=key
    )
    assert settings.resolved_auth_secret() == "a" * 40
    assert settings.resolved_encryption_keys() == [key]


def test_bad_encryption_key_names_the_fix(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, encryption_keys="not-a-key")
    with pytest.raises(ConfigurationError, match="tailor generate-key"):
        settings.resolved_encryption_keys()


def test_describe_hides_every_secret(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-live-very-secret")
    settings = Settings(
        data_dir=tmp_path,
        auth_secret="auth-secret-value-123",
        database_url="postgresql://tailor:db-password-456@db.example.com/tailor",
        encryption_keys=Fernet.generate_key().decode(),
    )
    shown = repr(settings.describe())
    for secret in ("sk-live-very-secret", "auth-secret-value-123", "db-password-456"):
        assert secret not in shown
    assert settings.describe()["auth_secret"] == "(set)"
    assert settings.describe()["port"] == 8000
