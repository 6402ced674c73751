"""One-time secrets: temporary passwords an admin reads once from a link, never in the chat.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-21 07:10:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "one_time_secrets",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("creator_id", sa.UUID(), nullable=False),
        sa.Column("account_id", sa.UUID(), nullable=False),
        sa.Column("ciphertext", sa.LargeBinary(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["creator_id"], ["accounts.id"], name=op.f("fk_one_time_secrets_creator_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_one_time_secrets_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_one_time_secrets")),
    )
    op.create_index(
        op.f("ix_one_time_secrets_account_id"), "one_time_secrets", ["account_id"], unique=False
    )
    op.create_index(
        op.f("ix_one_time_secrets_creator_id"), "one_time_secrets", ["creator_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_one_time_secrets_account_id"), table_name="one_time_secrets")
    op.drop_index(op.f("ix_one_time_secrets_creator_id"), table_name="one_time_secrets")
    op.drop_table("one_time_secrets")
