"""The app's Chainlit data layer on a real migrated PostgreSQL, called the way Chainlit calls it.

What a person would notice: the history sidebar pages and searches correctly and only shows
their own conversations; an attached file's page opens; deleting a conversation deletes its
files and the agent's memory of it; a database failure is loud, not a silently lost message.
"""

from __future__ import annotations

import json
import logging
import uuid
from datetime import UTC, datetime, timedelta

import chainlit as cl
import psycopg
import pytest
from chainlit.types import Feedback, Pagination, ThreadFilter
from sqlalchemy import text
from sqlalchemy.dialects.postgresql import psycopg as psycopg_dialect

from assistant.datalayer import TailorDataLayer
from assistant.filestore import DatabaseStorageClient
from assistant.statements import to_pyformat
from db.accounts import create_account
from db.engine import create_engine, make_session_factory

pytestmark = pytest.mark.db

START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def stamp(minutes: int) -> str:
    return (START + timedelta(minutes=minutes)).isoformat().replace("+00:00", "Z")


@pytest.fixture
async def layer(migrated_db_url: str):
    engine = create_engine(migrated_db_url)
    sessions = make_session_factory(engine)
    layer = TailorDataLayer(engine, DatabaseStorageClient(sessions))
    yield layer
    await layer.close()  # its statements' pool and the engine


async def add_person(layer: TailorDataLayer, username: str) -> str:
    async with layer.async_session() as session, session.begin():
        await create_account(session, username, "long enough passphrase")
    persisted = await layer.create_user(cl.User(identifier=username))
    assert persisted is not None
    return persisted.id


async def add_thread(layer: TailorDataLayer, user_id: str, name: str, minutes: int) -> str:
    thread_id = str(uuid.uuid4())
    await layer.update_thread(thread_id, name=name, user_id=user_id)
    await layer.execute_sql(
        'INSERT INTO steps ("id", "threadId", "name", "type", "streaming", "output", '
        '"createdAt") VALUES (:id, :thread, :name, :type, false, :output, :created)',
        {
            "id": str(uuid.uuid4()),
            "thread": thread_id,
            "name": "User",
            "type": "user_message",
            "output": f"{name} body",
            "created": stamp(minutes),
        },
    )
    return thread_id


async def test_history_pages_newest_first_and_only_the_owners(layer):
    alice = await add_person(layer, "alice")
    bob = await add_person(layer, "bob")
    threads = [await add_thread(layer, alice, f"Job {n}", minutes=n) for n in range(7)]
    await add_thread(layer, bob, "Bob's job", minutes=100)
    newest_first = list(reversed(threads))

    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        page = await layer.list_threads(
            Pagination(first=3, cursor=cursor), ThreadFilter(userId=alice)
        )
        seen += [thread["id"] for thread in page.data]
        pages += 1
        if not page.pageInfo.hasNextPage:
            break
        cursor = page.pageInfo.endCursor
    assert seen == newest_first
    assert pages == 3


async def test_history_search_and_feedback_filters(layer):
    alice = await add_person(layer, "alice")
    kube = await add_thread(layer, alice, "Platform role", minutes=1)
    data = await add_thread(layer, alice, "Analytics role", minutes=2)
    await layer.execute_sql(
        'UPDATE steps SET "output" = :text WHERE "threadId" = :thread',
        {"text": "Lead with the Kubernetes_work (100% uptime)", "thread": kube},
    )

    async def search(text: str) -> list[str]:
        page = await layer.list_threads(
            Pagination(first=10), ThreadFilter(userId=alice, search=text)
        )
        return [thread["id"] for thread in page.data]

    assert await search("kubernetes") == [kube]
    assert await search("analytics") == [data], "thread names are searched too"
    assert await search("100%") == [kube]
    assert await search("_work") == [kube], "LIKE wildcards in the search are literal"
    assert await search("%") == [kube]

    step_id = (await layer.get_thread(data))["steps"][0]["id"]
    await layer.upsert_feedback(Feedback(forId=step_id, threadId=data, value=1))
    liked = await layer.list_threads(Pagination(first=10), ThreadFilter(userId=alice, feedback=1))
    assert [thread["id"] for thread in liked.data] == [data]


async def test_element_page_opens_whatever_the_stored_props(layer):
    alice = await add_person(layer, "alice")
    thread = await add_thread(layer, alice, "Job", minutes=1)
    ids = {"null": str(uuid.uuid4()), "object": str(uuid.uuid4())}
    for kind, props in (("null", None), ("object", json.dumps({"page": 2}))):
        await layer.execute_sql(
            'INSERT INTO elements ("id", "threadId", "type", "name", "display", "props", '
            '"objectKey") VALUES (:id, :thread, \'pdf\', :name, \'inline\', '
            "CAST(:props AS jsonb), :key)",
            {
                "id": ids[kind],
                "thread": thread,
                "name": f"{kind}.pdf",
                "props": props,
                "key": f"{alice}/{ids[kind]}/{kind}.pdf",
            },
        )
    null_props = await layer.get_element(thread, ids["null"])
    object_props = await layer.get_element(thread, ids["object"])
    assert null_props["props"] == {} and object_props["props"] == {"page": 2}
    assert object_props["url"].startswith("/files/")


async def test_an_older_threads_side_panel_previews_reopen_with_their_messages(layer):
    # Side-panel PDF previews were opened by Chainlit on its own when a thread was reopened,
    # every one under the last one's name; an older thread's come back inline, like new ones.
    alice = await add_person(layer, "alice")
    thread = await add_thread(layer, alice, "Job", minutes=1)
    for name, kind, display in (("Preview Resume.pdf", "pdf", "side"),
                                ("Preview Cover-Letter.pdf", "pdf", "side"),
                                ("MarkdownEditor", "custom", "side")):
        await layer.execute_sql(
            'INSERT INTO elements ("id", "threadId", "type", "name", "display", "url") '
            "VALUES (:id, :thread, :type, :name, :display, '/files/x')",
            {"id": str(uuid.uuid4()), "thread": thread, "type": kind, "name": name,
             "display": display},
        )
    shown = {e["name"]: e["display"] for e in (await layer.get_thread(thread))["elements"]}
    assert shown == {"Preview Resume.pdf": "inline", "Preview Cover-Letter.pdf": "inline",
                     "MarkdownEditor": "side"}


async def test_deleting_a_conversation_deletes_its_files_and_agent_memory(layer):
    alice = await add_person(layer, "alice")
    thread = await add_thread(layer, alice, "Job", minutes=1)
    element_id = str(uuid.uuid4())
    key = f"{alice}/{element_id}/resume.md"
    await layer.storage_provider.upload_file(key, b"# Resume", mime="text/markdown")
    await layer.execute_sql(
        'INSERT INTO elements ("id", "threadId", "type", "name", "objectKey") '
        "VALUES (:id, :thread, 'file', 'resume.md', :key)",
        {"id": element_id, "thread": thread, "key": key},
    )
    await layer.execute_sql(
        "INSERT INTO checkpoints (thread_id, checkpoint_id, checkpoint) "
        "VALUES (:thread, 'c1', '{}'::jsonb)",
        {"thread": thread},
    )

    await layer.delete_thread(thread)

    remaining = await layer.execute_sql(
        "SELECT (SELECT count(*) FROM files) AS files, "
        "(SELECT count(*) FROM checkpoints) AS checkpoints, "
        "(SELECT count(*) FROM threads) AS threads",
        {},
    )
    assert remaining == [{"files": 0, "checkpoints": 0, "threads": 0}]


async def test_a_failed_statement_is_loud_and_keeps_its_parameters_secret(layer, caplog):
    caplog.set_level(logging.ERROR, logger="assistant.datalayer")
    with pytest.raises(psycopg.Error):
        await layer.execute_sql(
            'INSERT INTO steps ("id", "noSuchColumn") VALUES (:id, :secret)',
            {"id": str(uuid.uuid4()), "secret": "sk-very-secret-key"},
        )
    (record,) = caplog.records
    assert record.levelno == logging.ERROR
    assert record.getMessage().startswith("Database statement failed: INSERT steps")
    assert "sk-very-secret-key" not in caplog.text


async def test_a_dropped_connection_is_an_outage_and_the_pool_recovers(layer, caplog):
    caplog.set_level(logging.WARNING, logger="assistant.datalayer")
    # What a database restart does to a connection in use: the server ends it mid-statement.
    assert await layer.execute_sql(
        "SELECT pg_terminate_backend(pg_backend_pid()) FROM threads WHERE :n = 1 "
        "UNION ALL SELECT pg_terminate_backend(pg_backend_pid())", {"n": 1}) is None
    assert "Storage unavailable: SELECT threads not run" in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    # The broken connection is dropped, not handed out again: the next statement works.
    query = 'SELECT count(*) AS n FROM threads WHERE "id" = :id'
    assert await layer.execute_sql(query, {"id": str(uuid.uuid4())}) == [{"n": 0}]


@pytest.mark.parametrize("query", [
    "SELECT * FROM t WHERE a = :a AND b = :b_2",
    "SELECT :a::jsonb, (:b)::jsonb, x::text",  # ":a::" is not a bind for text() either
    "SELECT 1 WHERE n LIKE '%x%' AND m = :m",
    "SELECT '10\\:30' AS t, :b",
    'INSERT INTO steps ("id", "threadId") VALUES (:id, :threadId) ON CONFLICT (id) DO UPDATE '
    'SET "threadId" = :threadId WHERE steps."threadId" IS NOT DISTINCT FROM EXCLUDED."threadId"',
    "SELECT 1 FROM threads t WHERE t.\"name\" ILIKE :pattern ESCAPE '\\'",
])
def test_binds_are_read_as_sqlalchemy_text_reads_them(query: str) -> None:
    # Chainlit's queries were written for text(); statements.py must read them the same way.
    assert to_pyformat(query) == str(text(query).compile(dialect=psycopg_dialect.dialect()))


async def test_literal_percent_and_casts_reach_the_database_intact(layer):
    rows = await layer.execute_sql(
        "SELECT CAST(:word AS text) AS word, '100%' AS pct, (:n)::int + 1 AS n",
        {"word": "a:b", "n": 1})
    assert rows == [{"word": "a:b", "pct": "100%", "n": 2}]
