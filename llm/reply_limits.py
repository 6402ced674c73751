"""How much a model server may send back, and what is done with a reply too large to use.

Anyone can point their personal settings at a model server they control, and an answer is not
bounded by anything the server promises: a tool argument of 4.8 MB streamed in 8-byte fragments
took 4.5 minutes of CPU and 2 GB of memory. Real replies are small (a whole tailored resume is
under 50 KB), so every model call is held to limits far above that, in two places:

- On the wire (``CappedByteStream``, every response of the model HTTP clients, plain or
  streamed): total bytes and stream events. A stream of empty events costs parsing without
  adding any text, and bytes are counted before they are parsed or kept. The clients ask for
  an uncompressed reply and refuse a compressed one, so the count is what is kept in memory.
- In the reply's content (``capped_stream`` for streamed replies, ``check_reply`` for plain
  ones): the reply's text and tool-call arguments together, and each tool call's arguments.

Streamed argument fragments are also joined here, before LangChain sees them: LangChain merges a
reply's chunks by concatenating each tool call's argument string once per fragment (quadratic
in the fragment count), and runs callbacks and partial JSON parsing per chunk. The person sees
no argument while it streams, so nothing is lost by handing it over in one piece.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx2
from langchain_core.messages import AIMessage, AIMessageChunk
from langchain_core.outputs import ChatGenerationChunk, ChatResult

from core.errors import UserFacingError

KB = 1024
WHAT_TO_DO = (
    "nothing of it was used. Ask for less at once (for example one section or one document at a "
    "time), or choose another model in /settings."
)


@dataclass(frozen=True)
class ReplyLimits:
    """Defaults equal the settings' defaults (``Settings.reply_limits()`` reads the settings)."""

    reply_max_kb: int = 256
    argument_max_kb: int = 128
    max_events: int = 40_000
    wire_max_mb: int = 16


class ReplyTooLarge(UserFacingError):
    """A model reply went past one of its limits and was stopped; the message says which."""


def too_large(what: str) -> ReplyTooLarge:
    return ReplyTooLarge(f"The model's {what} and was stopped; {WHAT_TO_DO}")


def _reply_too_large(limits: ReplyLimits) -> ReplyTooLarge:
    return too_large(f"reply was larger than {limits.reply_max_kb} KB")


def _argument_too_large(limits: ReplyLimits) -> ReplyTooLarge:
    return too_large(f"tool-call argument was larger than {limits.argument_max_kb} KB")


def _too_many_events(limits: ReplyLimits) -> ReplyTooLarge:
    return too_large(f"reply came in more than {limits.max_events} pieces")


# --- on the wire --------------------------------------------------------------------------------


class CappedByteStream(httpx2.AsyncByteStream):
    """A response body that stops at the wire limits (bytes, and SSE events by their separator).

    Events are counted by blank-line separators per network read; one split across two reads is
    missed, which only makes the count a little generous.
    """

    def __init__(self, inner: httpx2.AsyncByteStream, limits: ReplyLimits) -> None:
        self._inner = inner
        self._limits = limits

    async def __aiter__(self) -> AsyncIterator[bytes]:
        received = events = 0
        max_bytes = self._limits.wire_max_mb * KB * KB
        async for data in self._inner:
            received += len(data)
            events += data.count(b"\n\n") + data.count(b"\r\n\r\n")
            if received > max_bytes:
                raise too_large(f"reply was larger than {self._limits.wire_max_mb} MB")
            if events > self._limits.max_events:
                raise _too_many_events(self._limits)
            yield data

    async def aclose(self) -> None:
        await self._inner.aclose()


def refuse_compressed(response: httpx2.Response) -> None:
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("", "identity"):
        raise too_large(f"server compressed its reply ({encoding}) although asked not to, "
                        "so its size could not be checked; it was stopped")


# --- in the content -----------------------------------------------------------------------------


def _text_size(content: Any) -> int:
    if isinstance(content, str):
        return len(content)
    if isinstance(content, list):
        return sum(len(part) if isinstance(part, str) else len(json.dumps(part))
                   for part in content)
    return 0


def _argument_fragment(chunk: ChatGenerationChunk) -> tuple[int, str] | None:
    """(index, fragment) when the chunk is nothing but more arguments of one tool call."""
    message = chunk.message
    if (not isinstance(message, AIMessageChunk) or message.content or chunk.generation_info
            or message.usage_metadata or len(message.tool_call_chunks) != 1):
        return None
    call = message.tool_call_chunks[0]
    if call.get("name") or call.get("id") or call.get("index") is None:
        return None
    return int(call["index"]), call.get("args") or ""


def _joined(first: ChatGenerationChunk, index: int, parts: list[str]) -> ChatGenerationChunk:
    message = first.message
    return ChatGenerationChunk(message=AIMessageChunk(
        content="",
        id=message.id,
        response_metadata=message.response_metadata,
        tool_call_chunks=[{"name": None, "args": "".join(parts), "id": None, "index": index,
                           "type": "tool_call_chunk"}],
    ))


async def capped_stream(
    chunks: AsyncIterator[ChatGenerationChunk], limits: ReplyLimits
) -> AsyncIterator[ChatGenerationChunk]:
    """The chunks of a streamed reply within the limits, argument fragments joined."""
    reply_max, argument_max = limits.reply_max_kb * KB, limits.argument_max_kb * KB
    total = events = 0
    arguments: dict[int, int] = {}
    pending: tuple[ChatGenerationChunk, int, list[str]] | None = None
    async for chunk in chunks:
        events += 1
        if events > limits.max_events:
            raise _too_many_events(limits)
        fragment = _argument_fragment(chunk)
        sizes = ([(fragment[0], len(fragment[1]))] if fragment else
                 [(int(c.get("index") or 0), len(c.get("args") or ""))
                  for c in getattr(chunk.message, "tool_call_chunks", [])])
        total += _text_size(chunk.message.content) + sum(size for _, size in sizes)
        for index, size in sizes:
            arguments[index] = arguments.get(index, 0) + size
            if arguments[index] > argument_max:
                raise _argument_too_large(limits)
        if total > reply_max:
            raise _reply_too_large(limits)
        if fragment is not None and pending is not None and pending[1] == fragment[0]:
            pending[2].append(fragment[1])
            continue
        if pending is not None:
            yield _joined(*pending)
            pending = None
        if fragment is not None:
            pending = (chunk, fragment[0], [fragment[1]])
        else:
            yield chunk
    if pending is not None:
        yield _joined(*pending)


def check_reply(result: ChatResult, limits: ReplyLimits) -> ChatResult:
    """A whole (not streamed) reply, refused when it is past the content limits."""
    total = 0
    for generation in result.generations:
        message = generation.message
        total += _text_size(message.content)
        raw_calls = message.additional_kwargs.get("tool_calls") or []
        sizes = [len(str((call.get("function") or {}).get("arguments") or ""))
                 for call in raw_calls if isinstance(call, dict)]
        if not sizes and isinstance(message, AIMessage):
            sizes = [len(json.dumps(call["args"])) for call in message.tool_calls]
        if any(size > limits.argument_max_kb * KB for size in sizes):
            raise _argument_too_large(limits)
        total += sum(sizes)
    if total > limits.reply_max_kb * KB:
        raise _reply_too_large(limits)
    return result
