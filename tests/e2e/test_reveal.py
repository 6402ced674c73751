"""Temporary passwords never travel through the chat: the admin gets a one-time link.

A real server, both ways of asking (a slash command and the model's tool call): the password
is in no table, no chat step and no request to the model; the link opens once, and only for
the admin who made it.
"""

from __future__ import annotations

import json
import re

import psycopg
import pytest
from support.scripted_llm_process import ScriptedLLMProcess

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
from e2e.test_journey import call, say

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(240)]

LINK = re.compile(r"\]\((/reveal/[0-9a-f-]{36})\)")


def reveal_link(text: str) -> str:
    found = LINK.search(text)
    assert found is not None, text
    return found.group(1)


def revealed_password(base_url: str, token: str, text: str) -> str:
    """Open the link in ``text`` as the admin with ``token``; the password on the page."""
    with http(base_url, token) as client:
        page = client.get(reveal_link(text))
    assert page.status_code == 200, page.text
    assert "no-store" in page.headers["cache-control"]
    return re.search(r"<code id='secret'>([^<]+)</code>", page.text).group(1)


def tables_containing(url: str, needle: str) -> list[str]:
    with psycopg.connect(libpq_dsn(url)) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        return [table for table in tables if conn.execute(
            f'SELECT count(*) FROM "{table}" t WHERE t::text LIKE %s',
            [f"%{needle}%"]).fetchone()[0]]


async def test_temporary_passwords_reach_only_their_admin_once(
    start_server, migrated_db_url: str
) -> None:
    with ScriptedLLMProcess() as llm:
        server = start_server(OPENAI_BASE_URL=llm.base_url, OPENAI_API_KEY="test-key",
                              TAILOR_MODEL_NAME="scripted")
        base = server.base_url
        create_first_admin(base, *ADMIN)
        root_token = login_token(base, *ADMIN)
        root = ChatClient(base, root_token)
        await root.connect()

        # By slash command: the message holds a link, not the password.
        (created,) = await send_confirmed(root, "/adduser carol")
        assert created.startswith("Created the account **carol** (user). Temporary password: ")
        assert "`" not in created
        (second_created,) = await send_confirmed(root, "/adduser second admin")
        second_password = revealed_password(base, root_token, second_created)
        second_token = login_token(base, "second", second_password)

        carol_link = reveal_link(created)
        with http(base, second_token) as client:  # another admin: as if it did not exist
            assert client.get(carol_link).status_code == 404
        with http(base) as client:
            assert client.get(carol_link).status_code == 401
        carol_password = revealed_password(base, root_token, created)
        with http(base, root_token) as client:
            again = client.get(carol_link)
        assert again.status_code == 404 and "works once" in again.text
        login_token(base, "carol", carol_password)  # the revealed password is the real one

        # By the model's tool call: the model only proposes; the admin's click resets, and the
        # link reaches the admin alone.
        llm.add_script({"replies": [call("admin_reset_password", username="carol"),
                                    say("Click the button to reset carol's password.")]})
        since = len(root.events)
        answers = await root.send("Reset carol's password please", timeout_s=30)
        assert "Click the button to reset carol's password." in answers
        assert "/reveal/" not in llm.requests()[-1].last_message_text("tool")
        [button] = confirm_buttons(root, since)
        (clicked,) = (await root.click(button))[0]
        reset_password = revealed_password(base, root_token, clicked)
        login_token(base, "carol", reset_password)
        await root.close()

        requests = json.dumps([request.body for request in llm.requests()])
        for password in (carol_password, second_password, reset_password):
            assert password not in requests
            assert tables_containing(migrated_db_url, password) == []
        assert "steps" in tables_containing(migrated_db_url, carol_link)  # the link was shown
