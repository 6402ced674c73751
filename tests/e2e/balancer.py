"""HAProxy from Debian's package in front of app servers, run from deploy/haproxy.cfg itself.

Only the addresses change: the front end's port, the instances' ports and the runtime API's
socket; timeouts, stickiness, health checks, retries and the body cap are the file's own.
Reusable by the benchmark (bench/load.py --instances).
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from support.scripted_llm_process import ScriptedLLMProcess

from e2e.server import ROOT, ChainlitServer, free_port

CONFIG = ROOT / "deploy" / "haproxy.cfg"
COOKIE = "TAILOR_INSTANCE"


def haproxy_binary() -> str:
    found = shutil.which("haproxy") or next(
        (p for p in ("/usr/sbin/haproxy", "/sbin/haproxy") if Path(p).exists()), None)
    if found is None:
        raise RuntimeError("haproxy is not installed: run scripts/system-deps.sh (make test does)")
    return found


def render_config(backend_ports: list[int], front_port: int, admin_socket: Path) -> str:
    """deploy/haproxy.cfg with these ports: instance ``tailorN`` listens on backend_ports[N-1]."""
    text = CONFIG.read_text()
    text = re.sub(r"(?m)^(\s*bind )\S+$", rf"\g<1>127.0.0.1:{front_port}", text, count=1)
    text = re.sub(r"(?m)^(\s*stats socket )\S+", rf"\g<1>{admin_socket}", text, count=1)
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if line.strip().startswith("server "))
    indent = lines[first][: len(lines[first]) - len(lines[first].lstrip())]
    kept = [line for line in lines if not line.strip().startswith("server ")]
    servers = [f"{indent}server tailor{n} 127.0.0.1:{port} cookie tailor{n}"
               for n, port in enumerate(backend_ports, start=1)]
    return "\n".join(kept[:first] + servers + kept[first:]) + "\n"


@dataclass
class HAProxy:
    """One HAProxy process; ``states()`` reads what its health checks think of each instance."""

    backend_ports: list[int]
    work_dir: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def admin_socket(self) -> Path:
        return self.work_dir / "haproxy-admin.sock"

    @property
    def log_path(self) -> Path:
        return self.work_dir / "haproxy.log"

    def start(self, timeout_s: float = 30.0) -> None:
        self.work_dir.mkdir(parents=True, exist_ok=True)
        config = self.work_dir / "haproxy.cfg"
        config.write_text(render_config(self.backend_ports, self.port, self.admin_socket))
        with self.log_path.open("ab") as log:
            # -db: stay in the foreground, so the test owns the process.
            self.process = subprocess.Popen([haproxy_binary(), "-db", "-f", str(config)],
                                            stdout=log, stderr=subprocess.STDOUT)
        self.wait_for(lambda: self._answers(), timeout_s, "HAProxy to answer /health")

    def _answers(self) -> bool:
        if self.process is not None and self.process.poll() is not None:
            raise RuntimeError(f"haproxy exited:\n{self.log_path.read_text()[-3000:]}")
        try:
            return httpx.get(f"{self.base_url}/health", timeout=2).status_code == 200
        except httpx.TransportError:
            return False

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

    def command(self, line: str) -> str:
        """One command on HAProxy's runtime API (the admin socket)."""
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.settimeout(5)
            client.connect(str(self.admin_socket))
            client.sendall(line.encode() + b"\n")
            chunks = []
            while chunk := client.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks).decode()

    def stats(self, column: str) -> dict[str, str]:
        """One column of HAProxy's statistics for each instance (``show stat``)."""
        rows = self.command("show stat").splitlines()
        header = rows[0].lstrip("# ").split(",")
        found = {}
        for row in rows[1:]:
            values = dict(zip(header, row.split(","), strict=False))
            if values.get("pxname") == "tailor" and values.get("svname", "").startswith("tailor"):
                found[values["svname"]] = values[column]
        return found

    def states(self) -> dict[str, str]:
        """Each instance's status as the health checks see it: UP, DOWN, "UP 1/2", ..."""
        return self.stats("status")

    def wait_until_state(self, name: str, state: str, timeout_s: float = 60.0) -> None:
        self.wait_for(lambda: self.states().get(name) == state, timeout_s,
                      f"HAProxy to see {name} {state} (now {self.states()})")

    @staticmethod
    def wait_for(condition, timeout_s: float, what: str) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if condition():
                return
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}")


def model_env(llm: ScriptedLLMProcess) -> dict[str, str]:
    """The scripted model for the app servers, with the default model timeout (minutes): a turn
    held at the model must still be running when the test acts on it, however slow the machine."""
    return {"OPENAI_BASE_URL": llm.base_url, "OPENAI_API_KEY": "test-key",
            "TAILOR_MODEL_NAME": "scripted"}


@pytest.fixture
def balanced(start_server, tmp_path: Path) -> Iterator[Callable[..., tuple[list, HAProxy]]]:
    """``balanced(n, **env)``: n app servers on the test's database behind HAProxy."""
    proxies: list[HAProxy] = []

    def start(count: int, **env: str) -> tuple[list[ChainlitServer], HAProxy]:
        # As docs/deploy.md says: the balancer's X-Forwarded-For is believed.
        servers = [start_server(TAILOR_TRUSTED_PROXIES="127.0.0.1", **env) for _ in range(count)]
        proxy = HAProxy([s.port for s in servers], tmp_path / "haproxy")
        proxies.append(proxy)
        proxy.start()
        for number in range(1, count + 1):
            proxy.wait_until_state(f"tailor{number}", "UP")
        return servers, proxy

    yield start
    for proxy in proxies:
        proxy.stop()
