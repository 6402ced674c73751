"""Migrations on a real server: round trip, schema matches the models, Chainlit and LangGraph."""

from __future__ import annotations

import operator
import uuid
from typing import Annotated, TypedDict

import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
from langgraph.graph import END, START, StateGraph
from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool
from sqlalchemy import create_engine, inspect

from db.engine import libpq_dsn, to_async_url
from db.migrate import alembic_config, downgrade, upgrade
from db.models import Base

pytestmark = pytest.mark.db

CHAINLIT_TABLES = {"users", "threads", "steps", "elements", "feedbacks"}
LANGGRAPH_TABLES = {"checkpoints", "checkpoint_blobs", "checkpoint_writes", "checkpoint_migrations"}
OUR_TABLES = set(Base.metadata.tables)


class Conversation(TypedDict):
    said: Annotated[list[str], operator.add]


def echo(state: Conversation) -> dict[str, list[str]]:
    return {"said": [f"turn {len(state['said']) + 1}"]}


def _tables(url: str) -> set[str]:
    engine = create_engine(to_async_url(url))
    try:
        with engine.connect() as conn:
            return set(inspect(conn).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def _revisions_in_order(url: str) -> list[str]:
    script = ScriptDirectory.from_config(alembic_config(url))
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def test_upgrade_downgrade_upgrade_round_trip(make_database) -> None:
    url = make_database()
    schema_at = {"base": set()}
    revisions = _revisions_in_order(url)
    for revision in revisions:
        upgrade(url, revision)
        schema_at[revision] = _tables(url)
    assert schema_at[revisions[-1]] == OUR_TABLES | CHAINLIT_TABLES | LANGGRAPH_TABLES
    assert schema_at["0002"] >= CHAINLIT_TABLES and not schema_at["0002"] & LANGGRAPH_TABLES

    # Each downgrade restores exactly the schema its target revision had on the way up.
    for target in reversed(["base", *revisions[:-1]]):
        downgrade(url, target)
        assert _tables(url) == schema_at[target], f"downgrade to {target}"

    upgrade(url)
    assert _tables(url) == OUR_TABLES | CHAINLIT_TABLES | LANGGRAPH_TABLES


def test_schema_matches_the_models(migrated_db_url: str) -> None:
    engine = create_engine(migrated_db_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(
                conn,
                opts={
                    "include_object": lambda obj, name, type_, reflected, other: (
                        type_ != "table" or name in OUR_TABLES
                    )
                },
            )
            differences = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    assert differences == []


def _columns(url: str, table: str) -> dict[str, str]:
    with psycopg.connect(libpq_dsn(url)) as conn:
        rows = conn.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = %s",
            (table,),
        ).fetchall()
    return dict(rows)


def test_chainlit_tables_have_the_columns_its_code_writes(migrated_db_url: str) -> None:
    assert _columns(migrated_db_url, "steps")["autoCollapse"] == "boolean"
    elements = _columns(migrated_db_url, "elements")
    assert elements["autoPlay"] == "boolean"
    assert elements["playerConfig"] == "jsonb"


async def test_chainlit_data_layer_keeps_steps(migrated_db_url: str) -> None:
    """A tool step with autoCollapse set is stored and read back with its thread."""
    from chainlit.context import init_http_context
    from chainlit.data.sql_alchemy import SQLAlchemyDataLayer
    from chainlit.user import User

    init_http_context()
    layer = SQLAlchemyDataLayer(conninfo=migrated_db_url)
    try:
        user = await layer.create_user(User(identifier="alice", metadata={"role": "user"}))
        assert user is not None
        thread_id, step_id = str(uuid.uuid4()), str(uuid.uuid4())
        await layer.update_thread(thread_id, name="Tailoring for Acme", user_id=user.id)
        await layer.create_step(
            {
                "id": step_id,
                "threadId": thread_id,
                "name": "analyse_job",
                "type": "tool",
                "streaming": False,
                "autoCollapse": True,
                "defaultOpen": False,
                "metadata": {},
                "output": "Found 12 requirements",
                "createdAt": "2026-03-01T12:00:00Z",
            }
        )
        thread = await layer.get_thread(thread_id)
    finally:
        await layer.engine.dispose()
    assert thread is not None
    assert [step["output"] for step in thread["steps"]] == ["Found 12 requirements"]


async def test_langgraph_setup_is_a_no_op_and_conversations_persist(migrated_db_url: str) -> None:
    dsn = libpq_dsn(migrated_db_url)
    applied = "SELECT array_agg(v ORDER BY v) FROM checkpoint_migrations"
    with psycopg.connect(dsn) as conn:
        before = conn.execute(applied).fetchone()

    graph = StateGraph(Conversation)
    graph.add_node("echo", echo)
    graph.add_edge(START, "echo")
    graph.add_edge("echo", END)

    kwargs = {"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row}
    async with AsyncConnectionPool(dsn, kwargs=kwargs, open=False) as pool:
        saver = AsyncPostgresSaver(pool)
        await saver.setup()
        with psycopg.connect(dsn) as conn:
            after = conn.execute(applied).fetchone()
        assert after == before == (list(range(len(saver.MIGRATIONS))),)

        app = graph.compile(checkpointer=saver)
        config = {"configurable": {"thread_id": "thread-1"}}
        await app.ainvoke({"said": []}, config)
        # A new compiled graph (as after a restart) continues the stored conversation.
        again = graph.compile(checkpointer=AsyncPostgresSaver(pool))
        result = await again.ainvoke({"said": []}, config)
    assert result["said"] == ["turn 1", "turn 2"]


@pytest.mark.timeout(120)
def test_instances_starting_together_migrate_once_without_failing(make_database) -> None:
    """Four `tailor serve` processes starting at once on an empty database all come up."""
    import subprocess
    import sys
    from pathlib import Path

    url = make_database()
    code = f"from db.migrate import upgrade; upgrade({url!r})"
    root = Path(__file__).resolve().parents[2]
    starts = [subprocess.Popen([sys.executable, "-c", code], cwd=root, stderr=subprocess.PIPE,
                               text=True) for _ in range(4)]
    outcomes = [(p.wait(timeout=90), p.stderr.read()[-2000:]) for p in starts]
    assert [code for code, _ in outcomes] == [0] * 4, outcomes
    assert _tables(url) == OUR_TABLES | CHAINLIT_TABLES | LANGGRAPH_TABLES
    with psycopg.connect(libpq_dsn(url)) as conn:
        versions = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    assert versions == [(_revisions_in_order(url)[-1],)]


def test_the_quick_head_check_agrees_with_alembic(make_database, migrated_db_url: str) -> None:
    # `tailor serve` skips Alembic when db.schema_version says the database is at head.
    from db.schema_version import is_at_head, script_heads

    script = ScriptDirectory.from_config(alembic_config(migrated_db_url))
    assert script_heads() == set(script.get_heads())
    assert is_at_head(migrated_db_url)
    empty = make_database()
    assert not is_at_head(empty)
    previous = script.get_revision(script.get_current_head()).down_revision
    downgrade(migrated_db_url, previous)
    assert not is_at_head(migrated_db_url)
    upgrade(migrated_db_url)
    assert is_at_head(migrated_db_url)
