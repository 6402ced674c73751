"""The scripted LLM's memory: the replies still to give and the requests received.

Every method is safe to call from the test's thread while the server's thread answers requests.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Iterable, Mapping
from typing import Any

from .llm_script import RecordedRequest, Reply, Rule, Step


class ScriptBook:
    def __init__(
        self, *replies: Step, rules: Iterable[Rule] = (), default: Reply | None = None
    ) -> None:
        self._lock = threading.Lock()
        self._queue: deque[Step] = deque(replies)
        self._rules: list[Rule] = list(rules)
        self._default = default
        self._requests: list[RecordedRequest] = []
        self._unscripted: list[RecordedRequest] = []

    def add(self, *steps: Step) -> None:
        """Queue replies; each request takes the next one before any rule is consulted."""
        with self._lock:
            self._queue.extend(steps)

    def add_rule(self, rule: Rule) -> None:
        """Consulted in the order added once the queue is empty; the first non-None reply wins."""
        with self._lock:
            self._rules.append(rule)

    def set_default(self, reply: Reply | None) -> None:
        """The reply when neither the queue nor a rule answers (None: an error reply)."""
        with self._lock:
            self._default = reply

    def reset(self) -> None:
        """Forget the script and the recorded requests."""
        with self._lock:
            self._queue.clear()
            self._rules.clear()
            self._default = None
            self._requests.clear()
            self._unscripted.clear()

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._requests)

    @property
    def chat_requests(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]

    @property
    def unscripted(self) -> list[RecordedRequest]:
        """Requests that found no reply in the script: a test that sees any has a gap."""
        with self._lock:
            return list(self._unscripted)

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._queue)

    def record(
        self,
        method: str,
        path: str,
        headers: Mapping[str, str],
        body: Mapping[str, Any],
        bearer_token: str | None,
    ) -> RecordedRequest:
        with self._lock:
            recorded = RecordedRequest(
                number=len(self._requests) + 1,
                method=method,
                path=path,
                headers=dict(headers),
                body=body,
                bearer_token=bearer_token,
                received_at=time.monotonic(),
            )
            self._requests.append(recorded)
        return recorded

    def next_reply(self, recorded: RecordedRequest) -> Reply | None:
        with self._lock:
            step = self._queue.popleft() if self._queue else None
            rules, default = list(self._rules), self._default
        # Rules and reply functions run outside the lock: they are test code and may be slow.
        if step is not None:
            return step if isinstance(step, Reply) else step(recorded)
        for rule in rules:
            reply = rule(recorded)
            if reply is not None:
                return reply
        if default is None:
            with self._lock:
                self._unscripted.append(recorded)
        return default
