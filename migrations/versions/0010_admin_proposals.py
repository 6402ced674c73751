"""Every state-changing admin action waits for a button: confirmations carry what they will do.

A confirmation now stores the proposed change itself (``params``), so the click does exactly what
the button showed and nothing the browser sends can alter it; actions without an existing target
account (create an account, the default model) have no ``target_id``.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 14:00:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "admin_confirmations",
        sa.Column("params", postgresql.JSONB(), server_default=sa.text("'{}'::jsonb"),
                  nullable=False),
    )
    op.alter_column("admin_confirmations", "target_id", nullable=True)


def downgrade() -> None:
    op.execute("DELETE FROM admin_confirmations WHERE target_id IS NULL")
    op.alter_column("admin_confirmations", "target_id", nullable=False)
    op.drop_column("admin_confirmations", "params")
