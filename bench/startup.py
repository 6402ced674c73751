"""Cold and warm start of `tailor serve` (embedded PostgreSQL included) and idle memory.

Cold: a new data folder (the embedded server is initialised, migrations run). Warm: the same
folder again. Time is from launching the command to the first HTTP 200 (the setup page);
memory is the resident set of the app processes (tailor, chainlit) and of the embedded
postgres after 5 s idle.

    .venv/bin/python bench/startup.py [runs]
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
TAILOR = Path(sys.executable).with_name("tailor")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def tree_rss_mib(pid: int, data_dir: Path) -> tuple[float, float]:
    """(app tree, embedded postgres) resident memory in MiB, read from /proc.

    pg_ctl detaches the postmaster, so its processes are found by their data folder instead."""
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
    app = postgres = 0.0
    postmasters = []
    for candidate in names:
        try:
            cmdline = Path(f"/proc/{candidate}/cmdline").read_bytes()
        except OSError:
            continue
        if names[candidate] == "postgres" and str(data_dir).encode() in cmdline:
            postmasters.append(candidate)
    for root in postmasters:
        postgres += _sum_rss(root, children)
    app = _sum_rss(pid, children)
    return app, postgres


def _sum_rss(pid: int, children: dict[int, list[int]]) -> float:
    total = 0.0
    todo = [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            status = Path(f"/proc/{current}/status").read_text()
        except OSError:
            continue
        kib = next((int(line.split()[1]) for line in status.splitlines()
                    if line.startswith("VmRSS:")), 0)
        total += kib / 1024
    return total


def one_start(data_dir: Path) -> tuple[float, float, float]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("TAILOR_")}
    env.update(TAILOR_DATA_DIR=str(data_dir), TAILOR_PORT=str(port))
    began = time.perf_counter()
    process = subprocess.Popen(
        [str(TAILOR), "serve"], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        while True:
            if process.poll() is not None:
                raise SystemExit(f"tailor serve exited with {process.returncode}")
            try:
                if httpx.get(f"http://127.0.0.1:{port}/setup", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        ready = time.perf_counter() - began
        time.sleep(5)
        app, postgres = tree_rss_mib(process.pid, data_dir)
        return ready, app, postgres
    finally:
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=30)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    cold, warm, apps, postgres = [], [], [], []
    for _ in range(runs):
        data_dir = Path(tempfile.mkdtemp(prefix="tailor-bench-"))
        try:
            cold.append(one_start(data_dir)[0])
            seconds, app, pg = one_start(data_dir)
            warm.append(seconds)
            apps.append(app)
            postgres.append(pg)
        finally:
            shutil.rmtree(data_dir, ignore_errors=True)
    print(f"runs: {runs}")
    print(f"cold start to first 200 (new data folder): median {statistics.median(cold):.2f} s")
    print(f"warm start to first 200 (existing data):  median {statistics.median(warm):.2f} s")
    print(f"idle resident memory, tailor + chainlit:  median {statistics.median(apps):.0f} MiB")
    print(f"idle resident memory, embedded postgres:  median {statistics.median(postgres):.0f} MiB")


if __name__ == "__main__":
    main()
