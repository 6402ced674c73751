"""`tailor serve` end to end: embedded database, the real app, a clean stop on SIGTERM."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil
import pytest
from e2e.client import ChatClient
from support.scripted_llm_process import ScriptedLLMProcess

pytestmark = [pytest.mark.db, pytest.mark.e2e]

TAILOR = str(Path(sys.executable).parent / "tailor")
PASSWORD = "tangerine kettle marathon"
OPERATOR_KEY = "sk-operator-key-for-the-instance"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_health(base_url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, f"tailor serve exited early:\n{log.read_text()[-4000:]}"
        try:
            if httpx.get(f"{base_url}/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"no answer from {base_url}:\n{log.read_text()[-4000:]}")


async def test_serve_runs_the_app_on_the_embedded_database_and_stops_cleanly(
    embedded_tmp_path: Path, artifacts_dir: Path
) -> None:
    data_dir = embedded_tmp_path / "data"
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("TAILOR_")}
    env.pop("DATABASE_URL", None)
    env.pop("CHAINLIT_AUTH_SECRET", None)
    llm = ScriptedLLMProcess({"rules": [{"when_user_says": "hello", "reply": {"text": "Hi."}}]})
    llm.start()
    # CI=true, as on CI runners and some platforms: Chainlit's CI mode would swap the
    # operator's OPENAI_API_KEY for a fake one if `tailor serve` passed it on.
    env.update(TAILOR_DATA_DIR=str(data_dir), TAILOR_PORT=str(port), PYTHONUNBUFFERED="1",
               CI="true", OPENAI_BASE_URL=llm.base_url, OPENAI_API_KEY=OPERATOR_KEY,
               TAILOR_MODEL_NAME="scripted")
    created = subprocess.run(
        [TAILOR, "create-admin", "admin", "--password-stdin"],
        env=env, input=PASSWORD, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert created.returncode == 0, created.stderr

    log = artifacts_dir / f"tailor-serve-{port}.log"
    with log.open("wb") as out:
        serve = subprocess.Popen([TAILOR, "serve"], env=env, stdout=out, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_for_health(base_url, serve, log)
        assert (data_dir / "pg" / "postmaster.pid").exists()
        # One process serves: the pid a service manager watches is the one listening, with no
        # second interpreter under it (only the embedded server's processes, which pg_ctl
        # detaches, run beside it).
        listening = {c.laddr.port for c in psutil.Process(serve.pid).net_connections()
                     if c.status == psutil.CONN_LISTEN}
        assert port in listening
        assert not [child for child in psutil.Process(serve.pid).children(recursive=True)
                    if "python" in child.name()]
        # The app reached the embedded database and signs the admin in with the generated secret.
        login = httpx.post(
            f"{base_url}/login", data={"username": "admin", "password": PASSWORD}, timeout=10
        )
        assert login.status_code == 200, login.text
        assert "access_token" in login.cookies
        refused = httpx.post(
            f"{base_url}/login", data={"username": "admin", "password": "wrong"}, timeout=10
        )
        assert refused.status_code == 401
        chat = ChatClient(base_url, login.cookies["access_token"])
        await chat.connect()
        assert (await chat.send("hello", timeout_s=30))[-1] == "Hi."
        await chat.close()
        assert [r.bearer_token for r in llm.requests()] == [OPERATOR_KEY]
    finally:
        serve.send_signal(signal.SIGTERM)
        status = serve.wait(timeout=30)
        llm.stop()

    assert status in (0, -signal.SIGTERM, 128 + signal.SIGTERM), log.read_text()[-3000:]
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{base_url}/health", timeout=1)
    # The embedded server stopped with `tailor serve`; its data stays for the next start.
    assert not (data_dir / "pg" / "postmaster.pid").exists()
    assert (data_dir / "pg" / "PG_VERSION").exists()
    assert "Traceback" not in log.read_text()


def test_a_stop_while_starting_leaves_no_database_server_behind(
    embedded_tmp_path: Path, artifacts_dir: Path
) -> None:
    # A service manager may stop Tailor while it is still starting (the database is up, the app
    # still loading): the embedded server must stop with it, not run on orphaned.
    data_dir = embedded_tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith("TAILOR_")}
    env.pop("CHAINLIT_AUTH_SECRET", None)
    env.update(TAILOR_DATA_DIR=str(data_dir), TAILOR_PORT=str(free_port()))
    log = artifacts_dir / "tailor-serve-stopped-while-starting.log"
    with log.open("wb") as out:
        serve = subprocess.Popen([TAILOR, "serve"], env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while not (data_dir / "pg" / "postmaster.pid").exists():
            assert serve.poll() is None and time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(0.05)
    finally:
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=60)
    assert not (data_dir / "pg" / "postmaster.pid").exists(), log.read_text()[-3000:]
    assert "Traceback" not in log.read_text()
