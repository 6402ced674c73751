"""The canvas's decisions pressed over the real server with payloads the owner could forge: a
bullet that was not changed, a text that is not the bullet's, and a version that is no longer the
newest. Each is refused, says why (the stale one shows the newer version's change), and adds no
row; the genuine press goes through. Another person's version is in test_action_ownership."""

from __future__ import annotations

import uuid

import psycopg
import pytest
from e2e.client import ChatClient, create_first_admin, login_token
from e2e.fixtures import ADMIN
from test_tools_library import RESUME_MD

from db.accounts import get_account_by_username
from db.engine import libpq_dsn
from db.jobs import create_job
from db.resumes import create_resume
from db.versions import create_version
from workflows.canvas.decisions import NOT_A_CHANGE

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(180)]

CHANGED = "Designed the nightly Airflow pipelines that feed the billing warehouse"
UNCHANGED = "Cut dashboard load time by 40% with dbt incremental models"


def _versions(url: str) -> list[tuple]:
    with psycopg.connect(libpq_dsn(url)) as conn:
        return conn.execute("SELECT id, version_number, markdown, provenance::text "
                            "FROM generated_documents ORDER BY version_number").fetchall()


async def test_unchanged_bullets_and_stale_versions_are_refused(
    start_server, in_database, migrated_db_url: str
) -> None:
    base = start_server().base_url
    create_first_admin(base, *ADMIN)

    async def setup(session) -> str:
        alice = (await get_account_by_username(session, ADMIN[0])).id
        resume = await create_resume(session, alice, name="Main", markdown=RESUME_MD,
                                     source_kind="paste")
        job = await create_job(session, alice, posting_text="Harbour: Data Engineer, Airflow.",
                               company="Harbour")
        version = await create_version(
            session, alice, kind="resume", job_id=job.id, source_resume_id=resume.id,
            markdown=RESUME_MD.replace("Built the nightly", "Designed the nightly"))
        return str(version.id)

    v1 = await in_database(setup)
    chat = ChatClient(base, login_token(base, *ADMIN))
    await chat.connect()

    async def press(name: str, payload: dict) -> dict:
        _, response = await chat.click({"name": name, "payload": payload, "label": name,
                                        "id": str(uuid.uuid4())})
        return response

    before = _versions(migrated_db_url)
    unchanged = await press("canvas_accept", {"version_id": v1, "role": 0, "bullet": 1,
                                              "text": UNCHANGED})
    assert unchanged == {"ok": False, "message": NOT_A_CHANGE}
    for name in ("canvas_accept", "canvas_revert"):
        wrong_text = await press(name, {"version_id": v1, "role": 0, "bullet": 0,
                                        "text": UNCHANGED})
        assert wrong_text == {"ok": False, "message": NOT_A_CHANGE}
    assert _versions(migrated_db_url) == before

    accepted = await press("canvas_accept", {"version_id": v1, "role": 0, "bullet": 0,
                                             "text": CHANGED})
    assert accepted["ok"] and accepted["view"]["version_number"] == 2, accepted
    after_accept = _versions(migrated_db_url)
    assert after_accept[0] == before[0] and len(after_accept) == 2

    for name in ("canvas_revert", "canvas_accept", "canvas_accept_all"):
        stale = await press(name, {"version_id": v1, "role": 0, "bullet": 0, "text": CHANGED})
        assert not stale["ok"] and "no longer the newest" in stale["message"], (name, stale)
        other = stale["other_change"]
        assert other["version_number"] == 2 and other["produced_by"].startswith("Accepted")
        assert other["version_id"] == accepted["view"]["version_id"]
    assert _versions(migrated_db_url) == after_accept
    await chat.close()
