"""Programmatic Alembic: upgrade and downgrade a database given its URL.

Safe to call from inside a running event loop: migrations use a synchronous psycopg engine.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from db.engine import to_async_url

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # Passed as an attribute, not an ini option: configparser would choke on '%' in passwords.
    config.attributes["url"] = to_async_url(url)
    return config


def upgrade(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str) -> None:
    command.downgrade(alembic_config(url), revision)
