"""Concurrent signed-in chat sessions against one app server, with the scripted model at a fixed
latency. Not part of the test suite: run it by hand for the figures in docs/deploy.md.

Each session is its own account and socket.io connection (a browser tab) and runs a short
journey: "Show my resume" (model -> show_resume tool -> model reply) and "Export my resume as
Markdown" (model -> export_document -> reply with a file). Per level it prints turns per second,
errors, the latency the app adds on top of the model (time to first streamed token minus the two
model calls' fixed delay) at p50/p95/p99, the servers' resident memory (total, and per
session above the idle figure) and their CPU time per turn. The load generator runs on the
same 2 cores as the server, so its own work is inside the added latency: the figures are an
upper bound.

    .venv/bin/python bench/load.py [--think S] [--rounds N] [--instances 1,2,3] [levels...]
    (default levels: 10 50 100 200)

Without --think every session sends its next message as soon as the last answer ends (a
throughput test: the server is saturated). With --think S each session starts at a random
moment within S seconds and waits S seconds between its messages, like a person reading.
With --rounds N each session runs the journey N times (more samples at small levels).
With --instances 1,2,3 the levels run through HAProxy (deploy/haproxy.cfg, as
tests/e2e/balancer.py starts it) in front of 1, then 2, then 3 app servers on the same database,
one after the other in the same run; RSS is then the sum over the instances.
"""

from __future__ import annotations

import asyncio
import random
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psutil
import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]

from e2e.balancer import HAProxy  # noqa: E402
from e2e.client import ChatClient  # noqa: E402
from e2e.server import ChainlitServer  # noqa: E402
from support.scripted_llm_process import ScriptedLLMProcess  # noqa: E402

ADMIN_DSN = "postgresql://postgres@127.0.0.1:5432/postgres"
MODEL_DELAY_S = 0.2  # every model call waits this long before its first byte
MODEL_CALLS_PER_TURN = 2  # the tool call, then the answer
PASSWORD = "load bench password 42"
RESUME_MD = """\
# Personal

## Contact Information

Name: Mara Quillon

# Experience

## Roles

### Role

#### Basics

Company: Riverbend Logistics
Title: Data Engineer
Start date: 03/2021

#### Responsibilities

* Built the nightly Airflow pipelines that feed the billing warehouse
"""
SCRIPT = {
    "rules": [
        {"when_user_says": "Show my resume",
         "reply": {"tool_calls": [{"name": "show_resume", "arguments": {}}],
                   "delay_s": MODEL_DELAY_S}},
        {"when_user_says": "Export my resume",
         "reply": {"tool_calls": [{"name": "export_document",
                                   "arguments": {"format": "markdown"}}],
                   "delay_s": MODEL_DELAY_S}},
        {"when_tool_result_for": "show_resume",
         "reply": {"text": "Here is your resume as it stands.", "delay_s": MODEL_DELAY_S}},
        {"when_tool_result_for": "export_document",
         "reply": {"text": "Your Markdown file is ready.", "delay_s": MODEL_DELAY_S}},
    ]
}
TURNS = ("Show my resume, please.", "Export my resume as Markdown.")
TURN_TIMEOUT_S = 120.0


class TimedChat(ChatClient):
    """A chat client that notes when the first streamed token and the end of a turn arrive."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.first_token_at: float | None = None
        self.turn_done = asyncio.Event()

    async def _record(self, event: str, data: Any = None) -> None:
        if event == "stream_token" and self.first_token_at is None:
            self.first_token_at = time.monotonic()
        if event == "task_end":
            self.turn_done.set()
        await super()._record(event, data)

    async def timed_turn(self, text: str) -> float:
        """Send ``text``; return the seconds from sending to the first streamed token."""
        self.first_token_at = None
        self.turn_done.clear()
        sent = time.monotonic()
        await self.sio.emit("client_message", {"message": {
            "threadId": self.thread_id, "id": str(uuid.uuid4()), "name": "User",
            "type": "user_message", "output": text, "createdAt": "2026-01-01T00:00:00Z",
            "metadata": {}, "command": None}, "fileReferences": None})
        await asyncio.wait_for(self.turn_done.wait(), TURN_TIMEOUT_S)
        if self.first_token_at is None:
            raise RuntimeError(f"no streamed answer to {text!r}")
        return self.first_token_at - sent


@dataclass
class Level:
    sessions: int
    wall_s: float = 0.0
    turns: int = 0
    errors: list[str] = field(default_factory=list)
    added_ms: list[float] = field(default_factory=list)
    rss_mib: float = 0.0
    connected: int = 0
    spread: str = ""  # sockets per instance behind HAProxy
    cpu_s: float = 0.0  # the servers' CPU time (user + system) while the level ran


async def one_session(
    base_url: str, token: str, level: Level, start: asyncio.Event, think_s: float, rounds: int
) -> None:
    chat = TimedChat(base_url, token)
    try:
        await chat.connect()
        if chat.refused:
            raise RuntimeError(f"refused: {chat.refused}")
        level.connected += 1
        await start.wait()
        await asyncio.sleep(random.uniform(0, think_s))
        for number, text in enumerate(TURNS * rounds):
            if number:
                await asyncio.sleep(think_s)
            to_first_token = await chat.timed_turn(text)
            level.added_ms.append((to_first_token - MODEL_CALLS_PER_TURN * MODEL_DELAY_S) * 1000)
            level.turns += 1
        files = [d for e, d in chat.events if e == "element" and d.get("type") == "file"]
        if not files:
            raise RuntimeError("the export produced no file")
    except (TimeoutError, RuntimeError, OSError) as error:
        level.errors.append(f"{type(error).__name__}: {error}"[:200])
    finally:
        await chat.close()


def server_cpu_s(servers: list[ChainlitServer]) -> float:
    total = 0.0
    for server in servers:
        assert server.process is not None
        process = psutil.Process(server.process.pid)
        total += sum(sum(p.cpu_times()[:2]) for p in [process, *process.children(recursive=True)])
    return total


def server_rss_mib(servers: list[ChainlitServer]) -> float:
    total = 0
    for server in servers:
        assert server.process is not None
        process = psutil.Process(server.process.pid)
        total += process.memory_info().rss + sum(
            child.memory_info().rss for child in process.children(recursive=True)
        )
    return total / 2**20


async def run_level(
    servers: list[ChainlitServer], proxy: HAProxy | None, base_url: str, tokens: list[str],
    sessions: int, think_s: float, rounds: int,
) -> Level:
    level = Level(sessions)
    start = asyncio.Event()
    tasks = [asyncio.create_task(
        one_session(base_url, tokens[i], level, start, think_s, rounds))
        for i in range(sessions)]
    while level.connected + len(level.errors) < sessions:
        await asyncio.sleep(0.2)
    level.rss_mib = server_rss_mib(servers)  # every session connected, none working yet
    if proxy is not None:
        level.spread = "/".join(proxy.stats("scur").values())
    began, cpu_before = time.monotonic(), server_cpu_s(servers)
    start.set()
    await asyncio.gather(*tasks)
    level.wall_s = time.monotonic() - began
    level.cpu_s = server_cpu_s(servers) - cpu_before
    return level


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else 0.0


async def create_accounts(database_url: str, count: int) -> list[str]:
    from db.accounts import create_account
    from db.engine import create_engine, make_session_factory
    from db.resumes import create_resume

    engine = create_engine(database_url)
    names = [f"load{i:03d}" for i in range(count)]
    try:
        async with make_session_factory(engine)() as session, session.begin():
            for name in names:
                account = await create_account(session, name, PASSWORD)
                await create_resume(session, account.id, name="Main", markdown=RESUME_MD,
                                    source_kind="markdown")
    finally:
        await engine.dispose()
    return names


def login(base_url: str, name: str) -> str:
    response = httpx.post(f"{base_url}/login", data={"username": name, "password": PASSWORD},
                          timeout=60)
    response.raise_for_status()
    return response.cookies["access_token"]


async def main(
    levels: list[int], think_s: float = 0.0, rounds: int = 1, instances: list[int] | None = None
) -> None:
    from db.engine import to_async_url
    from db.migrate import upgrade

    name = f"tailor_load_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    database_url = to_async_url(ADMIN_DSN.rsplit("/", 1)[0] + f"/{name}")
    try:
        upgrade(database_url)
        names = await create_accounts(database_url, max(levels))
        with ScriptedLLMProcess(SCRIPT) as llm:
            print(f"model delay {MODEL_DELAY_S * 1000:.0f} ms per call, "
                  f"{MODEL_CALLS_PER_TURN} calls per turn, think time {think_s:g} s, "
                  f"{rounds} round(s)")
            for count in instances or [0]:
                await run_setup(database_url, llm.base_url, names, levels, think_s, rounds,
                                count)
    finally:
        with psycopg.connect(ADMIN_DSN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def run_setup(
    database_url: str, model_url: str, names: list[str], levels: list[int], think_s: float,
    rounds: int, instances: int,
) -> None:
    """Every level against one app server directly (``instances`` 0), or against HAProxy in
    front of that many app servers."""
    log_dir = ROOT / "test-artifacts" / "bench"
    log_dir.mkdir(parents=True, exist_ok=True)
    servers = []
    for number in range(max(instances, 1)):
        log_path = log_dir / f"load-server-{number}.log"
        log_path.unlink(missing_ok=True)
        servers.append(ChainlitServer(database_url, log_path, {
            "OPENAI_BASE_URL": model_url, "OPENAI_API_KEY": "bench",
            "TAILOR_MODEL_NAME": "scripted"}))
    proxy = HAProxy([s.port for s in servers], log_dir / "haproxy") if instances else None
    try:
        for server in servers:
            server.start()
        base_url = servers[0].base_url
        if proxy is not None:
            proxy.start()
            for number in range(1, instances + 1):
                proxy.wait_until_state(f"tailor{number}", "UP")
            base_url = proxy.base_url
        tokens = [login(base_url, n) for n in names]
        await asyncio.sleep(2)
        idle = server_rss_mib(servers)
        where = f"HAProxy + {instances} instance(s)" if instances else "one server, direct"
        print(f"\n{where}; idle RSS {idle:.0f} MiB")
        print("sessions  turns/s  errors  added p50/p95/p99 ms   RSS MiB  MiB/session"
              "  CPU ms/turn  spread")
        for sessions in levels:
            level = await run_level(servers, proxy, base_url, tokens, sessions, think_s, rounds)
            per = (level.rss_mib - idle) / sessions
            added = level.added_ms
            print(f"{sessions:8d} {level.turns / level.wall_s:8.1f} {len(level.errors):7d}"
                  f"  {percentile(added, .5):6.0f} {percentile(added, .95):6.0f}"
                  f" {percentile(added, .99):6.0f}  {level.rss_mib:8.0f} {per:11.2f}"
                  f"  {1000 * level.cpu_s / max(level.turns, 1):11.1f}  {level.spread}")
            for error in sorted(set(level.errors))[:5]:
                print(f"         error: {error}")
            sys.stdout.flush()
            await asyncio.sleep(2)
    finally:
        if proxy is not None:
            proxy.stop()
        for server in servers:
            server.stop()


if __name__ == "__main__":
    arguments = sys.argv[1:]
    options = {"--think": "0", "--rounds": "1", "--instances": ""}
    while arguments[:1] and arguments[0] in options:
        options[arguments[0]], arguments = arguments[1], arguments[2:]
    chosen = [int(arg) for arg in arguments] or [10, 50, 100, 200]
    counts = [int(n) for n in options["--instances"].split(",") if n] or None
    asyncio.run(main(chosen, float(options["--think"]), int(options["--rounds"]), counts))
