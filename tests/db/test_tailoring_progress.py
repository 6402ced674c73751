"""Finished roles of a tailoring run survive in PostgreSQL, so a retry reuses them."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from pydantic import SecretStr
from sqlalchemy import delete, func, select
from support.fixtures import scripted_llm, scripted_llm_server
from support.llm_script import server_error
from unit.generation.scripts import ROLE_SCHEMAS, faithful_rule, role_block, schema_name

from core.errors import UserFacingError
from db.accounts import create_account
from db.models import Account, TailoringProgress
from db.tailoring_progress import DbRoleStore, run_key
from documents.markdown import load_resume, write_resume
from engine.job_analysis import JobAnalysis
from llm.structured import ModelConnection
from workflows.generation.tailoring import tailor_role_by_role
from workflows.progress import RecordingProgress

pytestmark = pytest.mark.db
__all__ = ["scripted_llm", "scripted_llm_server"]

RESUME = Path(__file__).resolve().parents[2] / "evals" / "cases" / "platform" / "resume.md"


async def new_account(factory, name: str) -> uuid.UUID:
    async with factory.begin() as session:
        return (await create_account(session, name, "tangerine kettle marathon")).id


async def test_put_get_per_owner_and_run(session_factory) -> None:
    alice, bob = await new_account(session_factory, "alice"), await new_account(
        session_factory, "bob")
    key = run_key("# Personal", "job-1", "model-a")
    assert key != run_key("# Personal", "job-1", "model-b")
    assert key == run_key("# Personal", "job-1", "model-a")
    store = DbRoleStore(session_factory, alice, key)
    assert await store.get("role-0") is None
    await store.put("role-0", {"bullets": [{"text": "x", "sources": [1]}]})
    await store.put("role-0", {"bullets": []})  # a second put replaces the first
    assert await store.get("role-0") == {"bullets": []}
    assert await DbRoleStore(session_factory, bob, key).get("role-0") is None
    assert await DbRoleStore(session_factory, alice, "other-run").get("role-0") is None
    async with session_factory.begin() as session:
        await session.execute(delete(Account).where(Account.id == alice))
    async with session_factory() as session:
        assert await session.scalar(select(func.count()).select_from(TailoringProgress)) == 0


async def test_a_retry_in_a_new_process_reuses_finished_roles(session_factory,
                                                               scripted_llm) -> None:
    owner = await new_account(session_factory, "carol")
    resume = load_resume(RESUME.read_text())
    analysis = JobAnalysis(title="Backend Engineer", required_skills=["Python", "Kafka"])
    conn = ModelConnection(scripted_llm.base_url, SecretStr("k"), "scripted", timeout_s=5,
                           max_retries=2, backoff_s=0.01)
    key = run_key(write_resume(resume), uuid.uuid4(), conn.label)

    async def attempt():
        # A fresh store object each time: nothing is carried in process memory.
        return await tailor_role_by_role(conn, resume=resume, analysis=analysis, facts=[],
                                   progress=RecordingProgress(),
                                   store=DbRoleStore(session_factory, owner, key))

    failing = resume.roles[4]
    scripted_llm.add_rule(faithful_rule(resume.roles, {failing.company: server_error}))
    with pytest.raises(UserFacingError, match="Tailored 5 of 6 roles"):
        await attempt()
    scripted_llm.reset()
    scripted_llm.add_rule(faithful_rule(resume.roles))
    outcome = await attempt()
    asked = [role_block(r) for r in scripted_llm.requests if schema_name(r) in ROLE_SCHEMAS]
    assert len(asked) == 1 and failing.company in asked[0]
    assert outcome.reused_roles == 5
    assert [r.company for r in outcome.resume.roles] == [r.company for r in resume.roles]
