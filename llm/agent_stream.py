"""How the agent's streamed reply is read: the OpenAI SDK's stream, with two costs per chunk cut.

LangChain bounds the wait for each streamed chunk (``stream_chunk_timeout``, 120 s; keep-alive
comments do not count as a chunk) with ``asyncio.wait_for``, which runs every chunk's wait in a
task of its own, with its own timer. ``AgentStream`` keeps that bound with one deadline moved per
chunk: the same limit, error and warning (``agent_model`` turns LangChain's off for it).

The SDK's event decoder splits the bytes into lines with a regular expression and builds each
event field by field. A model server sends nearly every event as one ``data: {...}`` line and a
blank one; ``_LineFeedDecoder`` takes that shape in one step and hands every other line to the
SDK's own decoder, and the whole stream to the SDK's line splitter once a CR appears in it (CR
and CRLF end lines too), so every event comes out as the SDK would have made it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any

import openai
from langchain_openai import StreamChunkTimeoutError
from openai._streaming import ServerSentEvent, SSEDecoder, _SSELineDecoder

log = logging.getLogger(__name__)


class AgentStream(openai.AsyncStream[object]):
    """The SDK's stream, each chunk awaited for at most ``silence_s`` (LangChain's
    ``stream_chunk_timeout``, raising its error after its warning); None or 0: unbounded."""

    silence_s: float | None = None
    model_name: str | None = None

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._decoder = _LineFeedDecoder()  # read from the first iteration on, not before

    async def __aiter__(self) -> AsyncIterator[object]:
        limit = self.silence_s
        if not limit:
            async for item in self._iterator:
                yield item
            return
        loop = asyncio.get_running_loop()
        received = 0
        try:
            async with asyncio.timeout(None) as silence:
                while True:
                    silence.reschedule(loop.time() + limit)
                    try:
                        item = await anext(self._iterator)
                    except StopAsyncIteration:
                        return
                    # No deadline while the chunk is being handled: only the wait counts.
                    silence.reschedule(None)
                    received += 1
                    yield item
        except TimeoutError as exc:
            if not silence.expired():
                raise
            log.warning("langchain_openai.stream_chunk_timeout fired", extra={
                "source": "stream_chunk_timeout", "timeout_s": limit,
                "model_name": self.model_name, "chunks_received": received})
            raise StreamChunkTimeoutError(
                limit, model_name=self.model_name, chunks_received=received) from exc


class _LineFeedDecoder(SSEDecoder):
    """``SSEDecoder`` with the usual event (one ``data:`` line, then a blank one) read at once."""

    async def aiter_bytes(self, iterator: AsyncIterator[bytes]) -> AsyncIterator[ServerSentEvent]:
        pending = b""  # the line begun in the last read
        lines: _SSELineDecoder | None = None  # the SDK's splitter, from the first CR on
        try:
            async for chunk in iterator:
                if lines is None and b"\r" in chunk:
                    lines, chunk, pending = _SSELineDecoder(), pending + chunk, b""
                if lines is not None:
                    for sse in self._decode_lines(lines.feed(chunk)):
                        yield sse
                    continue
                data = pending + chunk
                end = data.rfind(b"\n")
                if end < 0:
                    pending = data
                    continue
                pending = data[end + 1:]
                for sse in self._events(data[:end].split(b"\n")):
                    yield sse
            rest = lines.finish() if lines is not None else iter([pending] if pending else [])
            for sse in self._decode_lines(rest):
                yield sse
        finally:
            self._reset()

    def _events(self, lines: list[bytes]) -> Iterator[ServerSentEvent]:
        at, count = 0, len(lines)
        while at < count:
            line = lines[at]
            if (line.startswith(b"data: ") and at + 1 < count and not lines[at + 1]
                    and not self._data and self._event is None and self._retry is None):
                # What decode() makes of these two lines from a clean state.
                yield ServerSentEvent(data=line[6:].decode("utf-8"), id=self._last_event_id)
                at += 2
                continue
            sse = self.decode(line.decode("utf-8"))
            if sse is not None:
                yield sse
            at += 1
