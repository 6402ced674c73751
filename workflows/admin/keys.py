"""Key rotation: re-encrypt every stored API key with the newest of TAILOR_ENCRYPTION_KEYS.

MultiFernet encrypts with the first key in the list and reads with any, so rotating is: put the
new key first, run ``tailor rotate-key``, then remove the old keys. All or nothing: if one stored
key cannot be read, nothing is re-encrypted, so no key is lost by removing the old one too early.
"""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import UserFacingError
from core.settings import Settings
from db.models import LlmSettings

UNREADABLE = (
    "{bad} of {total} stored API keys cannot be decrypted with any key in "
    "TAILOR_ENCRYPTION_KEYS, so nothing was re-encrypted. Add the key they were saved with "
    "after the new one, then run `tailor rotate-key` again."
)


async def rotate_stored_keys(session: AsyncSession, settings: Settings) -> int:
    """Re-encrypt every stored key in place; returns how many there were."""
    fernet = MultiFernet([Fernet(key) for key in settings.resolved_encryption_keys()])
    rows = (
        await session.scalars(
            select(LlmSettings).where(LlmSettings.encrypted_key.is_not(None)).with_for_update()
        )
    ).all()
    rotated: dict[LlmSettings, bytes] = {}
    for row in rows:
        assert row.encrypted_key is not None
        try:
            rotated[row] = fernet.rotate(row.encrypted_key)
        except InvalidToken:
            continue
    if len(rotated) != len(rows):
        raise UserFacingError(UNREADABLE.format(bad=len(rows) - len(rotated), total=len(rows)))
    for row, token in rotated.items():
        row.encrypted_key = token
    await session.flush()
    return len(rows)
