"""A whole admin session over socket.io: create, first sign-in, disable mid-chat, delete.

After the deletion no row of the person's is left in any table (Chainlit's and LangGraph's
included) and their file URLs answer 404.
"""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from support.markdown_shown import as_read
from support.scripted_llm_process import ScriptedLLMProcess

from assistant.auth import SESSION_ENDED
from assistant.chat_access import MUST_CHANGE_PASSWORD
from db.engine import libpq_dsn
from e2e.client import (
    ChatClient,
    confirm_buttons,
    create_first_admin,
    http,
    login_token,
    send_confirmed,
)
from e2e.fixtures import ADMIN
from e2e.test_conversation_uploads import MARKDOWN_RESUME
from e2e.test_journey import say
from e2e.test_reveal import revealed_password

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(240)]

NEW_PASSWORD = "quiet harbour lantern"
KEPT_BY_DESIGN = {"audit_log"}  # the admins' record of what was done to whom


def rows_mentioning(url: str, needles: list[str], except_thread: str) -> dict[str, int]:
    """Rows of every table that mention a needle, apart from the admin's own conversation
    (which names the account in its commands and answers)."""
    found: dict[str, int] = {}
    with psycopg.connect(libpq_dsn(url)) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        for table in tables:
            (count,) = conn.execute(
                f'SELECT count(*) FROM "{table}" t WHERE ('
                + " OR ".join(["t::text ILIKE %s"] * len(needles))
                + ") AND t::text NOT LIKE %s",
                [*(f"%{n}%" for n in needles), f"%{except_thread}%"],
            ).fetchone()
            if count:
                found[table] = count
    return found


def scalar(url: str, query: str, *args: object) -> object:
    with psycopg.connect(libpq_dsn(url)) as conn:
        row = conn.execute(query, args).fetchone()
    return row[0] if row else None


async def test_admin_creates_disables_and_deletes_an_account(
    start_server, migrated_db_url: str, fixtures_dir: Path
):
    with ScriptedLLMProcess() as llm:
        server = start_server(OPENAI_BASE_URL=llm.base_url, OPENAI_API_KEY="test-key",
                              TAILOR_MODEL_NAME="scripted")
        base = server.base_url
        create_first_admin(base, *ADMIN)
        admin_token = login_token(base, *ADMIN)
        admin = ChatClient(base, admin_token)
        await admin.connect()

        (created,) = await send_confirmed(admin, "/adduser carol")
        assert created.startswith("Created the account **carol** (user). Temporary password")
        temporary = revealed_password(base, admin_token, created)

        # Carol signs in with it and must choose her own password before chatting.
        first_token = login_token(base, "carol", temporary)
        carol = ChatClient(base, first_token)
        await carol.connect()
        assert carol.messages() == [MUST_CHANGE_PASSWORD]
        await carol.close()
        with http(base, first_token) as client:
            changed = client.post("/account/password", data={
                "current_password": temporary, "new_password": NEW_PASSWORD,
                "new_password_confirm": NEW_PASSWORD})
        assert changed.status_code == 303
        carol = ChatClient(base, changed.cookies["access_token"])
        await carol.connect()
        file_id = carol.upload(fixtures_dir / MARKDOWN_RESUME, "text/markdown")
        llm.add_script({"replies": [say("Thanks, I have your resume file.")]})
        assert await carol.send("Here is my resume", [file_id], timeout_s=30) == [
            "Thanks, I have your resume file."]
        thread = carol.thread_id
        with http(base, carol.token) as client:
            assert client.get(f"/files/{file_id}").status_code == 200
        assert scalar(migrated_db_url,
                      "SELECT count(*) FROM checkpoints WHERE thread_id = %s", thread) > 0

        # Disabled mid-conversation: her very next message is refused.
        (disabled,) = await send_confirmed(admin, "/disable carol")
        assert "**carol** is disabled" in disabled
        assert await carol.send("Tailor my resume please") == [SESSION_ENDED]
        await carol.close()

        # Deletion needs the button; the model cannot press it.
        before = len(admin.events)
        answers = await admin.send("/delete carol")
        assert "click the button “Delete carol”" in answers[0]
        [button] = confirm_buttons(admin, before)
        assert button["label"] == "Delete carol"
        carol_id = str(scalar(migrated_db_url,
                              "SELECT id FROM accounts WHERE username = 'carol'"))
        needles = ["carol", carol_id, thread, file_id]
        had = rows_mentioning(migrated_db_url, needles, except_thread=admin.thread_id)
        assert set(had) >= {"accounts", "users", "threads", "steps", "checkpoints",
                            "checkpoint_blobs", "files"}, had
        texts, _ = await admin.click(button)
        assert any("**carol** is deleted" in text for text in texts), texts
        texts, _ = await admin.click(button)  # a second press does nothing
        assert any("not valid any more" in text for text in texts), texts

        left = rows_mentioning(migrated_db_url, needles, except_thread=admin.thread_id)
        assert set(left) <= KEPT_BY_DESIGN, left
        with http(base, admin_token) as client:
            assert client.get(f"/files/{file_id}").status_code == 404
        (audit,) = await admin.send("/audit")
        for action in ("create_account", "disable_account", "request_delete_account",
                       "delete_account"):
            assert f"**alice** {action} → carol: ok" in as_read(audit)
        await admin.close()
