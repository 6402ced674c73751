"""Deleting an account: only through the confirmation row, and nothing of theirs is left."""

from __future__ import annotations

import operator
import uuid
from typing import Annotated, TypedDict

import psycopg
import pytest
from chainlit.context import init_http_context
from chainlit.data.sql_alchemy import SQLAlchemyDataLayer
from chainlit.types import Feedback
from chainlit.user import User
from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
from langgraph.graph import END, START, StateGraph
from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool
from support.markdown_shown import as_read
from test_admin_accounts import new_admin
from tool_harness import new_account

from assistant.workflows.admin_confirm import STALE_BUTTON
from assistant.workflows.admin_confirm import confirm as confirm_deletion
from assistant.workflows.admin_guard import AdminRefused, AdminScope
from assistant.workflows.admin_proposals import request_deletion
from assistant.workflows.library_common import Mistake
from db.engine import libpq_dsn
from db.models import (
    ConfirmedFact,
    ConversationState,
    GeneratedDocument,
    Job,
    LlmSettings,
    LoginFailure,
    Resume,
    StoredFile,
    TailoringProgress,
)

pytestmark = pytest.mark.db
GONE = "zoe-leaving"
KEPT = "kim-staying"
# The audit log is the administrators' record of what was done to whom; it keeps the target's
# name on purpose (and loses the deleted person's account link: actor_id SET NULL).
KEPT_BY_DESIGN = {"audit_log"}


class Chat(TypedDict):
    said: Annotated[list[str], operator.add]


def _echo(state: Chat) -> dict[str, list[str]]:
    return {"said": ["hello"]}


async def _seed(sessions, url: str, username: str) -> uuid.UUID:
    """One person with a row in every table that can hold their data."""
    owner = await new_account(sessions, username)
    thread_id = str(uuid.uuid4())
    async with sessions.begin() as session:
        resume = Resume(owner_id=owner, name="Main", markdown="# Zoe", source_kind="markdown")
        job = Job(owner_id=owner, posting_text="Engineer wanted")
        session.add_all([resume, job])
        await session.flush()
        version = GeneratedDocument(owner_id=owner, kind="resume", job_id=job.id,
                                    version_number=1, markdown="# Zoe")
        session.add_all([
            version, ConfirmedFact(owner_id=owner, text="I used Terraform"),
            StoredFile(owner_id=owner, thread_id=thread_id, object_key=f"k-{owner}",
                       name="cv.pdf", mime="application/pdf", size=3, content=b"pdf"),
            LlmSettings(account_id=owner, model="m"),
            TailoringProgress(owner_id=owner, run_key="r", item_key="i", data={}),
            ConversationState(thread_id=thread_id, owner_id=owner, active_resume_id=resume.id),
            LoginFailure(key=f"user:{username}", failures=1),
        ])
    init_http_context()
    layer = SQLAlchemyDataLayer(conninfo=url)
    try:
        user = await layer.create_user(User(identifier=username, metadata={
            "account_id": str(owner)}))
        assert user is not None
        step_id = str(uuid.uuid4())
        await layer.update_thread(thread_id, name="Tailoring", user_id=user.id)
        await layer.create_step({"id": step_id, "threadId": thread_id, "name": "tool",
                                 "type": "tool", "streaming": False, "metadata": {},
                                 "output": "done", "createdAt": "2026-11-21T06:00:00Z"})
        await layer.upsert_feedback(Feedback(forId=step_id, threadId=thread_id, value=1))
    finally:
        await layer.engine.dispose()
    with psycopg.connect(libpq_dsn(url)) as conn:
        conn.execute(
            'INSERT INTO elements (id, "threadId", name, "forId") VALUES (%s, %s, %s, %s)',
            (uuid.uuid4(), thread_id, "cv.pdf", step_id),
        )
    graph = StateGraph(Chat)
    graph.add_node("echo", _echo)
    graph.add_edge(START, "echo")
    graph.add_edge("echo", END)
    kwargs = {"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row}
    async with AsyncConnectionPool(libpq_dsn(url), kwargs=kwargs, open=False) as pool:
        app = graph.compile(checkpointer=AsyncPostgresSaver(pool))
        await app.ainvoke({"said": []}, {"configurable": {"thread_id": thread_id}})
    return owner


def _rows_mentioning(url: str, needles: list[str]) -> dict[str, int]:
    """Rows in EVERY table of the database whose text contains any of the needles."""
    found: dict[str, int] = {}
    with psycopg.connect(libpq_dsn(url)) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        thread_ids = [r[0] for r in conn.execute(
            "SELECT thread_id FROM conversation_state cs JOIN accounts a ON a.id = cs.owner_id "
            "WHERE a.username = ANY(%s)", (needles,))]
        for table in tables:
            count = conn.execute(
                f'SELECT count(*) FROM "{table}" t WHERE '
                + " OR ".join(["t::text ILIKE %s"] * len(needles)),
                [f"%{n}%" for n in needles],
            ).fetchone()[0]
            if count:
                found[table] = count
    found["#threads"] = len(thread_ids)
    return found


async def test_confirmed_deletion_leaves_no_row_of_theirs_in_any_table(
    session_factory, migrated_db_url: str
) -> None:
    admin = AdminScope(session_factory, await new_admin(session_factory))
    gone = await _seed(session_factory, migrated_db_url, GONE)
    kept = await _seed(session_factory, migrated_db_url, KEPT)
    with psycopg.connect(libpq_dsn(migrated_db_url)) as conn:
        thread = conn.execute("SELECT thread_id FROM conversation_state WHERE owner_id = %s",
                              (gone,)).fetchone()[0]
    kept_before = _rows_mentioning(migrated_db_url, [KEPT, str(kept)])
    # The check below can see every kind of row the person had.
    before = _rows_mentioning(migrated_db_url, [GONE, str(gone), thread])
    assert set(before) >= {
        "accounts", "users", "threads", "steps", "elements", "feedbacks", "checkpoints",
        "checkpoint_blobs", "checkpoint_writes", "files", "resumes", "jobs",
        "generated_documents", "confirmed_facts", "llm_settings", "tailoring_progress",
        "conversation_state", "login_failures",
    }

    text, artifact = await request_deletion(admin, GONE)
    assert "click the button" in text and "Nothing has changed yet" in text
    assert artifact["confirm"][0]["label"] == f"Delete {GONE}"
    assert _rows_mentioning(migrated_db_url, [GONE])["accounts"] == 1  # nothing deleted yet

    done = await confirm_deletion(admin, artifact["confirm"][0]["payload"])
    assert f"**{GONE}** is deleted" in as_read(done)
    left = _rows_mentioning(migrated_db_url, [GONE, str(gone), thread])
    assert set(left) - KEPT_BY_DESIGN == {"#threads"} and left["#threads"] == 0
    # The other person keeps everything.
    assert _rows_mentioning(migrated_db_url, [KEPT, str(kept)]) == kept_before


async def test_a_deletion_button_works_once_for_its_admin_and_target_only(
    session_factory,
) -> None:
    admin = AdminScope(session_factory, await new_admin(session_factory, "root"))
    other_admin = AdminScope(session_factory, await new_admin(session_factory, "second"))
    user = AdminScope(session_factory, await new_account(session_factory, "mallory"))
    target = await new_account(session_factory, "victim")
    bystander = await new_account(session_factory, "bystander")
    _, artifact = await request_deletion(admin, "victim")
    button = artifact["confirm"][0]["payload"]
    forged = [
        {**button, "target_id": str(bystander)},  # someone else's account
        {**button, "nonce": "guessed"},
        {"target_id": str(target)},
        "not even a mapping",
    ]
    for payload in forged:
        with pytest.raises(Mistake, match="not valid any more"):
            await confirm_deletion(admin, payload)
    with pytest.raises(Mistake, match="not valid any more"):
        await confirm_deletion(other_admin, button)  # made for root, not for second
    with pytest.raises(AdminRefused):
        await confirm_deletion(user, button)
    await confirm_deletion(admin, button)
    with pytest.raises(Mistake) as again:
        await confirm_deletion(admin, button)
    assert again.value.message == STALE_BUTTON.format(minutes=5)


async def test_the_last_admin_and_oneself_cannot_be_deleted(session_factory) -> None:
    root = AdminScope(session_factory, await new_admin(session_factory, "root"))
    with pytest.raises(Mistake, match="your own account"):
        await request_deletion(root, "root")
    second = AdminScope(session_factory, await new_admin(session_factory, "second"))
    _, artifact = await request_deletion(second, "root")
    # Between the request and the click, second lost the admin role: the click is refused.
    from admin_clicks import set_admin_role

    await set_admin_role(root, "second", False)
    with pytest.raises(AdminRefused):
        await confirm_deletion(second, artifact["confirm"][0]["payload"])
