"""The quick head check reads revision ids from the scripts, and gives up on anything unusual
(then `tailor serve` runs Alembic as before)."""

from __future__ import annotations

from pathlib import Path

from db.schema_version import script_heads


def write(folder: Path, name: str, body: str) -> None:
    (folder / name).write_text(body)


def test_a_chain_has_its_last_revision_as_head(tmp_path: Path) -> None:
    write(tmp_path, "__init__.py", "")
    write(tmp_path, "0001_a.py", 'revision: str = "0001"\ndown_revision: str | None = None\n')
    write(tmp_path, "0002_b.py", 'revision = "0002"\ndown_revision = "0001"\n')
    assert script_heads(tmp_path) == {"0002"}


def test_a_merge_revision_closes_two_branches(tmp_path: Path) -> None:
    write(tmp_path, "a.py", 'revision = "a"\ndown_revision = None\n')
    write(tmp_path, "b.py", 'revision = "b"\ndown_revision = "a"\n')
    write(tmp_path, "c.py", 'revision = "c"\ndown_revision = "a"\n')
    assert script_heads(tmp_path) == {"b", "c"}
    write(tmp_path, "d.py", 'revision = "d"\ndown_revision = ("b", "c")\n')
    assert script_heads(tmp_path) == {"d"}


def test_a_revision_id_that_is_not_a_plain_string_gives_up(tmp_path: Path) -> None:
    write(tmp_path, "a.py", 'revision = "a"\ndown_revision = None\n')
    write(tmp_path, "b.py", 'revision = make_id()\ndown_revision = "a"\n')
    assert script_heads(tmp_path) is None

