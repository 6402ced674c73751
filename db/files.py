"""Stored files (uploads and exports) read and written by the workflows.

Files are served to their owner by ``/files/{id}``; every query here filters by owner too.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import StoredFile


async def store_file(
    session: AsyncSession,
    owner_id: uuid.UUID,
    *,
    name: str,
    mime: str,
    content: bytes,
    thread_id: str | None = None,
) -> StoredFile:
    file_id = uuid.uuid4()
    stored = StoredFile(
        id=file_id,
        owner_id=owner_id,
        thread_id=thread_id,
        # Outside Chainlit's key space ({chainlit user}/{element}/{name}), so never overwritten.
        object_key=f"tailor/{file_id}/{name}",
        name=name,
        mime=mime,
        size=len(content),
        content=content,
    )
    session.add(stored)
    await session.flush()
    return stored


async def get_file(
    session: AsyncSession, owner_id: uuid.UUID, file_id: uuid.UUID
) -> StoredFile | None:
    """None both when the id is unknown and when it is someone else's."""
    return await session.scalar(
        select(StoredFile).where(StoredFile.id == file_id, StoredFile.owner_id == owner_id)
    )
