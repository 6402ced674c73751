"""Roles already tailored in a run, so a retry after a failure reuses them instead of paying twice.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21 06:15:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "tailoring_progress",
        sa.Column("owner_id", sa.UUID(), nullable=False),
        sa.Column("run_key", sa.Text(), nullable=False),
        sa.Column("item_key", sa.Text(), nullable=False),
        sa.Column("data", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["accounts.id"],
            name=op.f("fk_tailoring_progress_owner_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "owner_id", "run_key", "item_key", name=op.f("pk_tailoring_progress")
        ),
    )


def downgrade() -> None:
    op.drop_table("tailoring_progress")
