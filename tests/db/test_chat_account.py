"""The per-message read (db/chat_account.py): one statement that must give the same account and
the same model as reading them through the ORM (``get_account`` and ``resolve_connection``),
and see a disabled or signed-out account at once."""

from __future__ import annotations

import uuid

import psycopg
import pytest
from cryptography.fernet import Fernet
from psycopg.rows import dict_row
from pydantic import SecretStr
from sqlalchemy import inspect
from tool_harness import new_account

from assistant.auth import account_if_claims_hold
from core.secrets import encrypt
from core.settings import Settings
from db.accounts import bump_session_version, get_account, set_active
from db.chat_account import account_and_model_rows
from db.engine import libpq_dsn
from db.llm_settings import upsert_settings
from workflows.accounts.model_settings import connection_for, resolve_connection

pytestmark = pytest.mark.db

SETTINGS = Settings(
    encryption_keys=SecretStr(Fernet.generate_key().decode()), OPENAI_BASE_URL=None,
    OPENAI_API_KEY=None, host="0.0.0.0", model_name="env-model",
)


async def test_one_statement_reads_what_the_orm_reads(session_factory, migrated_db_url) -> None:
    ada = await new_account(session_factory, "ada")
    bob = await new_account(session_factory, "bob")
    async with await psycopg.AsyncConnection.connect(
        libpq_dsn(migrated_db_url), autocommit=True, row_factory=dict_row
    ) as connection:

        async def compare(account_id: uuid.UUID) -> None:
            account, personal, default = await account_and_model_rows(connection, account_id)
            async with session_factory() as session:
                expected = await get_account(session, account_id)
                expected_model = await resolve_connection(session, account_id, SETTINGS)
            columns = [c.key for c in inspect(type(expected)).column_attrs]
            assert {c: getattr(account, c) for c in columns} == {
                c: getattr(expected, c) for c in columns}
            # Detached like an account from a closed session: merging it inserts nothing.
            assert inspect(account).detached and inspect(account).key is not None
            # A dataclass: equal field by field, the key (SecretStr) by its value.
            assert connection_for(personal, default, SETTINGS) == expected_model

        await compare(ada)  # nothing stored: the environment's model
        async with session_factory.begin() as session:
            await upsert_settings(session, None, base_url="http://10.0.0.7:8000/v1",
                                  model="instance-model", encrypted_key=encrypt("sk-i", SETTINGS))
            await upsert_settings(session, bob, base_url="https://8.8.8.8/v1", model=None,
                                  timeout_s=30)
            await upsert_settings(session, ada, base_url="https://8.8.8.8/v1", model="ada-model",
                                  encrypted_key=encrypt("sk-ada", SETTINGS), timeout_s=90)
        await compare(ada)  # her own
        await compare(bob)  # a row without a model: the instance default's
        _, personal, default = await account_and_model_rows(connection, ada)
        model = connection_for(personal, default, SETTINGS)
        assert (model.model, model.api_key.get_secret_value()) == ("ada-model", "sk-ada")

        assert await account_and_model_rows(connection, uuid.uuid4()) == (None, None, None)

        account, _, _ = await account_and_model_rows(connection, ada)
        claims = {"account_id": str(ada), "identifier": "ada",
                  "session_version": account.session_version}
        assert account_if_claims_hold(account, claims) is account
        async with session_factory.begin() as session:
            await bump_session_version(session, ada)  # signed out everywhere
        account, _, _ = await account_and_model_rows(connection, ada)
        assert account_if_claims_hold(account, claims) is None
        async with session_factory.begin() as session:
            await set_active(session, bob, False)
        account, _, _ = await account_and_model_rows(connection, bob)
        assert account_if_claims_hold(account, {
            "account_id": str(bob), "identifier": "bob",
            "session_version": account.session_version}) is None
