"""`tailor requirements` and `tailor match` on files: no database, settings or model needed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli import main

ROOT = Path(__file__).resolve().parents[2]
POSTING = ROOT.parent / "shared" / "fixtures" / "jobs" / "resumematcher__e2e_backend-eng.txt"
RESUME = ROOT / "evals" / "occupations" / "resumes" / "backend_engineer.md"
TEACHER = ROOT / "evals" / "occupations" / "resumes" / "primary_english_teacher.md"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as stop:
        main(list(argv))
    out, err = capsys.readouterr()
    return int(stop.value.code or 0), out, err


def test_requirements_lists_kinds_spans_and_required(capsys) -> None:
    status, out, _ = _run(capsys, "requirements", str(POSTING))
    assert status == 0
    assert "- [tool] Python — required — at " in out
    assert "[years] 4+ years — required" in out
    assert "(any one of: GitHub Actions, CircleCI)" in out


def test_requirements_json_spans_point_into_the_posting(capsys) -> None:
    status, out, _ = _run(capsys, "requirements", str(POSTING), "--json")
    posting = POSTING.read_text(encoding="utf-8")
    found = json.loads(out)["requirements"]
    assert status == 0 and found
    for item in found:
        for start, end in item["spans"]:
            assert posting[start:end].strip()


def test_match_shows_score_parts_and_evidence(capsys) -> None:
    status, out, _ = _run(capsys, "match", str(RESUME), str(POSTING))
    assert status == 0
    assert out.startswith("**Match score: ") and "Parts: required " in out
    assert "Experience · Senior Backend Engineer at Parcelwise Inc." in out
    status, out, _ = _run(capsys, "match", str(RESUME), str(POSTING), "--json")
    report = json.loads(out)
    assert {p["part"] for p in report["parts"]} >= {"required", "years/level/degree"}
    assert all(m["bucket"] in ("shown", "listed") for m in report["matched"])


def test_a_teacher_scores_low_against_an_engineering_posting(capsys) -> None:
    _, out, _ = _run(capsys, "match", str(TEACHER), str(POSTING), "--json")
    assert json.loads(out)["score"] < 20


def test_match_reads_a_json_resume(capsys, tmp_path: Path) -> None:
    resume = tmp_path / "resume.json"
    resume.write_text(json.dumps({
        "basics": {"name": "Ada Example"},
        "work": [{"name": "Acme", "position": "Backend Engineer", "startDate": "2019-01",
                  "highlights": ["Built FastAPI services on Kubernetes with Redis caching"]}],
    }), encoding="utf-8")
    status, out, _ = _run(capsys, "match", str(resume), str(POSTING), "--json")
    assert status == 0
    matched = {m["text"] for m in json.loads(out)["matched"]}
    assert {"FastAPI", "Kubernetes", "Redis"} <= matched


def test_a_missing_file_is_one_clear_line(capsys) -> None:
    status, _, err = _run(capsys, "match", "no-such-resume.md", str(POSTING))
    assert status == 1
    assert err.strip() == "tailor: no-such-resume.md: no such file. Check the path and try again."


def test_it_runs_without_any_database_configured(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TAILOR_")}
    env["TAILOR_DATABASE_URL"] = "postgresql://nobody@127.0.0.1:1/none"  # unreachable on purpose
    done = subprocess.run([sys.executable, "-c", "from assistant.cli import main; main()",
                           "requirements", str(POSTING)],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "requirements read from" in done.stdout
