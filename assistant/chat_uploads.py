"""Files dropped into the composer: checked, stored in the files table, announced to the agent.

Chainlit enforces the accepted types and size from ``.chainlit/config.toml``, but the type is
only the browser's claim. Each file is read here the way the importers will read it (extension,
magic bytes, readable text) so that a bad file gets its clear refusal at once, before any model
is asked. A file that passes is stored for its owner and the agent is told its id, so it imports
the file without asking the person to do it again.

The stored file keeps the id Chainlit gave the upload (a fresh server-made UUID), so the id the
browser holds, the one in the agent's note and the row in the files table are the same.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import chainlit as cl

from assistant import runtime
from db.models import StoredFile


def apply_upload_limit() -> None:
    """Chainlit enforces the composer's size limit; take it from Tailor's settings."""
    from chainlit.config import config

    uploads = config.features.spontaneous_file_upload
    if uploads is not None:
        uploads.max_size_mb = runtime.settings().max_upload_mb


@dataclass
class UploadOutcome:
    notes: list[str] = field(default_factory=list)  # for the agent: "uploaded file …"
    refusals: list[str] = field(default_factory=list)  # for the person, verbatim; none stored

    def agent_text(self, typed: str) -> str:
        """The person's message plus what arrived with it; empty when nothing usable came."""
        parts = [typed.strip()] if typed.strip() else []
        parts += self.notes
        return "\n\n".join(parts)


def _read(path: str | None, content: bytes | str | None) -> bytes:
    if content is not None:
        return content.encode("utf-8") if isinstance(content, str) else content
    return Path(path).read_bytes() if path else b""


async def receive_uploads(account_id: uuid.UUID, elements: Sequence[cl.Element]) -> UploadOutcome:
    """Check every file first and store them only if all pass: a message is taken whole or not
    at all, so the agent never works from half of what the person sent."""
    # Here, not at the top: the app imports this module at start for its upload limit, and the
    # importers (PDF and Word libraries) are not needed until someone sends a file.
    from documents.importers import extract_text
    from documents.importers.errors import ImportRefused

    outcome = UploadOutcome()
    max_bytes = runtime.settings().max_upload_mb * 1024 * 1024
    accepted: list[tuple[cl.Element, bytes]] = []
    for element in elements:
        if not isinstance(element, cl.File | cl.Pdf | cl.Text):
            continue
        data = _read(element.path, element.content)
        try:
            # Importers are CPU work (PDF parsing): keep the event loop free for other chats.
            await asyncio.to_thread(extract_text, element.name, data, max_bytes=max_bytes)
        except ImportRefused as refused:
            outcome.refusals.append(refused.message)
            continue
        accepted.append((element, data))
    if outcome.refusals:
        return outcome
    thread_id = cl.context.session.thread_id
    async with runtime.session_scope() as session:
        for element, data in accepted:
            file_id = uuid.UUID(element.id)
            session.add(
                StoredFile(
                    id=file_id,
                    owner_id=account_id,
                    thread_id=thread_id,
                    # Outside Chainlit's key space ({user}/{element}/{name}): never overwritten.
                    object_key=f"uploads/{file_id}/{element.name}",
                    name=element.name,
                    mime=element.mime or "application/octet-stream",
                    size=len(data),
                    content=data,
                )
            )
            outcome.notes.append(f"uploaded file {element.name} (file id {file_id})")
    return outcome
