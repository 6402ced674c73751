"""Encryption of stored secrets (model API keys) with the instance's Fernet keys.

MultiFernet encrypts with the first key and decrypts with any, so a new key can be put in front
of the list and old values still read until they are re-saved.
"""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from core.errors import UserFacingError
from core.settings import Settings, get_settings

UNREADABLE_KEY = (
    "The stored API key cannot be decrypted with this instance's encryption keys (were "
    "TAILOR_ENCRYPTION_KEYS changed?). Enter the API key again in /settings."
)


def _fernet(settings: Settings | None) -> MultiFernet:
    keys = (settings or get_settings()).resolved_encryption_keys()
    return MultiFernet([Fernet(key) for key in keys])


def encrypt(value: str, settings: Settings | None = None) -> bytes:
    return _fernet(settings).encrypt(value.encode("utf-8"))


def decrypt(token: bytes, settings: Settings | None = None) -> str:
    """The clear value, or UserFacingError when no configured key opens it."""
    try:
        return _fernet(settings).decrypt(token).decode("utf-8")
    except InvalidToken as exc:
        raise UserFacingError(UNREADABLE_KEY) from exc
