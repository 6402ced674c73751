"""`tailor serve --instances N`: N app processes on ports PORT .. PORT+N-1, on one database,
kept running, for a load balancer in front (deploy/haproxy.cfg).

One process uses one core (one event loop), so a machine with several cores serves more with
one instance per core. This is the process manager for that on one machine: it restarts an
instance that dies, and on SIGHUP restarts them one at a time, each only after the one before
answers /health again (a rolling restart: with the balancer's health checks and retries, open
chats move to the other instances and nothing fails). SIGTERM or Ctrl-C stops them all.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

START_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 30.0
# An instance that dies this soon after starting is restarted only after a pause, so a broken
# configuration does not spin.
CRASH_LOOP_S = 10.0
# Chainlit reads these from its app root; each instance gets its own root (its own `.files`
# upload folder, which Chainlit empties when it stops) linking to the project's copies.
SHARED_APP_FILES = (".chainlit", "public", "chainlit.md")


@dataclass
class Instance:
    port: int
    command: list[str]
    app_root: Path
    process: subprocess.Popen | None = None
    started_at: float = 0.0

    def start(self, project_root: Path, env: dict[str, str]) -> None:
        self.app_root.mkdir(parents=True, exist_ok=True)
        for name in SHARED_APP_FILES:
            link = self.app_root / name
            if not link.is_symlink() and not link.exists():
                link.symlink_to(project_root / name)
        self.process = subprocess.Popen(
            self.command, cwd=project_root, env=env | {"CHAINLIT_APP_ROOT": str(self.app_root)},
            start_new_session=True,  # signals come from us only, never the terminal's Ctrl-C
        )
        self.started_at = time.monotonic()

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def healthy(self, host: str) -> bool:
        address = "127.0.0.1" if host in ("0.0.0.0", "") else host.strip("[]")
        if ":" in address:
            address = f"[{address}]"
        try:
            with urllib.request.urlopen(f"http://{address}:{self.port}/health", timeout=2) as r:
                return r.status == 200
        except (urllib.error.URLError, OSError):
            return False


class Supervisor:
    def __init__(self, instances: list[Instance], project_root: Path, env: dict[str, str],
                 host: str) -> None:
        self.instances = instances
        self.project_root = project_root
        self.env = env
        self.host = host
        self.stopping = False
        self.rolling = False

    def _on_stop(self, _signum: int, _frame: FrameType | None) -> None:
        self.stopping = True

    def _on_hangup(self, _signum: int, _frame: FrameType | None) -> None:
        self.rolling = True

    def _say(self, text: str) -> None:
        print(f"tailor serve: {text}", flush=True)

    def _wait_healthy(self, instance: Instance) -> bool:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline and not self.stopping:
            if instance.process is None or instance.process.poll() is not None:
                return False
            if instance.healthy(self.host):
                return True
            time.sleep(0.2)
        return False

    def _rolling_restart(self) -> None:
        self.rolling = False
        self._say("rolling restart: one instance at a time")
        for instance in self.instances:
            if self.stopping:
                return
            instance.stop()
            instance.start(self.project_root, self.env)
            if not self._wait_healthy(instance):
                self._say(f"the instance on port {instance.port} did not come back; "
                          "the rolling restart stops here")
                return
            self._say(f"the instance on port {instance.port} is back")

    def _restart_dead(self) -> None:
        for instance in self.instances:
            status = instance.process.poll() if instance.process else None
            if status is None:
                continue
            self._say(f"the instance on port {instance.port} exited with status {status}; "
                      "starting it again")
            if time.monotonic() - instance.started_at < CRASH_LOOP_S:
                time.sleep(CRASH_LOOP_S)
            instance.start(self.project_root, self.env)

    def run(self) -> int:
        handlers = {signal.SIGINT: self._on_stop, signal.SIGTERM: self._on_stop,
                    signal.SIGHUP: self._on_hangup}
        previous = {sig: signal.signal(sig, handler) for sig, handler in handlers.items()}
        try:
            for instance in self.instances:
                instance.start(self.project_root, self.env)
            while not self.stopping:
                if self.rolling:
                    self._rolling_restart()
                self._restart_dead()
                time.sleep(0.2)
        finally:
            for instance in self.instances:
                instance.stop()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        return 0


def serve_instances(count: int, host: str, first_port: int, data_dir: Path, project_root: Path,
                    app_entry: str, env: dict[str, str]) -> int:
    instances = []
    for port in range(first_port, first_port + count):
        command = [sys.executable, "-m", "chainlit", "run", app_entry, "--headless",
                   "--host", host, "--port", str(port)]
        instances.append(Instance(port, command, data_dir.resolve() / "instances" / str(port)))
    ports = f"{first_port}-{first_port + count - 1}"
    print(f"Tailor is starting {count} instances on http://{host}:{ports}", flush=True)
    return Supervisor(instances, project_root, env, host).run()
