"""Run the real app as `chainlit run assistant/app.py --headless` on a free port, for tests.

Reusable by later end-to-end tests (e.g. with a scripted model server): pass environment
overrides, get a base URL, stop or restart it; the server's output goes to a log file under
``test-artifacts/`` and ``assert_clean_log`` fails on tracebacks and swallowed data-layer errors.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from assistant.cli import without_chainlit_ci_mode

ROOT = Path(__file__).resolve().parents[2]
CHAINLIT = Path(sys.executable).with_name("chainlit")

# Lines that mean something went wrong even though the server kept answering.
LOG_FAILURE_MARKERS = (
    "An error occurred",  # Chainlit's data layer swallowing a SQL error
    "An unexpected error occurred",
    "Database statement failed",  # our data layer's visible version of the same
    "Traceback (most recent call last)",
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class ChainlitServer:
    """One app server process; ``start``/``stop``/``restart`` keep the same port and log."""

    database_url: str
    log_path: Path
    env_overrides: dict[str, str] = field(default_factory=dict)
    auth_secret: str = "test-auth-secret-" + "x" * 40
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def environment(self) -> dict[str, str]:
        env = {
            key: value
            for key, value in without_chainlit_ci_mode(os.environ).items()
            # Chainlit turns on its own asyncpg layer when it sees DATABASE_URL.
            if key != "DATABASE_URL" and not key.startswith("TAILOR_")
        }
        env.update(
            TAILOR_DATABASE_URL=self.database_url,
            TAILOR_DATA_DIR=str(self.app_root / "data"),
            CHAINLIT_APP_ROOT=str(self.app_root),
            CHAINLIT_AUTH_SECRET=self.auth_secret,
            PYTHONUNBUFFERED="1",
        )
        env.update(self.env_overrides)
        return env

    @property
    def app_root(self) -> Path:
        return self.log_path.parent / f"app-{self.port}"

    def _prepare_app_root(self) -> None:
        """Chainlit keeps uploads in ``$CHAINLIT_APP_ROOT/.files`` and deletes that whole folder
        when it stops, so servers sharing the repository root break each other's uploads. Each
        test server gets its own root that links to the project's configuration."""
        self.app_root.mkdir(parents=True, exist_ok=True)
        for name in (".chainlit", "public", "chainlit.md"):
            link = self.app_root / name
            if not link.is_symlink():
                link.symlink_to(ROOT / name)

    def start(self, timeout_s: float = 120.0) -> None:
        assert self.process is None, "server already running"
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._prepare_app_root()
        log = self.log_path.open("ab")
        command = [str(CHAINLIT), "run", "assistant/app.py", "--headless"]
        command += ["--host", "127.0.0.1", "--port", str(self.port)]
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=self.environment(), stdout=log, stderr=subprocess.STDOUT
        )
        log.close()
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited at start:\n{self.log_text()[-4000:]}")
            try:
                if httpx.get(f"{self.base_url}/health", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"server did not answer within {timeout_s}s:\n{self.log_text()[-4000:]}")

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None

    def kill(self) -> None:
        """``kill -9``: the instance dies mid-whatever, as in a crash or a lost machine."""
        assert self.process is not None, "the server is not running"
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)
        self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def assert_clean_log(self) -> None:
        text = self.log_text()
        found = [marker for marker in LOG_FAILURE_MARKERS if marker in text]
        assert not found, f"server log {self.log_path} contains {found}:\n{text[-6000:]}"
