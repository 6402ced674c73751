"""LangGraph's checkpoint tables, so AsyncPostgresSaver.setup() finds nothing left to do.

The statements are the first ``APPLIED`` entries of langgraph-checkpoint-postgres'
``BasePostgresSaver.MIGRATIONS`` (the list as of 3.2), with CONCURRENTLY removed because Alembic
runs inside a transaction. ``checkpoint_migrations`` records them as applied; migrations a newer
library adds later have higher numbers, and ``setup()`` applies just those at start-up.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 06:06:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op
from langgraph.checkpoint.postgres.base import BasePostgresSaver

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen here so that a library upgrade never changes what this revision did.
APPLIED = 10
TABLES = ("checkpoint_writes", "checkpoint_blobs", "checkpoints", "checkpoint_migrations")


def upgrade() -> None:
    statements = BasePostgresSaver.MIGRATIONS[:APPLIED]
    if len(statements) < APPLIED:
        raise RuntimeError(
            f"langgraph-checkpoint-postgres lists {len(statements)} migrations, expected at "
            f"least {APPLIED}; install the version pinned in pyproject.toml."
        )
    for version, statement in enumerate(statements):
        op.execute(statement.replace("CONCURRENTLY ", ""))
        op.execute(f"INSERT INTO checkpoint_migrations (v) VALUES ({version})")


def downgrade() -> None:
    for table in TABLES:
        op.execute(f"DROP TABLE IF EXISTS {table}")
