"""Chainlit storage client that keeps file bytes in PostgreSQL (table ``files``).

Chainlit ships no local storage client, and without one elements (uploads, generated documents)
are not persisted and vanish when a thread is resumed. Files are read back only through
``/files/{id}`` (assistant/web/files.py), which checks the owner.

The owner is the account of the chat session doing the upload (its login token names it).
Outside a session the owner comes from the object key, which Chainlit builds as
``{chainlit user id}/{element id}/{name}`` -- but on a thread's first message the key may say
``unknown`` because Chainlit writes the element before the thread row, hence the session first.
The file id is derived from the key, so a read URL needs no query.
"""

from __future__ import annotations

import uuid
from typing import Any

from chainlit.context import ChainlitContextException, get_context
from chainlit.data.storage_clients.base import BaseStorageClient
from sqlalchemy import delete, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.auth import token_claims
from db.models import StoredFile

# Fixed namespace: the same object key always maps to the same file id.
FILE_ID_NAMESPACE = uuid.UUID("6f0c51a2-3c1e-4d8e-9a57-2a0f6a4d9b11")


class UnknownFileOwner(LookupError):
    """A file was stored for a Chainlit user that matches no account (a bug, not user input)."""


def file_id_for(object_key: str) -> uuid.UUID:
    return uuid.uuid5(FILE_ID_NAMESPACE, object_key)


def read_url(file_id: uuid.UUID) -> str:
    return f"/files/{file_id}"


class DatabaseStorageClient(BaseStorageClient):
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def upload_file(
        self,
        object_key: str,
        data: bytes | str,
        mime: str = "application/octet-stream",
        overwrite: bool = True,
        content_disposition: str | None = None,
    ) -> dict[str, Any]:
        content = data.encode("utf-8") if isinstance(data, str) else data
        chainlit_user_id, _, rest = object_key.partition("/")
        name = rest.split("/", 1)[1] if "/" in rest else rest
        file_id = file_id_for(object_key)
        async with self._sessions() as session, session.begin():
            owner_id = _session_account_id() or await _owner_of_chainlit_user(
                session, chainlit_user_id
            )
            values = {
                "id": file_id,
                "owner_id": owner_id,
                "thread_id": _current_thread_id(),
                "object_key": object_key,
                "name": name or "file",
                "mime": mime,
                "size": len(content),
                "content": content,
            }
            statement = insert(StoredFile).values(**values)
            if overwrite:
                changed = {k: v for k, v in values.items() if k not in ("id", "object_key")}
                statement = statement.on_conflict_do_update(
                    index_elements=[StoredFile.object_key], set_=changed
                )
            else:
                statement = statement.on_conflict_do_nothing(index_elements=[StoredFile.object_key])
            await session.execute(statement)
        return {"object_key": object_key, "url": read_url(file_id)}

    async def delete_file(self, object_key: str) -> bool:
        async with self._sessions() as session, session.begin():
            result = await session.execute(
                delete(StoredFile).where(StoredFile.object_key == object_key)
            )
        return bool(result.rowcount)

    async def get_read_url(self, object_key: str) -> str:
        return read_url(file_id_for(object_key))

    async def close(self) -> None:
        # The engine belongs to the app runtime, which disposes of it.
        return None


async def _owner_of_chainlit_user(session: AsyncSession, chainlit_user_id: str) -> uuid.UUID:
    # Chainlit's users.identifier is the account's username (see assistant/auth.py).
    owner = await session.scalar(
        text(
            "SELECT a.id FROM accounts a JOIN users u ON u.identifier = a.username "
            "WHERE u.id = CAST(:uid AS uuid)"
        ),
        {"uid": chainlit_user_id},
    )
    if owner is None:
        raise UnknownFileOwner(f"no account for Chainlit user {chainlit_user_id}")
    return owner


def _session_account_id() -> uuid.UUID | None:
    """The account of the chat session this runs in, if any."""
    try:
        token = get_context().session.token
    except ChainlitContextException:
        return None
    claims = token_claims(token)
    return uuid.UUID(str(claims["account_id"])) if claims and "account_id" in claims else None


def _current_thread_id() -> str | None:
    """The chat thread being written, when called from inside a Chainlit session."""
    try:
        return get_context().session.thread_id
    except ChainlitContextException:
        return None
