"""The account behind a chat message and the model settings rows that decide its model, in one
statement: read on every message (a disabled or signed-out account is refused at once), where
the ORM took five round trips (BEGIN, the account, the person's row, the instance default's,
ROLLBACK) and most of the CPU of reading them.

The rows come back as detached ``Account`` and ``LlmSettings`` objects, as a closed session
leaves them, so every check and the model's rules run on them unchanged.
"""

from __future__ import annotations

import uuid
from functools import lru_cache
from typing import Any

import psycopg
from sqlalchemy import Table, bindparam, inspect, select
from sqlalchemy.dialects.postgresql import psycopg as psycopg_dialect
from sqlalchemy.orm import make_transient_to_detached

from db.models import Account, LlmSettings

# Column label prefixes of the three rows in the one result row.
_PARTS = ((Account, "account_"), (LlmSettings, "personal_"), (LlmSettings, "default_"))


@lru_cache(maxsize=1)
def _query() -> tuple[str, tuple[tuple[type, dict[str, str]], ...]]:
    """The statement (compiled once, from the models, for psycopg) and, per row, its label ->
    attribute map."""
    accounts = Account.__table__
    personal = LlmSettings.__table__.alias("personal")
    default = LlmSettings.__table__.alias("instance_default")
    assert isinstance(accounts, Table)
    labelled = []
    attributes = []
    for (model, prefix), table in zip(_PARTS, (accounts, personal, default), strict=True):
        mapper = inspect(model)
        names = {}
        for column in table.c:
            label = prefix + column.name
            labelled.append(column.label(label))
            names[label] = mapper.get_property_by_column(model.__table__.c[column.name]).key
        attributes.append((model, names))
    statement = (
        select(*labelled)
        .select_from(
            accounts.outerjoin(personal, personal.c.account_id == accounts.c.id)
            # At most one row has no account (the constraint treats NULLs as equal).
            .outerjoin(default, default.c.account_id.is_(None))
        )
        .where(accounts.c.id == bindparam("account_id"))
    )
    return str(statement.compile(dialect=psycopg_dialect.dialect())), tuple(attributes)


async def account_and_model_rows(
    connection: psycopg.AsyncConnection[Any], account_id: uuid.UUID
) -> tuple[Account | None, LlmSettings | None, LlmSettings | None]:
    """The account (None: no such account), its own model settings row and the instance
    default's (None where there is none). ``connection`` returns dict rows."""
    query, parts = _query()
    cursor = await connection.execute(query, {"account_id": account_id})
    row = await cursor.fetchone()
    if row is None:
        return None, None, None
    account, personal, default = (_detached(model, names, row) for model, names in parts)
    return account, personal, default  # type: ignore[return-value]


def _detached(model: type, names: dict[str, str], row: dict[str, Any]) -> Any:
    values = {attribute: row[label] for label, attribute in names.items()}
    if values["id"] is None:  # no such row (outer join)
        return None
    instance = model(**values)
    make_transient_to_detached(instance)  # as if loaded by a session since closed
    return instance
