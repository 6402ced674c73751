"""The modules that running the migrations imports, named without running them.

`tailor serve` migrates in a thread while its main thread imports the app. Two threads importing
the same package at once can hand one of them a half-initialised package ("No module named
'sqlalchemy.engine.interfaces'", seen once in CI), so the main thread imports these first, and
the migration thread then finds them all loaded. The migrations' own imports are read from
their source, so a new revision's imports are covered without a list to keep up to date.
"""

from __future__ import annotations

import ast
from pathlib import Path

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
# What an upgrade loads beyond the migrations' own imports: Alembic's command and runtime, and
# what those load only once they run (tests/db/test_serve_imports.py finds any left out).
RUNNER_MODULES = (
    "db.migrate",
    "alembic.command",
    "alembic.context",
    "alembic.op",
    "alembic.runtime.environment",
    "alembic.runtime.migration",
    "alembic.ddl.postgresql",
)


def _imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def migration_modules(migrations_dir: Path = MIGRATIONS_DIR) -> list[str]:
    """Alembic's runner, then every module env.py and the revision files import, once each."""
    names = list(RUNNER_MODULES)
    for path in [migrations_dir / "env.py", *sorted((migrations_dir / "versions").glob("*.py"))]:
        names.extend(_imports(path))
    return [name for name in dict.fromkeys(names) if name != "__future__"]
