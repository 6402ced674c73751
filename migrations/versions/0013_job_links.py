"""Job links: a job read from a link keeps the link and when it was read.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04 17:00:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("jobs", sa.Column("source_url", sa.Text(), nullable=True))
    op.add_column("jobs", sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_column("jobs", "fetched_at")
    op.drop_column("jobs", "source_url")
