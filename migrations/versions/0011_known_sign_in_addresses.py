"""Known sign-in addresses: an account's own addresses are never held back by strangers' failures.

Lockout is now per (account, address) pair, per address, and a slower back-off per account that
does not apply where the account signed in before (issue 21).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04 14:10:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "known_sign_in_addresses",
        sa.Column("account_id", sa.UUID(), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("last_success_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"],
            name=op.f("fk_known_sign_in_addresses_account_id_accounts"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("account_id", "address", name=op.f("pk_known_sign_in_addresses")),
    )
    # The old per-account counters hard-locked the account for everyone; they mean something
    # else now (a back-off for new addresses), so start them afresh.
    op.execute("DELETE FROM login_failures WHERE key LIKE 'user:%'")


def downgrade() -> None:
    op.drop_table("known_sign_in_addresses")
