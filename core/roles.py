"""The roles an account can hold, named once for the database, the commands and the tools."""

from __future__ import annotations

USER = "user"
ADMIN = "admin"
ROLES = (USER, ADMIN)
