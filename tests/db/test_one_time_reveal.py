"""Temporary passwords: kept encrypted, opened once by their admin within 15 minutes."""

from __future__ import annotations

import psycopg
import pytest
from admin_clicks import create_user, delete_account, reset_password, set_admin_role
from test_admin_accounts import new_admin
from tool_harness import new_account

from assistant.passwords import verify_password
from assistant.workflows.admin_guard import AdminScope
from assistant.workflows.one_time_reveal import reveal
from db.accounts import get_account_by_username
from db.engine import libpq_dsn

pytestmark = pytest.mark.db


def link_of(text: str) -> str:
    return text.split("](/reveal/")[1].split(")")[0]


def rows_containing(url: str, needle: str) -> list[str]:
    with psycopg.connect(libpq_dsn(url)) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        return [table for table in tables if conn.execute(
            f'SELECT count(*) FROM "{table}" t WHERE t::text LIKE %s',
            [f"%{needle}%"]).fetchone()[0]]


async def test_the_link_opens_once_for_its_admin_only(session_factory, migrated_db_url) -> None:
    root = AdminScope(session_factory, await new_admin(session_factory, "root"))
    other = AdminScope(session_factory, await new_admin(session_factory, "other"))
    dave = await new_account(session_factory, "dave")
    text = await reset_password(root, "dave")
    link = link_of(text)

    assert await reveal(session_factory, link, other.actor_id) is None
    assert await reveal(session_factory, link, dave) is None
    revealed = await reveal(session_factory, link, root.actor_id)
    assert revealed is not None and revealed.username == "dave"
    assert revealed.secret not in text
    async with session_factory() as session:
        account = await get_account_by_username(session, "dave")
    assert verify_password(revealed.secret, account.password_hash)[0]
    assert await reveal(session_factory, link, root.actor_id) is None  # once
    assert rows_containing(migrated_db_url, revealed.secret) == []
    assert await reveal(session_factory, "not-a-uuid", root.actor_id) is None


async def test_an_unread_password_is_encrypted_and_expires(session_factory, migrated_db_url):
    root = AdminScope(session_factory, await new_admin(session_factory, "root"))
    first = link_of(await create_user(root, "erin"))
    second = link_of(await create_user(root, "frank"))
    with psycopg.connect(libpq_dsn(migrated_db_url)) as conn:
        [(ciphertext,)] = conn.execute(
            "SELECT ciphertext FROM one_time_secrets WHERE id = %s", [first]).fetchall()
        conn.execute("UPDATE one_time_secrets SET expires_at = now() - interval '1 second' "
                     "WHERE id = %s", [second])
    assert bytes(ciphertext)[:5] == b"gAAAA"  # a Fernet token, not the password
    assert await reveal(session_factory, second, root.actor_id) is None  # expired
    revealed = await reveal(session_factory, first, root.actor_id)
    assert revealed is not None and revealed.secret.encode() not in bytes(ciphertext)


async def test_a_demoted_admin_or_a_deleted_account_takes_the_link_with_it(
    session_factory, migrated_db_url
) -> None:
    root = AdminScope(session_factory, await new_admin(session_factory, "root"))
    second = AdminScope(session_factory, await new_admin(session_factory, "second"))
    from_second = link_of(await create_user(second, "gina"))
    from_root = link_of(await create_user(root, "hank"))
    await set_admin_role(root, "second", False)
    assert await reveal(session_factory, from_second, second.actor_id) is None
    await delete_account(root, "hank")
    assert await reveal(session_factory, from_root, root.actor_id) is None
    with psycopg.connect(libpq_dsn(migrated_db_url)) as conn:
        left = conn.execute("SELECT count(*) FROM one_time_secrets").fetchone()[0]
    assert left == 1  # only gina's, still unread
