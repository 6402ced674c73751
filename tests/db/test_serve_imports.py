"""`tailor serve` starts the database in a thread while its main thread imports the app: the
database thread must import nothing itself, on a first start, a later one, or one that finds a
database to migrate. Two threads importing the same package at once can hand one of them a
half-initialised package ("No module named 'sqlalchemy.engine.interfaces'", seen once in CI).

Each start runs in a fresh interpreter, where an audit hook notes every module that a thread
other than the main one loads.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = [pytest.mark.db, pytest.mark.timeout(180)]

ROOT = Path(__file__).resolve().parents[2]
START = textwrap.dedent("""
    import json, sys, threading

    loaded = []

    def note(event, args):
        if event == "import" and threading.current_thread() is not threading.main_thread():
            loaded.append(args[0])

    sys.addaudithook(note)
    from assistant.serve import start_database
    from core.settings import Settings
    from db.schema_version import is_at_head

    start = start_database(Settings())
    url, migrated_in_thread = start.future.result()
    in_thread = sorted({name for name in loaded if name in sys.modules})
    url = start.url()
    print(json.dumps({"in_thread": in_thread, "migrated_in_thread": migrated_in_thread,
                      "at_head": is_at_head(url)}))
""")


def start(env_update: dict[str, str]) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TAILOR_", "CHAINLIT_"))}
    env.pop("DATABASE_URL", None)
    env.update(env_update)
    result = subprocess.run([sys.executable, "-c", START], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=150)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_embedded_database_thread_imports_nothing_first_start_or_later(
    embedded_tmp_path: Path,
) -> None:
    env = {"TAILOR_DATA_DIR": str(embedded_tmp_path / "data")}
    first = start(env)
    assert first == {"in_thread": [], "migrated_in_thread": True, "at_head": True}
    assert start(env) == first


def test_a_database_to_migrate_that_was_not_foreseen_migrates_after_the_app_imports(
    make_database, tmp_path: Path,
) -> None:
    # A configured server's new database: nothing says before it answers that it needs
    # migrating, so Alembic was not loaded ahead, and the thread leaves the migration to url().
    outcome = start({"TAILOR_DATABASE_URL": make_database(), "TAILOR_DATA_DIR": str(tmp_path)})
    assert outcome == {"in_thread": [], "migrated_in_thread": False, "at_head": True}
