"""Resume history for undo, and the text each chat thread last saw of a resume.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-21 07:00:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _foreign_keys(table: str) -> list[sa.ForeignKeyConstraint]:
    return [
        sa.ForeignKeyConstraint(
            ["owner_id"], ["accounts.id"], name=op.f(f"fk_{table}_owner_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["resume_id"], ["resumes.id"], name=op.f(f"fk_{table}_resume_id_resumes"),
            ondelete="CASCADE",
        ),
    ]


def upgrade() -> None:
    op.create_table(
        "resume_history",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("resume_id", sa.UUID(), nullable=False),
        sa.Column("owner_id", sa.UUID(), nullable=False),
        sa.Column("markdown", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("thread_id", sa.Text(), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"),
            nullable=False,
        ),
        *_foreign_keys("resume_history"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resume_history")),
    )
    op.create_index(op.f("ix_resume_history_resume_id"), "resume_history", ["resume_id"])
    op.create_index(op.f("ix_resume_history_owner_id"), "resume_history", ["owner_id"])
    op.create_table(
        "resume_seen",
        sa.Column("thread_id", sa.Text(), nullable=False),
        sa.Column("resume_id", sa.UUID(), nullable=False),
        sa.Column("owner_id", sa.UUID(), nullable=False),
        sa.Column("markdown", sa.Text(), nullable=False),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"),
            nullable=False,
        ),
        *_foreign_keys("resume_seen"),
        sa.PrimaryKeyConstraint("thread_id", "resume_id", name=op.f("pk_resume_seen")),
    )
    op.create_index(op.f("ix_resume_seen_owner_id"), "resume_seen", ["owner_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_resume_seen_owner_id"), table_name="resume_seen")
    op.drop_table("resume_seen")
    op.drop_index(op.f("ix_resume_history_owner_id"), table_name="resume_history")
    op.drop_index(op.f("ix_resume_history_resume_id"), table_name="resume_history")
    op.drop_table("resume_history")
