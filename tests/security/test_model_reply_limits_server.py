"""Through the real server: a model that streams a 1.5 MB tool argument in 8-character fragments
ends the turn within seconds with the clear message, the server's memory stays where it was, and
the conversation goes on (the next turn works)."""

from __future__ import annotations

import json
import threading
import time

import psutil
import pytest
from e2e.client import ChatClient, create_first_admin, login_token
from e2e.fixtures import ADMIN
from support.scripted_llm_process import ScriptedLLMProcess

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(240)]

HUGE = json.dumps({"title": "SRE", "posting_text": "x" * 1_500_000})
# Before the limits, 1.2 MB took about 60 s and 0.8 GB in the server.
MAX_TURN_S = 30.0
MAX_GROWTH_MB = 150


class PeakMemory:
    """The highest resident memory of a process while the block runs, sampled every 50 ms."""

    def __init__(self, pid: int) -> None:
        self.process = psutil.Process(pid)
        self.peak = self.before = self.process.memory_info().rss
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, self.process.memory_info().rss)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def growth_mb(self) -> float:
        return (self.peak - self.before) / 1024 / 1024


async def test_a_huge_streamed_argument_is_stopped_quickly_with_bounded_memory(start_server):
    with ScriptedLLMProcess() as llm:
        server = start_server(OPENAI_BASE_URL=llm.base_url, OPENAI_API_KEY="test-key",
                              TAILOR_MODEL_NAME="scripted")
        create_first_admin(server.base_url, *ADMIN)
        chat = ChatClient(server.base_url, login_token(server.base_url, *ADMIN))
        await chat.connect()
        llm.add_script({"replies": [{"text": "Hi."}]})
        assert (await chat.send("Hello"))[-1] == "Hi."  # the server has done one whole turn

        llm.add_script({"replies": [{
            "tool_calls": [{"name": "save_job", "arguments": HUGE}],
            "argument_fragment_chars": 8,
        }]})
        started = time.monotonic()
        with PeakMemory(server.process.pid) as memory:
            answers = await chat.send("Save this job.", timeout_s=MAX_TURN_S * 4)
        took = time.monotonic() - started
        assert answers[-1].startswith(
            "The model's tool-call argument was larger than 128 KB and was stopped; nothing of "
            "it was used."), answers
        assert took < MAX_TURN_S, f"the turn took {took:.1f} s"
        assert memory.growth_mb < MAX_GROWTH_MB, f"the server grew by {memory.growth_mb:.0f} MB"

        llm.add_script({"replies": [{"text": "Paste a shorter posting, please."}]})
        assert (await chat.send("What now?"))[-1] == "Paste a shorter posting, please."
        await chat.close()
