"""What each chat thread works on, resume imports awaiting a name, and cover letters' structure.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21 06:20:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _created_at() -> sa.Column:
    return sa.Column(
        "created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
    )


def _owner(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["owner_id"], ["accounts.id"], name=op.f(f"fk_{table}_owner_id_accounts"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "conversation_state",
        sa.Column("thread_id", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.UUID(), nullable=False),
        sa.Column("active_resume_id", sa.UUID(), nullable=True),
        sa.Column("active_job_id", sa.UUID(), nullable=True),
        sa.Column("last_version_id", sa.UUID(), nullable=True),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"),
            nullable=False,
        ),
        _owner("conversation_state"),
        sa.ForeignKeyConstraint(
            ["active_resume_id"], ["resumes.id"],
            name=op.f("fk_conversation_state_active_resume_id_resumes"), ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["active_job_id"], ["jobs.id"],
            name=op.f("fk_conversation_state_active_job_id_jobs"), ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["last_version_id"], ["generated_documents.id"],
            name=op.f("fk_conversation_state_last_version_id_generated_documents"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("thread_id", name=op.f("pk_conversation_state")),
    )
    op.create_index(
        op.f("ix_conversation_state_owner_id"), "conversation_state", ["owner_id"], unique=False
    )
    op.create_table(
        "resume_drafts",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("owner_id", sa.UUID(), nullable=False),
        sa.Column("markdown", sa.Text(), nullable=False),
        sa.Column("source_kind", sa.Text(), nullable=False),
        sa.Column("source_file_name", sa.Text(), nullable=True),
        sa.Column("suggested_name", sa.Text(), nullable=False),
        _created_at(),
        _owner("resume_drafts"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resume_drafts")),
    )
    op.create_index(
        op.f("ix_resume_drafts_owner_id"), "resume_drafts", ["owner_id"], unique=False
    )
    op.create_table(
        "cover_letter_data",
        sa.Column("document_id", sa.UUID(), nullable=False),
        sa.Column("owner_id", sa.UUID(), nullable=False),
        sa.Column("letter", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        _owner("cover_letter_data"),
        sa.ForeignKeyConstraint(
            ["document_id"], ["generated_documents.id"],
            name=op.f("fk_cover_letter_data_document_id_generated_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_cover_letter_data")),
    )
    op.create_index(
        op.f("ix_cover_letter_data_owner_id"), "cover_letter_data", ["owner_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_cover_letter_data_owner_id"), table_name="cover_letter_data")
    op.drop_table("cover_letter_data")
    op.drop_index(op.f("ix_resume_drafts_owner_id"), table_name="resume_drafts")
    op.drop_table("resume_drafts")
    op.drop_index(op.f("ix_conversation_state_owner_id"), table_name="conversation_state")
    op.drop_table("conversation_state")
