"""A step, element or feedback row is written only into the conversation that already holds it.

Chainlit's SQLAlchemy layer writes these rows with ``INSERT ... ON CONFLICT (id) DO UPDATE`` and
takes the id from whoever sent it: the browser picks a user message's id, so a ``client_message``
carrying someone else's message id rewrote her message and moved it into the sender's thread.
Ids are not secrets (they travel in URLs and page data), so the id alone proves nothing: a row
that exists under another thread is left as it is, and the attempt is logged.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any, Protocol

log = logging.getLogger(__name__)

# Tables whose rows name their thread in "threadId"; the table name is never caller input.
THREADED_TABLES = frozenset({"steps", "elements", "feedbacks"})


class RunsSql(Protocol):
    async def execute_sql(
        self, query: str, parameters: dict
    ) -> list[dict[str, Any]] | int | None: ...


def is_uuid(value: object) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


async def thread_of(layer: RunsSql, table: str, record_id: object) -> str | None:
    """The thread holding this row ("" for none), or None when there is no such row."""
    if table not in THREADED_TABLES:
        raise ValueError(f"{table} rows do not belong to a thread")
    if not is_uuid(record_id):
        return None
    rows = await layer.execute_sql(
        f'SELECT "threadId" FROM {table} WHERE "id" = :id', {"id": str(record_id)}
    )
    if not isinstance(rows, list) or not rows:
        return None
    held_by = rows[0]["threadId"]
    return "" if held_by is None else str(held_by)


async def refused_elsewhere(
    layer: RunsSql, table: str, record_id: object, thread_id: object
) -> bool:
    """True (and logged) when the row exists and belongs to a thread other than ``thread_id``."""
    held_by = await thread_of(layer, table, record_id)
    if held_by is None or held_by == ("" if thread_id is None else str(thread_id)):
        return False
    # Ids only: the refused content may be anyone's text.
    log.warning(
        "Refused to write %s row %s into thread %s: it belongs to another conversation",
        table, record_id, thread_id,
    )
    return True
