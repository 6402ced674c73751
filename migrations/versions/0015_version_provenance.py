"""Per-bullet provenance of a generated version: the source lines each tailored bullet rests on,
and the person's accept/revert decisions, kept with the immutable version for the canvas.

Revision ID: 0015
Revises: 0012
Create Date: 2026-12-04 17:00:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("generated_documents",
                  sa.Column("provenance", postgresql.JSONB(), nullable=True))


def downgrade() -> None:
    op.drop_column("generated_documents", "provenance")
