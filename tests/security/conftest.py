"""Attack tests reuse the tool harness and scripted answers of the database tests."""

from __future__ import annotations

import sys
from pathlib import Path

# tests/db is not a package: its helpers are imported by module name, as its own tests do.
_DB_TESTS = str(Path(__file__).resolve().parent.parent / "db")
if _DB_TESTS not in sys.path:
    sys.path.insert(0, _DB_TESTS)


from e2e.fixtures import in_database, start_server  # noqa: E402 (needs the path above)

__all__ = ["in_database", "start_server"]
