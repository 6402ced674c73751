"""Outside development the auth secret and the encryption keys cannot be guessable stand-ins."""

from __future__ import annotations

import base64
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from core.settings import ConfigurationError, Settings

GOOD_KEY = Fernet.generate_key().decode()
GOOD_SECRET = "Qm9vdHN0cmFwLXNlY3JldC1mb3ItdGFpbG9yLTIwMjY"
WEAK_AUTH_SECRETS = ["changeme", "ChangeMe", "your-secret-here", "secret123", "s3cr3t",
                     "tailor", "password", "0123456789"]
ZERO_KEY = base64.urlsafe_b64encode(bytes(32)).decode()
COUNTING_KEY = base64.urlsafe_b64encode(bytes(range(32)) [:16] * 2).decode()


@pytest.mark.parametrize("weak", WEAK_AUTH_SECRETS)
def test_a_short_or_placeholder_auth_secret_is_refused_in_production(
    tmp_path: Path, weak: str
) -> None:
    settings = Settings(environment="production", data_dir=tmp_path, auth_secret=weak,
                        encryption_keys=GOOD_KEY)
    with pytest.raises(ConfigurationError, match="TAILOR_AUTH_SECRET"):
        settings.resolved_auth_secret()
    # Development keeps working with whatever a developer typed.
    assert Settings(data_dir=tmp_path, auth_secret=weak).resolved_auth_secret() == weak


@pytest.mark.parametrize("weak", [ZERO_KEY, COUNTING_KEY, f"{GOOD_KEY},{ZERO_KEY}"])
def test_a_well_formed_but_guessable_encryption_key_is_refused_in_production(
    tmp_path: Path, weak: str
) -> None:
    settings = Settings(environment="production", data_dir=tmp_path, auth_secret=GOOD_SECRET,
                        encryption_keys=weak)
    with pytest.raises(ConfigurationError, match="TAILOR_ENCRYPTION_KEYS .*guessable"):
        settings.resolved_encryption_keys()


def test_real_secrets_are_accepted_in_production(tmp_path: Path) -> None:
    settings = Settings(environment="production", data_dir=tmp_path, auth_secret=GOOD_SECRET,
                        encryption_keys=GOOD_KEY)
    assert settings.resolved_auth_secret() == GOOD_SECRET
    assert settings.resolved_encryption_keys() == [GOOD_KEY]


def test_chainlits_own_secret_variable_is_checked_too(tmp_path: Path) -> None:
    """`chainlit run` with CHAINLIT_AUTH_SECRET set skips TAILOR_AUTH_SECRET; same rule."""
    code = ("from assistant import runtime\n"
            "try:\n    runtime.ensure_auth_secret()\n"
            "except Exception as error:\n    print(type(error).__name__, error)\n")
    env = {"PATH": "/usr/bin:/bin", "TAILOR_ENVIRONMENT": "production",
           "TAILOR_DATA_DIR": str(tmp_path), "CHAINLIT_AUTH_SECRET": "changeme",
           "TAILOR_ENCRYPTION_KEYS": GOOD_KEY}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                            text=True, timeout=60, check=True)
    assert result.stdout.startswith("ConfigurationError CHAINLIT_AUTH_SECRET"), result.stdout
