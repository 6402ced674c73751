"""Administration: pending confirmations for destructive admin actions (account deletion).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-21 06:45:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "admin_confirmations",
        sa.Column("nonce", sa.Text(), nullable=False),
        sa.Column("actor_id", sa.UUID(), nullable=False),
        sa.Column("target_id", sa.UUID(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["accounts.id"],
            name=op.f("fk_admin_confirmations_actor_id_accounts"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["target_id"], ["accounts.id"],
            name=op.f("fk_admin_confirmations_target_id_accounts"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("nonce", name=op.f("pk_admin_confirmations")),
    )
    op.create_index(
        op.f("ix_admin_confirmations_actor_id"), "admin_confirmations", ["actor_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_admin_confirmations_actor_id"), table_name="admin_confirmations")
    op.drop_table("admin_confirmations")
