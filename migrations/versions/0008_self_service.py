"""Self-service accounts: email on accounts, single-use link tokens, mail request counters.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-21 06:50:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("accounts", sa.Column("email", sa.Text(), nullable=True))
    op.add_column("accounts", sa.Column("signup_status", sa.Text(), nullable=True))
    op.create_unique_constraint(op.f("uq_accounts_email"), "accounts", ["email"])
    op.create_table(
        "link_tokens",
        sa.Column("token_hash", sa.Text(), nullable=False),
        sa.Column("account_id", sa.UUID(), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("session_version", sa.Integer(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_link_tokens_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_link_tokens")),
    )
    op.create_index(
        op.f("ix_link_tokens_account_id"), "link_tokens", ["account_id"], unique=False
    )
    op.create_table(
        "mail_requests",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), server_default=sa.text("now()"),
                  nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_requests")),
    )
    op.create_index("ix_mail_requests_key_at", "mail_requests", ["key", "at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_mail_requests_key_at", table_name="mail_requests")
    op.drop_table("mail_requests")
    op.drop_index(op.f("ix_link_tokens_account_id"), table_name="link_tokens")
    op.drop_table("link_tokens")
    op.drop_constraint(op.f("uq_accounts_email"), "accounts", type_="unique")
    op.drop_column("accounts", "signup_status")
    op.drop_column("accounts", "email")
