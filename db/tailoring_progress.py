"""Finished pieces of a tailoring run, in the database, so a retry after a crash or a failed role
reuses them instead of asking the model again.

A run is identified by `run_key`: a hash of the resume text, the job and the model. Changing any
of them starts a fresh run; the old rows are harmless and go with the account.
"""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.models import TailoringProgress


def run_key(resume_markdown: str, job_id: str | uuid.UUID | None, model: str) -> str:
    digest = hashlib.sha256()
    for part in (resume_markdown, str(job_id or ""), model):
        digest.update(part.encode())
        digest.update(b"\0")  # so ("ab", "c") and ("a", "bc") differ
    return digest.hexdigest()


class DbRoleStore:
    """`RoleStore` over the tailoring_progress table; each put commits on its own, so a role
    finished before a later failure is already safe."""

    def __init__(
        self, session_factory: async_sessionmaker[AsyncSession], owner_id: uuid.UUID, run_key: str
    ) -> None:
        self._sessions = session_factory
        self._owner_id = owner_id
        self._run_key = run_key

    async def get(self, key: str) -> dict[str, Any] | None:
        async with self._sessions() as session:
            return await session.scalar(
                select(TailoringProgress.data).where(
                    TailoringProgress.owner_id == self._owner_id,
                    TailoringProgress.run_key == self._run_key,
                    TailoringProgress.item_key == key,
                )
            )

    async def put(self, key: str, data: dict[str, Any]) -> None:
        statement = insert(TailoringProgress).values(
            owner_id=self._owner_id, run_key=self._run_key, item_key=key, data=data
        )
        statement = statement.on_conflict_do_update(
            index_elements=["owner_id", "run_key", "item_key"], set_={"data": data}
        )
        async with self._sessions() as session:
            await session.execute(statement)
            await session.commit()
