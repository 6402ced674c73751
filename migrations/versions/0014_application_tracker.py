"""Application tracker: each job's status (saved, applied, interviewing, offer, rejected,
withdrawn) with its date and note, every change kept; the exact file exported for a job's
version recorded, so "what did I send?" answers with that file; a job's reference code.

Revision ID: 0014
Revises: 0012
Create Date: 2026-12-04 17:00:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATUSES = "('saved', 'applied', 'interviewing', 'offer', 'rejected', 'withdrawn')"


def upgrade() -> None:
    op.add_column("jobs", sa.Column("reference_code", sa.Text(), nullable=True))
    op.add_column("jobs", sa.Column("status", sa.Text(), server_default=sa.text("'saved'"),
                                    nullable=False))
    op.add_column("jobs", sa.Column("status_on", sa.Date(), nullable=True))
    op.add_column("jobs", sa.Column("status_note", sa.Text(), nullable=True))
    op.add_column("jobs", sa.Column("status_changed_at", sa.DateTime(timezone=True),
                                    nullable=True))
    op.create_check_constraint(op.f("ck_jobs_known_status"), "jobs", f"status IN {STATUSES}")

    op.create_table(
        "job_status_changes",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("job_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("owner_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("previous_status", sa.Text(), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"),
                  nullable=False),
        sa.CheckConstraint(f"status IN {STATUSES}",
                           name=op.f("ck_job_status_changes_known_status")),
        sa.ForeignKeyConstraint(["job_id"], ["jobs.id"], ondelete="CASCADE",
                                name=op.f("fk_job_status_changes_job_id_jobs")),
        sa.ForeignKeyConstraint(["owner_id"], ["accounts.id"], ondelete="CASCADE",
                                name=op.f("fk_job_status_changes_owner_id_accounts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_status_changes")),
    )
    op.create_index(op.f("ix_job_status_changes_job_id"), "job_status_changes", ["job_id"])
    op.create_index(op.f("ix_job_status_changes_owner_id"), "job_status_changes", ["owner_id"])

    op.create_table(
        "job_exports",
        sa.Column("id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("owner_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("job_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("version_id", postgresql.UUID(as_uuid=True), nullable=True),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("version_number", sa.Integer(), nullable=False),
        sa.Column("file_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("sha256", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"),
                  nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["accounts.id"], ondelete="CASCADE",
                                name=op.f("fk_job_exports_owner_id_accounts")),
        sa.ForeignKeyConstraint(["job_id"], ["jobs.id"], ondelete="CASCADE",
                                name=op.f("fk_job_exports_job_id_jobs")),
        sa.ForeignKeyConstraint(["version_id"], ["generated_documents.id"], ondelete="SET NULL",
                                name=op.f("fk_job_exports_version_id_generated_documents")),
        # No ON DELETE: a file that went with an application is not deleted on its own.
        sa.ForeignKeyConstraint(["file_id"], ["files.id"],
                                name=op.f("fk_job_exports_file_id_files")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_exports")),
    )
    op.create_index(op.f("ix_job_exports_job_id"), "job_exports", ["job_id"])
    op.create_index(op.f("ix_job_exports_owner_id"), "job_exports", ["owner_id"])
    op.create_index(op.f("ix_job_exports_file_id"), "job_exports", ["file_id"])


def downgrade() -> None:
    op.drop_table("job_exports")
    op.drop_table("job_status_changes")
    op.drop_constraint(op.f("ck_jobs_known_status"), "jobs", type_="check")
    for column in ("status_changed_at", "status_note", "status_on", "status", "reference_code"):
        op.drop_column("jobs", column)
