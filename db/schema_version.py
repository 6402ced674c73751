"""Is a database already at the newest migration? Answered without loading Alembic.

Every `tailor serve` upgrades at start, which is a no-op almost always; Alembic still imports
itself and every revision module to find that out (about a quarter of a warm start's Python
work). The revision ids are read here from the revision files' source instead (their
``revision = "..."`` and ``down_revision = ...`` lines), and compared with the database's
``alembic_version``. Anything unusual (a file this cannot read, several heads, a missing table)
answers False, and the caller runs Alembic as before.
"""

from __future__ import annotations

import ast
from pathlib import Path

from sqlalchemy import create_engine, pool, text
from sqlalchemy.exc import ProgrammingError

from db.engine import to_async_url

VERSIONS_DIR = Path(__file__).resolve().parent.parent / "migrations" / "versions"


def _assigned(tree: ast.Module, name: str) -> object:
    for node in tree.body:
        target = node.target if isinstance(node, ast.AnnAssign) else None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
        if isinstance(target, ast.Name) and target.id == name and node.value is not None:
            return ast.literal_eval(node.value)
    raise LookupError(name)


def script_heads(versions_dir: Path = VERSIONS_DIR) -> set[str] | None:
    """The head revision ids of the migration scripts, or None if a file cannot be read so."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in versions_dir.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        try:
            revision = _assigned(tree, "revision")
            down = _assigned(tree, "down_revision")
        except (LookupError, ValueError):
            if path.name == "__init__.py":
                continue
            return None
        if not isinstance(revision, str):
            return None
        revisions.add(revision)
        if isinstance(down, str):
            parents.add(down)
        elif isinstance(down, tuple | list):
            parents.update(down)
        elif down is not None:
            return None
    return revisions - parents or None


def is_at_head(url: str) -> bool:
    """True if the database's revision is exactly the scripts' single head."""
    heads = script_heads()
    if heads is None or len(heads) != 1:
        return False
    engine = create_engine(to_async_url(url), poolclass=pool.NullPool)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT version_num FROM alembic_version")).scalars()
            return set(rows) == heads
    except ProgrammingError:  # no alembic_version table: a new database
        return False
    finally:
        engine.dispose()
