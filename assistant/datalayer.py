"""Chainlit's SQLAlchemy data layer on the app's own engine, with its known faults fixed.

Fixed here (see PLATFORM_NOTES): SQL errors were logged as a WARNING and swallowed ("An error
occurred"), so a broken insert silently lost history; ``get_element`` crashed on NULL or already
decoded JSONB props; ``list_threads`` loaded every thread of a user with all its steps and filtered
in Python; deleting a thread left the agent's LangGraph checkpoints behind; a step, element or
feedback id sent by one person overwrote (or deleted) another person's row (record_ownership.py).
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

import psycopg
from chainlit.context import ChainlitContextException, context
from chainlit.data.sql_alchemy import SQLAlchemyDataLayer
from chainlit.data.storage_clients.base import BaseStorageClient
from chainlit.data.utils import queue_until_user_message
from chainlit.element import Element, ElementDict
from chainlit.session import WebsocketSession
from chainlit.step import StepDict
from chainlit.types import (
    Feedback,
    PageInfo,
    PaginatedResponse,
    Pagination,
    ThreadDict,
    ThreadFilter,
)
from psycopg_pool import PoolTimeout
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from assistant.record_ownership import is_uuid, refused_elsewhere, thread_of
from assistant.statements import StatementPool
from assistant.step_writes import as_stored, needs_storing
from assistant.storage_outage import is_storage_outage
from db.engine import libpq_dsn

log = logging.getLogger(__name__)

# LangGraph's checkpoint tables, keyed by the chat thread id.
CHECKPOINT_TABLES = ("checkpoint_writes", "checkpoint_blobs", "checkpoints")

OWN_FILES_PREFIX = "/files/"
KNOWN_THREADS_LIMIT = 10_000  # thread ids remembered as existing; forgotten all at once


def statement_name(query: str) -> str:
    """A short, parameter-free name for a statement, e.g. 'INSERT steps'."""
    match = re.search(
        r"\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM|SELECT\b.*?\bFROM)\s+\"?(\w+)",
        query,
        re.IGNORECASE | re.DOTALL,
    )
    if match is None:
        return "SQL statement"
    return f"{match.group(1).split()[0].upper()} {match.group(2)}"


class TailorDataLayer(SQLAlchemyDataLayer):
    """Chainlit persistence (users, threads, steps, elements, feedbacks) in the app database."""

    def __init__(
        self,
        engine: AsyncEngine,
        storage_provider: BaseStorageClient,
        *,
        user_thread_limit: int = 1000,
        statements: StatementPool | None = None,
    ) -> None:
        # The parent's __init__ builds a second engine and pool from a URL; share the app's instead.
        self.engine = engine
        self.async_session = async_sessionmaker(engine, expire_on_commit=False, class_=AsyncSession)
        self.storage_provider = storage_provider
        self.user_thread_limit = user_thread_limit
        self.show_logger = False
        self._conninfo = ""
        self._known_threads: set[str] = set()
        # Every call is one statement: autocommit (a transaction around it was two more round
        # trips) on plain psycopg connections (statements.py says why not SQLAlchemy).
        self._statements = statements or StatementPool(libpq_dsn(
            engine.url.render_as_string(hide_password=False)))

    async def execute_sql(
        self, query: str, parameters: dict
    ) -> list[dict[str, Any]] | int | None:
        try:
            result = await self._statements.run(query, parameters)
        except (psycopg.Error, PoolTimeout) as error:
            if is_storage_outage(error):
                # Chainlit runs most statements as fire-and-forget tasks: raising would print
                # a traceback per statement while the database is down. The person is told
                # by the chat handler (storage_outage.py); one line here is enough.
                log.warning("Storage unavailable: %s not run", statement_name(query))
                return None
            # The parameters may hold message text or secrets, and the error's text may quote
            # them: log the statement's name and the driver's class only.
            log.error(
                "Database statement failed: %s (%s)", statement_name(query), type(error).__name__
            )
            raise
        return self.clean_result(result) if isinstance(result, list) else result

    async def close(self) -> None:
        """Chainlit's shutdown: the statements' pool, then the parent's (the shared engine)."""
        await self._statements.close()
        await super().close()

    # Thread and element ids arrive from the browser (URLs, the socket's auth payload). A malformed
    # one names nothing: answer "not found" instead of letting PostgreSQL reject the cast.

    async def get_thread_author(self, thread_id: str) -> str:
        if not is_uuid(thread_id):
            return ""  # Chainlit's ACL check turns an empty author into 404
        rows = await self.execute_sql(
            'SELECT "userIdentifier" FROM threads WHERE "id" = :id', {"id": thread_id}
        )
        if not isinstance(rows, list) or not rows:
            return ""
        return rows[0]["userIdentifier"] or ""

    async def get_thread(self, thread_id: str) -> ThreadDict | None:
        thread = await super().get_thread(thread_id) if is_uuid(thread_id) else None
        for element in (thread or {}).get("elements") or []:
            # PDF previews used to go to the side panel, which Chainlit opens by itself on a
            # reopened thread with every preview stacked under the last one's name; older
            # threads show them with their own message, as new ones do (chat_artifacts.py).
            if element.get("type") == "pdf" and element.get("display") == "side":
                element["display"] = "inline"
        return thread

    async def get_element(self, thread_id: str, element_id: str) -> ElementDict | None:
        if not (is_uuid(thread_id) and is_uuid(element_id)):
            return None
        rows = await self.execute_sql(
            'SELECT * FROM elements WHERE "threadId" = :thread_id AND "id" = :element_id',
            {"thread_id": thread_id, "element_id": element_id},
        )
        if not isinstance(rows, list) or not rows:
            return None
        row = rows[0]
        url = row.get("url")
        if row.get("objectKey") and self.storage_provider is not None:
            url = await self.storage_provider.get_read_url(row["objectKey"])
        return ElementDict(
            id=row["id"],
            threadId=row.get("threadId"),
            type=row["type"],
            chainlitKey=row.get("chainlitKey"),
            url=url,
            objectKey=row.get("objectKey"),
            name=row["name"],
            props=decode_props(row.get("props")),
            display=row["display"],
            size=row.get("size"),
            language=row.get("language"),
            page=row.get("page"),
            autoPlay=row.get("autoPlay"),
            playerConfig=row.get("playerConfig"),
            forId=row.get("forId"),
            mime=row.get("mime"),
        )

    async def list_threads(
        self, pagination: Pagination, filters: ThreadFilter
    ) -> PaginatedResponse[ThreadDict]:
        """One page of the user's threads, newest activity first, filtered and paged in SQL."""
        if not filters.userId:
            raise ValueError("userId is required")
        conditions = ['t."userId" = :user_id']
        parameters: dict[str, Any] = {"user_id": filters.userId, "limit": pagination.first + 1}
        if filters.search:
            parameters["pattern"] = "%" + _escape_like(filters.search) + "%"
            conditions.append(
                "(t.\"name\" ILIKE :pattern ESCAPE '\\' OR EXISTS (SELECT 1 FROM steps s "
                "WHERE s.\"threadId\" = t.\"id\" AND s.\"output\" ILIKE :pattern ESCAPE '\\'))"
            )
        if filters.feedback is not None:
            parameters["feedback"] = int(filters.feedback)
            conditions.append(
                'EXISTS (SELECT 1 FROM feedbacks f JOIN steps s ON f."forId" = s."id" '
                'WHERE s."threadId" = t."id" AND f."value" = :feedback)'
            )
        activity = _last_activity("t")
        if pagination.cursor:
            parameters["cursor"] = pagination.cursor
            conditions.append(
                f"({activity}, t.\"id\") < (SELECT {_last_activity('c')}, c.\"id\" "
                'FROM threads c WHERE c."id" = :cursor)'
            )
        rows = await self.execute_sql(
            f"""
            SELECT t."id", t."createdAt", t."name", t."userId", t."userIdentifier", t."tags",
                   {activity} AS activity
            FROM threads t
            WHERE {" AND ".join(conditions)}
            ORDER BY activity DESC NULLS LAST, t."id" DESC
            LIMIT :limit
            """,
            parameters,
        )
        rows = rows if isinstance(rows, list) else []
        page = rows[: pagination.first]
        threads = [
            ThreadDict(
                id=row["id"],
                createdAt=row["createdAt"],
                name=row["name"],
                userId=row["userId"],
                userIdentifier=row["userIdentifier"],
                tags=row["tags"],
                metadata={},
                steps=[],
                elements=[],
            )
            for row in page
        ]
        return PaginatedResponse(
            pageInfo=PageInfo(
                hasNextPage=len(rows) > pagination.first,
                startCursor=threads[0]["id"] if threads else None,
                endCursor=threads[-1]["id"] if threads else None,
            ),
            data=threads,
        )

    @queue_until_user_message()
    async def create_element(self, element: Element) -> None:
        """Elements that point at our own ``/files/{id}`` are recorded, not copied.

        Chainlit's layer persists an element by uploading its bytes to the storage client, and for
        an element given by URL it first downloads that URL itself (a relative ``/files/{id}``
        cannot even be fetched server-side). Exports and uploads are already rows of the files
        table, served owner-checked, so their elements keep that URL as is: one upsert that
        changes an existing row only in its own thread (the ownership check used to be a
        SELECT of its own, as in ``create_step``).
        """
        own_file = (element.url or "").startswith(OWN_FILES_PREFIX)
        if not own_file and await refused_elsewhere(
            self, "elements", element.id, element.thread_id
        ):
            return
        if element.thread_id:
            # Chainlit persists a message's files and the thread's first row in separate tasks:
            # the file may come first and break the thread foreign key (seen with an upload).
            await self.update_thread(element.thread_id)
        if not own_file:
            # The parent's queue decorator already ran here; call the undecorated method.
            await SQLAlchemyDataLayer.create_element.__wrapped__(self, element)  # type: ignore[attr-defined]
            return
        if not element.for_id:
            return
        row = {k: v for k, v in element.to_dict().items() if v is not None}
        if "props" in row:
            row["props"] = json.dumps(row["props"])
        await self._upsert_in_own_thread("elements", row)

    # Writes by id, held to the row's own conversation (see record_ownership.py). update_step
    # goes through create_step, less the writes step_writes.py finds redundant.

    async def update_step(self, step_dict: StepDict) -> None:
        if needs_storing(step_dict):
            await self.create_step(step_dict)

    @queue_until_user_message()
    async def create_step(self, step_dict: StepDict) -> None:
        """Chainlit's upsert of the step, which changes an existing row only in its own thread.

        One statement: the ownership check used to be a SELECT of its own before every step
        write, and a turn writes half a dozen steps.
        """
        await self.update_thread(step_dict["threadId"])
        await self._upsert_in_own_thread("steps", step_row(as_stored(step_dict)))

    async def _upsert_in_own_thread(self, table: str, row: dict[str, Any]) -> None:
        """Insert the row, or update the row with its id only if it is in the same thread."""
        columns = ", ".join(f'"{column}"' for column in row)
        values = ", ".join(f":{column}" for column in row)
        updates = ", ".join(f'"{column}" = :{column}' for column in row if column != "id")
        written = await self.execute_sql(
            f"INSERT INTO {table} ({columns}) VALUES ({values}) ON CONFLICT (id) DO UPDATE "
            f'SET {updates} WHERE {table}."threadId" IS NOT DISTINCT FROM EXCLUDED."threadId"',
            row,
        )
        if written == 0:
            # Ids only: the refused content may be anyone's text.
            log.warning(
                "Refused to write %s row %s into thread %s: it belongs to another "
                "conversation", table, row.get("id"), row.get("threadId"),
            )

    @queue_until_user_message()
    async def delete_step(self, step_id: str) -> None:
        # Chainlit deletes the messages after an edited one by the ids in the session's memory,
        # and a client_message put whatever id the browser chose there.
        current = _session_thread()
        if current is not None and await thread_of(self, "steps", step_id) not in (None, current):
            log.warning("Refused to delete step %s: it belongs to another conversation", step_id)
            return
        await SQLAlchemyDataLayer.delete_step.__wrapped__(self, step_id)  # type: ignore[attr-defined]

    @queue_until_user_message()
    async def delete_element(self, element_id: str, thread_id: str | None = None) -> None:
        thread_id = thread_id or _session_thread()
        if thread_id is not None and await thread_of(self, "elements", element_id) not in (
            None, thread_id
        ):
            log.warning(
                "Refused to delete element %s: it belongs to another conversation", element_id
            )
            return
        await SQLAlchemyDataLayer.delete_element.__wrapped__(  # type: ignore[attr-defined]
            self, element_id, thread_id
        )

    async def upsert_feedback(self, feedback: Feedback) -> str:
        """A rating goes on a message of its own thread, and an existing rating stays in its own."""
        thread_id = feedback.threadId
        if thread_id is None:
            thread_id = await thread_of(self, "steps", feedback.forId)
            feedback.threadId = thread_id
        refused = await refused_elsewhere(self, "steps", feedback.forId, thread_id)
        if not refused and feedback.id is not None:
            refused = await refused_elsewhere(self, "feedbacks", feedback.id, thread_id)
        if refused:
            raise PermissionError("That message is not in this conversation.")
        return await super().upsert_feedback(feedback)

    async def update_thread(
        self,
        thread_id: str,
        name: str | None = None,
        user_id: str | None = None,
        metadata: dict | None = None,
        tags: list[str] | None = None,
    ) -> None:
        # Chainlit calls this before every step it writes, only to make sure the thread row
        # exists: a SELECT per streamed message and tool step. Once seen, it exists.
        if (name, user_id, metadata, tags) == (None, None, None, None):
            if thread_id in self._known_threads:
                return
            # What the parent writes for a missing thread (its id, creation time and empty
            # metadata), in one statement instead of a look-up, a second look-up and an insert.
            # Asked, not assumed: during a storage outage nothing is written and nothing kept.
            written = await self.execute_sql(
                'INSERT INTO threads ("id", "createdAt", "metadata") '
                "VALUES (:id, :created_at, '{}') ON CONFLICT (\"id\") DO NOTHING",
                {"id": thread_id, "created_at": await self.get_current_timestamp()},
            )
            if written is not None:
                if len(self._known_threads) >= KNOWN_THREADS_LIMIT:
                    self._known_threads.clear()
                self._known_threads.add(thread_id)
            return
        await super().update_thread(thread_id, name, user_id, metadata, tags)

    async def delete_thread(self, thread_id: str) -> None:
        self._known_threads.discard(thread_id)
        await super().delete_thread(thread_id)
        for table in CHECKPOINT_TABLES:
            await self.execute_sql(
                f"DELETE FROM {table} WHERE thread_id = :thread_id", {"thread_id": thread_id}
            )


def step_row(step_dict: StepDict) -> dict[str, Any]:
    """The columns of a step as Chainlit's layer stores them (unset and empty values left out,
    the JSON columns encoded, "showInput" as its lower-case text)."""
    row: dict[str, Any] = {
        key: value for key, value in step_dict.items()
        if value is not None and not (isinstance(value, dict) and not value)
    }
    if "showInput" in step_dict:
        row["showInput"] = str(step_dict["showInput"]).lower()
    row["metadata"] = json.dumps(step_dict.get("metadata") or {})
    row["generation"] = json.dumps(step_dict.get("generation") or {})
    return row


def _session_thread() -> str | None:
    """The thread of the chat session this call runs for, if it runs for one."""
    try:
        session = context.session
    except ChainlitContextException:  # called outside any session (scripts, admin deletion)
        return None
    if isinstance(session, WebsocketSession) and session.thread_id:
        return str(session.thread_id)
    return None


def decode_props(raw: object) -> dict:
    """Element props as stored: NULL, a JSON string, or JSONB already decoded by the driver."""
    if raw is None or raw == "":
        return {}
    if isinstance(raw, dict):
        return raw
    if isinstance(raw, str):
        decoded = json.loads(raw)
        return decoded if isinstance(decoded, dict) else {}
    return {}


def _last_activity(alias: str) -> str:
    """When a thread last changed: its newest step, or its creation when it has none."""
    return (
        f'(SELECT COALESCE(MAX(s."createdAt"), {alias}."createdAt") FROM steps s '
        f'WHERE s."threadId" = {alias}."id")'
    )


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def create_data_layer() -> TailorDataLayer:
    """The app's data layer on the shared engine, storing files in the database."""
    from assistant import runtime
    from assistant.filestore import DatabaseStorageClient

    return TailorDataLayer(runtime.engine(), DatabaseStorageClient(runtime.session_factory()),
                           statements=runtime.statements())
