"""A key typed into the settings panel and the passwords typed at setup and login stay secret.

One real server, with every logger at DEBUG (a sitecustomize on the server's path turns it on),
then a search for each secret in every table (bytea columns, where LangGraph's checkpoints live,
searched as bytes too), every thread's metadata, the whole server log and everything the model
was sent.
"""

from __future__ import annotations

import base64
from pathlib import Path

import psycopg
import pytest
from e2e.client import ChatClient, create_first_admin, login, login_token
from support.scripted_llm_process import ScriptedLLMProcess

from db.engine import libpq_dsn

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(180)]

API_KEY = "sk-live-7f3a9c1e5b-QUARTZ-never-shown"
PASSWORD = "velvet canyon 42 lanterns"
NEAR_MISS = "velvet canyon 42 lantern"  # a typo of the real password, at a failed login
SCRIPT = {"rules": [{"when_user_says": "hello", "reply": {"text": "Hi! Upload your resume."}}]}
DEBUG_EVERYWHERE = "import logging\nlogging.basicConfig(level=logging.DEBUG)\n"


def _forms(secret: str) -> list[bytes]:
    raw = secret.encode()
    return [raw, raw.hex().encode(), base64.b64encode(raw), secret.replace(" ", "+").encode()]


def _dump_database(url: str) -> bytes:
    """Every row of every table in every schema, as text, plus every bytea value as bytes."""
    out: list[bytes] = []
    with psycopg.connect(libpq_dsn(url)) as conn:
        tables = conn.execute(
            "SELECT table_schema, table_name FROM information_schema.tables "
            "WHERE table_type = 'BASE TABLE' "
            "AND table_schema NOT IN ('pg_catalog', 'information_schema')").fetchall()
        for schema, table in tables:
            out += [row[0].encode() for row in conn.execute(
                f'SELECT t::text FROM "{schema}"."{table}" t')]
            binary = [row[0] for row in conn.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = %s "
                "AND table_name = %s AND data_type = 'bytea'", (schema, table))]
            for column in binary:
                out += [bytes(row[0]) for row in conn.execute(
                    f'SELECT "{column}" FROM "{schema}"."{table}" WHERE "{column}" IS NOT NULL')]
        assert len(tables) >= 15, "expected ours, Chainlit's and LangGraph's tables"
    return b"\n".join(out)


async def test_key_and_passwords_never_stored_logged_or_sent_in_clear(
    start_server, migrated_db_url: str, tmp_path: Path
) -> None:
    (tmp_path / "sitecustomize.py").write_text(DEBUG_EVERYWHERE)
    with ScriptedLLMProcess(SCRIPT) as llm:
        server = start_server(OPENAI_BASE_URL="", OPENAI_API_KEY="",
                              TAILOR_ALLOW_PRIVATE_MODEL_URLS="true", PYTHONPATH=str(tmp_path))
        base = server.base_url
        assert create_first_admin(base, "alice", PASSWORD).status_code in (200, 303)
        assert login(base, "alice", NEAR_MISS).status_code == 401
        chat = ChatClient(base, login_token(base, "alice", PASSWORD))
        await chat.connect()
        saved = await chat.change_settings({"model": "scripted", "forget_key": False,
                                            "timeout_s": 30, "base_url": llm.base_url,
                                            "api_key": API_KEY})
        assert "a saved API key" in saved and API_KEY not in saved
        assert (await chat.send("hello there"))[-1] == "Hi! Upload your resume."
        await chat.close()
        sent = llm.requests()
        server.stop()  # flush the log, and the thread metadata Chainlit writes on disconnect

    assert sent and sent[-1].bearer_token == API_KEY, "the key did reach the model server"
    log = server.log_text()
    assert "DEBUG:openai._base_client" in log, "the server really logged at DEBUG"
    stored = _dump_database(migrated_db_url)
    assert b"Hi! Upload your resume." in stored, "the dump includes the conversation"
    prompts = "\n".join(str(request.messages) for request in sent).encode()
    for secret in (API_KEY, PASSWORD, NEAR_MISS):
        for form in _forms(secret):
            assert form not in stored, f"{secret!r} stored as {form!r}"
            assert form.decode() not in log, f"{secret!r} in the server log as {form!r}"
            assert form not in prompts, f"{secret!r} sent to the model"


def test_the_same_password_hashes_differently_each_time_with_argon2id() -> None:
    from assistant.passwords import hash_password, verify_password

    first, second = hash_password(PASSWORD), hash_password(PASSWORD)
    assert first.startswith("$argon2id$") and second.startswith("$argon2id$")
    assert first != second, "a per-hash salt"
    assert PASSWORD not in first
    assert verify_password(PASSWORD, first)[0] and not verify_password(NEAR_MISS, first)[0]
