"""Cold and warm start of `tailor serve` (embedded PostgreSQL included) and idle memory, against
a baseline measured in the same run.

Cold: a new data folder (the embedded server is initialised, migrations run). Warm: the same
folder again. Time is from launching the command to the first HTTP 200 (the setup page).
Memory is read 5 s after that, with nobody signed in: the resident set (RSS) and the
proportional set (PSS, shared pages split between the processes that map them) of the app's
processes and of the embedded postgres processes.

The baseline is the same measurement on another commit (default: main), unpacked into a
temporary folder with `git archive` and run with this virtual environment; runs alternate
between the two so that a busy machine slows both alike. Also printed: how long
`python -c 'import chainlit'` takes here, the floor any Chainlit app starts from.

    .venv/bin/python bench/startup.py [--runs N] [--baseline REF | --no-baseline]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
# Runs `tailor serve` from the checkout given as the working directory (ahead of the editable
# install on sys.path), so a baseline commit runs its own code.
SERVE = "import sys; sys.path.insert(0, '.'); from assistant.cli import main; main(['serve'])"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _processes() -> tuple[dict[int, list[int]], dict[int, str]]:
    children: dict[int, list[int]] = {}
    names: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
        names[int(entry.name)] = stat.split("(", 1)[1].split(")", 1)[0]
    return children, names


def _tree(pid: int, children: dict[int, list[int]]) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def _rss_pss_mib(pid: int) -> tuple[float, float]:
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0.0, 0.0
    fields = {line.split(":")[0]: int(line.split()[1]) for line in rollup.splitlines()[1:]}
    return fields.get("Rss", 0) / 1024, fields.get("Pss", 0) / 1024


def memory_mib(pid: int, data_dir: Path) -> dict[str, float]:
    """RSS and PSS of the app's process tree and of the embedded postgres.

    pg_ctl detaches the postmaster, so its processes are found by their data folder instead."""
    children, names = _processes()
    postmasters = []
    for candidate, name in names.items():
        if name != "postgres":
            continue
        try:
            cmdline = Path(f"/proc/{candidate}/cmdline").read_bytes()
        except OSError:
            continue
        if str(data_dir).encode() in cmdline:
            postmasters.append(candidate)
    postgres = [p for root in postmasters for p in _tree(root, children)]
    totals = {"app_rss": 0.0, "app_pss": 0.0, "pg_rss": 0.0, "pg_pss": 0.0}
    for kind, pids in (("app", _tree(pid, children)), ("pg", postgres)):
        for one in pids:
            rss, pss = _rss_pss_mib(one)
            totals[f"{kind}_rss"] += rss
            totals[f"{kind}_pss"] += pss
    return totals


def one_start(checkout: Path, data_dir: Path) -> tuple[float, dict[str, float]]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TAILOR_", "CHAINLIT_"))}
    env.update(TAILOR_DATA_DIR=str(data_dir), TAILOR_PORT=str(port))
    began = time.perf_counter()
    process = subprocess.Popen(
        [PYTHON, "-c", SERVE], cwd=checkout, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        while True:
            if process.poll() is not None:
                raise SystemExit(f"tailor serve ({checkout}) exited with {process.returncode}")
            try:
                if httpx.get(f"http://127.0.0.1:{port}/setup", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.02)
        ready = time.perf_counter() - began
        time.sleep(5)
        return ready, memory_mib(process.pid, data_dir)
    finally:
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=30)
        time.sleep(0.5)  # the embedded server stopping must not overlap the next start


@dataclass
class Figures:
    cold: list[float] = field(default_factory=list)
    warm: list[float] = field(default_factory=list)
    memory: list[dict[str, float]] = field(default_factory=list)

    def measure(self, checkout: Path) -> None:
        data_dir = Path(tempfile.mkdtemp(prefix="tailor-bench-"))
        try:
            self.cold.append(one_start(checkout, data_dir)[0])
            seconds, memory = one_start(checkout, data_dir)
            self.warm.append(seconds)
            self.memory.append(memory)
        finally:
            shutil.rmtree(data_dir, ignore_errors=True)

    def row(self, name: str) -> str:
        mem = {key: statistics.median(m[key] for m in self.memory) for key in self.memory[0]}
        cold, warm = statistics.median(self.cold), statistics.median(self.warm)
        return (
            f"{name:<10} {cold:6.2f} s {warm:6.2f} s"
            f"   app {mem['app_rss']:4.0f}/{mem['app_pss']:4.0f}"
            f"   postgres {mem['pg_rss']:3.0f}/{mem['pg_pss']:3.0f}"
            f"   total {mem['app_rss'] + mem['pg_rss']:4.0f}/{mem['app_pss'] + mem['pg_pss']:4.0f}"
        )


def unpack(ref: str, into: Path) -> Path:
    archive = subprocess.run(
        ["git", "archive", ref], cwd=ROOT, capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter=_data_or_skip)
    return into


def _data_or_skip(member: tarfile.TarInfo, path: str) -> tarfile.TarInfo | None:
    """tarfile's safe "data" filter, skipping what it refuses (a committed link to an absolute
    path, such as .venv-docs) instead of failing: the app does not need it to start."""
    try:
        return tarfile.data_filter(member, path)
    except tarfile.FilterError:
        return None


def import_chainlit_seconds(runs: int) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run([PYTHON, "-c", "import chainlit"], cwd=ROOT, check=True)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline", default="main", help="git ref to compare with")
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()
    candidates = {"this": ROOT}
    with tempfile.TemporaryDirectory(prefix="tailor-baseline-") as folder:
        if not args.no_baseline:
            candidates[args.baseline] = unpack(args.baseline, Path(folder))
        figures = {name: Figures() for name in candidates}
        for _ in range(args.runs):
            for name, checkout in candidates.items():
                figures[name].measure(checkout)
        floor = import_chainlit_seconds(args.runs)
    print(f"runs: {args.runs} (medians); memory in MiB as RSS/PSS, 5 s idle, nobody signed in")
    print(f"{'':<10} {'cold':>8} {'warm':>8}")
    for name in candidates:
        print(figures[name].row(name))
    print(f"python -c 'import chainlit': {floor:.2f} s")


if __name__ == "__main__":
    main()
