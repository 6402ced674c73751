"""Import fidelity: the check of an imported resume against its file, kept with the draft and the
resume, and the file's own version of a model-read draft for the person to choose instead.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 15:00:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("resume_drafts", sa.Column("fidelity", postgresql.JSONB(), nullable=True))
    op.add_column("resume_drafts", sa.Column("file_markdown", sa.Text(), nullable=True))
    op.add_column("resumes", sa.Column("fidelity", postgresql.JSONB(), nullable=True))


def downgrade() -> None:
    op.drop_column("resumes", "fidelity")
    op.drop_column("resume_drafts", "file_markdown")
    op.drop_column("resume_drafts", "fidelity")
