"""`tailor parse-resume`: the deterministic read of a file, for scripts, with no database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.cli import run

PDF = "resumes/pdf/offlinecv__unknown__single-column-endash-title-company.pdf"


def test_json_gives_the_resume_the_unplaced_lines_and_the_fidelity_report(
    fixtures_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # No database and no settings are needed: a broken database URL changes nothing.
    monkeypatch.setenv("TAILOR_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    assert run(["parse-resume", str(fixtures_dir / PDF), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    contact = out["resume"]["personal"]["contact"]
    assert (contact["name"], contact["phone"]) == ("DANA WHITFIELD", "(312) 555-0142")
    assert [(role["title"], role["company"]) for role in out["resume"]["roles"]] == [
        ("Software Engineer", "Globex Systems LLC"), ("Data Analyst", "Initech Analytics")]
    assert out["unplaced"] == []
    assert out["fidelity"]["unsupported"] == []
    assert out["fidelity"]["word_share"] == 1.0


def test_plain_output_names_the_sections(fixtures_dir: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["parse-resume", str(fixtures_dir / PDF)]) == 0
    out = capsys.readouterr().out
    assert "Lines not placed (0):" in out
    assert "Fidelity: " in out


def test_a_refused_file_exits_2_with_the_refusal(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"\xff\xd8\xff\xe0\0\x10JFIF" + b"\0" * 64)
    assert run(["parse-resume", str(scan)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("scan.pdf is an image (a photo or a scanned page).")
