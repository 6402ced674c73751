"""`tailor serve --instances 2` behind HAProxy on the embedded database: one command runs both
instances on one PostgreSQL, brings back an instance that dies, and restarts them one at a time
on SIGHUP while a person chats through the balancer."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from support.scripted_llm_process import ScriptedLLMProcess

from e2e.balancer import COOKIE, HAProxy
from e2e.client import ChatClient
from e2e.server import LOG_FAILURE_MARKERS, free_port
from e2e.test_balancer import Poller, reconnect
from e2e.test_journey import say, turn

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(300)]

TAILOR = str(Path(sys.executable).parent / "tailor")
ADMIN, PASSWORD = "admin", "tangerine kettle marathon"


def two_free_ports() -> int:
    """A port whose next one is free too (`--instances 2` takes PORT and PORT+1)."""
    while True:
        port = free_port()
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port + 1))
            except OSError:
                continue
        return port


def instance_pids(parent: int) -> dict[int, int]:
    """The instances `tailor serve` runs, by port: its children's `--port` arguments."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            arguments = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == parent and b"--port" in arguments:
            found[int(arguments[arguments.index(b"--port") + 1])] = int(entry.name)
    return found


def sign_in(proxy: HAProxy) -> tuple[str, str]:
    import httpx

    with httpx.Client(base_url=proxy.base_url, timeout=30) as client:
        response = client.post("/login", data={"username": ADMIN, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return response.cookies["access_token"], response.cookies[COOKIE]


async def test_serve_instances_restarts_a_dead_one_and_rolls_on_sighup(
    embedded_tmp_path: Path, artifacts_dir: Path, tmp_path: Path
) -> None:
    port = two_free_ports()
    env = {k: v for k, v in os.environ.items() if not k.startswith("TAILOR_")}
    env.pop("DATABASE_URL", None)
    env.pop("CHAINLIT_AUTH_SECRET", None)
    log = artifacts_dir / f"tailor-serve-instances-{port}.log"
    with ScriptedLLMProcess() as llm:
        env.update(TAILOR_DATA_DIR=str(embedded_tmp_path / "data"), TAILOR_PORT=str(port),
                   PYTHONUNBUFFERED="1", OPENAI_BASE_URL=llm.base_url, OPENAI_API_KEY="key",
                   TAILOR_MODEL_NAME="scripted", TAILOR_TRUSTED_PROXIES="127.0.0.1")
        created = subprocess.run([TAILOR, "create-admin", ADMIN, "--password-stdin"], env=env,
                                 input=PASSWORD, capture_output=True, text=True, timeout=120)
        assert created.returncode == 0, created.stderr
        with log.open("wb") as out:
            serve = subprocess.Popen([TAILOR, "serve", "--instances", "2"], env=env, stdout=out,
                                     stderr=subprocess.STDOUT)
        proxy = HAProxy([port, port + 1], tmp_path / "haproxy")
        try:
            proxy.start(timeout_s=120)
            for name in ("tailor1", "tailor2"):
                await asyncio.to_thread(proxy.wait_until_state, name, "UP", 120)
            first = instance_pids(serve.pid)
            assert sorted(first) == [port, port + 1], first

            # Both instances share the embedded database: signed in on one, chatting on the other.
            token, holder = sign_in(proxy)
            other = "tailor2" if holder == "tailor1" else "tailor1"
            chat = ChatClient(proxy.base_url, token, cookies={COOKIE: other})
            await chat.connect()
            assert chat.refused is None, chat.refused
            assert await turn(chat, llm, "Hello.", say("Hi.")) == ["Hi."]

            # An instance killed outright is started again.
            victim = port if other == "tailor1" else port + 1
            os.kill(first[victim], signal.SIGKILL)
            await asyncio.to_thread(proxy.wait_for, lambda: not chat.sio.connected, 60,
                                    "the socket to drop")
            await asyncio.to_thread(
                proxy.wait_for, lambda: instance_pids(serve.pid).get(victim) not in (
                    None, first[victim]), 60, "the dead instance to be started again")
            chat = await reconnect(chat)
            assert await turn(chat, llm, "Still there?", say("Yes.")) == ["Yes."]
            await asyncio.to_thread(proxy.wait_until_state, other, "UP", 120)

            # SIGHUP: a rolling restart; requests through the balancer never fail meanwhile.
            before = instance_pids(serve.pid)
            with Poller(proxy.base_url, token) as poller:
                serve.send_signal(signal.SIGHUP)
                await asyncio.to_thread(
                    proxy.wait_for, lambda: log.read_text().count(" is back") >= 2, 240,
                    "both instances to be restarted")
            after = instance_pids(serve.pid)
            assert sorted(after) == [port, port + 1]
            assert not set(after.values()) & set(before.values()), "every instance is new"
            assert poller.count > 20
            assert poller.failures == [], poller.failures
            chat = await reconnect(chat)
            assert await turn(chat, llm, "And now?", say("Still here.")) == ["Still here."]
            await chat.close()
        finally:
            proxy.stop()
            serve.send_signal(signal.SIGTERM)
            status = serve.wait(timeout=60)
    assert status == 0, log.read_text()[-3000:]
    assert not instance_pids(serve.pid)
    text = log.read_text()
    assert "exited with status -9; starting it again" in text
    found = [marker for marker in LOG_FAILURE_MARKERS if marker in text]
    assert not found, f"{log} contains {found}:\n{text[-6000:]}"
