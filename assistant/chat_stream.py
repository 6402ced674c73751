"""Streamed text sent to the browser in batches rather than one socket frame per model chunk.

A model streams a reply in pieces of a word or less; each piece sent on its own is a socket.io
frame plus Chainlit's bookkeeping, which under load was a noticeable share of a turn's CPU. The
first piece of a message goes out at once (the person sees the answer start without delay), the
rest at most every ``FLUSH_INTERVAL_S``. A timer sends what is waiting when the model pauses, so
text never sits unsent for longer than the interval. Batches leave in order, and everything
pending is sent before the message is finished.
"""

from __future__ import annotations

import asyncio

import chainlit as cl

FLUSH_INTERVAL_S = 0.04


class BatchedStream:
    """The text streamed into one ``cl.Message``."""

    def __init__(self, message: cl.Message, interval_s: float = FLUSH_INTERVAL_S) -> None:
        self.message = message
        self.interval_s = interval_s
        self._pending: list[str] = []
        self._sent_at: float | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._flushing: asyncio.Task[None] | None = None
        # Serialises the timer's flush with the one a new piece or the end of the message starts,
        # so batches reach the socket in the order their text arrived.
        self._lock = asyncio.Lock()

    async def add(self, text: str) -> None:
        self._pending.append(text)
        loop = asyncio.get_running_loop()
        waited = None if self._sent_at is None else loop.time() - self._sent_at
        if waited is None or waited >= self.interval_s:
            await self.flush()
        elif self._timer is None:
            self._timer = loop.call_later(self.interval_s - waited, self._flush_later)

    def _flush_later(self) -> None:
        self._timer = None
        self._flushing = asyncio.ensure_future(self.flush())

    async def flush(self) -> None:
        """Send what is waiting now (and nothing later than what a running flush sends)."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        async with self._lock:
            if not self._pending:
                return
            text = "".join(self._pending)
            self._pending.clear()
            self._sent_at = asyncio.get_running_loop().time()
            await self.message.stream_token(text)

    async def finish(self) -> cl.Message:
        """Send the rest, then the finished message (which Chainlit persists)."""
        await self.flush()
        if self._flushing is not None:
            await self._flushing  # a timer's flush that began before ours: its text came first
            self._flushing = None
        await self.message.send()
        return self.message
