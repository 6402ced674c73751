"""The OpenAI chat-completions wire format for a scripted reply: plain bodies and stream chunks.

Token counts are a deterministic estimate (words and punctuation marks), not a real tokenizer:
tiktoken fetches its BPE files from the internet at first use, which this project's test machines
cannot reach, and tests need counts that are stable rather than exact.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .llm_script import RecordedRequest, Reply, ToolCall, message_text

_TOKEN = re.compile(r"\w+|[^\w\s]")
# A streamed word keeps the whitespace before it, so joined chunks equal the text exactly.
_STREAM_PIECE = re.compile(r"\s*\S+|\s+$")
# Streamed tool-call arguments arrive in fragments of this many characters, as real servers do.
ARGUMENT_FRAGMENT_CHARS = 8


def estimate_tokens(text: str) -> int:
    return len(_TOKEN.findall(text))


def estimate_prompt_tokens(body: dict[str, Any]) -> int:
    total = 0
    for message in body.get("messages", []):
        total += estimate_tokens(message_text(message))
        for call in message.get("tool_calls") or []:
            total += estimate_tokens(call.get("function", {}).get("arguments", ""))
    if body.get("tools"):
        total += estimate_tokens(json.dumps(body["tools"]))
    # A server that constrains the answer to a JSON schema reads the schema too; OpenAI bills it
    # as prompt tokens, so the count here does as well (benchmarks compare prompt sizes by it).
    schema = (body.get("response_format") or {}).get("json_schema", {}).get("schema")
    if schema:
        total += estimate_tokens(json.dumps(schema))
    return total


@dataclass(frozen=True)
class Completion:
    """A reply resolved against its request: the exact content and tool calls to send."""

    content: str | None
    tool_calls: tuple[ToolCall, ...]
    finish_reason: str
    fragment_chars: int
    prompt_tokens: int
    completion_tokens: int
    id: str
    model: str
    created: int

    def usage(self) -> dict[str, int]:
        return {
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "total_tokens": self.prompt_tokens + self.completion_tokens,
        }


def resolve(reply: Reply, request: RecordedRequest, *, honour_tool_choice: bool = True
            ) -> Completion:
    content, calls = reply.text, reply.tool_calls
    if reply.structured is not None:
        data = dict(reply.structured.data)
        if request.forced_tool and honour_tool_choice:
            calls = (*calls, ToolCall(request.forced_tool, data))
        else:
            content = json.dumps(data)
    calls = tuple(
        call if call.id else ToolCall(call.name, call.arguments, f"call_{request.number}_{i}")
        for i, call in enumerate(calls)
    )
    completion_text = (content or "") + " ".join(call.arguments_json() for call in calls)
    return Completion(
        content=content,
        tool_calls=calls,
        finish_reason=reply.finish_reason or ("tool_calls" if calls else "stop"),
        fragment_chars=reply.argument_fragment_chars or ARGUMENT_FRAGMENT_CHARS,
        prompt_tokens=(
            reply.prompt_tokens
            if reply.prompt_tokens is not None
            else estimate_prompt_tokens(dict(request.body))
        ),
        completion_tokens=(
            reply.completion_tokens
            if reply.completion_tokens is not None
            else estimate_tokens(completion_text)
        ),
        id=f"chatcmpl-scripted-{request.number}",
        model=str(request.body.get("model", "scripted")),
        created=int(time.time()),
    )


def completion_body(completion: Completion) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": completion.content}
    if completion.tool_calls:
        message["tool_calls"] = [
            {
                "id": call.id,
                "type": "function",
                "function": {"name": call.name, "arguments": call.arguments_json()},
            }
            for call in completion.tool_calls
        ]
    return {
        "id": completion.id,
        "object": "chat.completion",
        "created": completion.created,
        "model": completion.model,
        "choices": [
            {
                "index": 0,
                "message": message,
                "logprobs": None,
                "finish_reason": completion.finish_reason,
            }
        ],
        "usage": completion.usage(),
    }


def stream_chunks(
    completion: Completion, include_usage: bool, *, usage_on_finish: bool = False
) -> Iterator[dict[str, Any]]:
    """Every `data:` payload of the stream in order, without the final `[DONE]` marker.

    Made one at a time: a reply of megabytes in 1-character fragments is a million chunks.
    ``usage_on_finish``: the usage rides on the finish chunk instead (llama-server's way)."""
    yield _chunk(completion, {"role": "assistant", "content": ""}, None, include_usage)
    for piece in _STREAM_PIECE.findall(completion.content or ""):
        yield _chunk(completion, {"content": piece}, None, include_usage)
    step = completion.fragment_chars
    for index, call in enumerate(completion.tool_calls):
        arguments = call.arguments_json()
        opening = {"index": index, "id": call.id, "type": "function",
                   "function": {"name": call.name, "arguments": ""}}
        yield _chunk(completion, {"tool_calls": [opening]}, None, include_usage)
        for start in range(0, len(arguments), step):
            fragment = {"index": index, "function": {"arguments": arguments[start:start + step]}}
            yield _chunk(completion, {"tool_calls": [fragment]}, None, include_usage)
    finish = _chunk(completion, {}, completion.finish_reason, include_usage)
    if usage_on_finish:
        finish["usage"] = completion.usage()
    yield finish
    if include_usage:
        # OpenAI's shape: one last chunk with no choices that carries the usage.
        yield {**_chunk(completion, {}, None, False), "choices": [], "usage": completion.usage()}


def _chunk(
    completion: Completion, delta: dict[str, Any], finish_reason: str | None, usage_field: bool
) -> dict[str, Any]:
    chunk: dict[str, Any] = {
        "id": completion.id,
        "object": "chat.completion.chunk",
        "created": completion.created,
        "model": completion.model,
        "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}],
    }
    if usage_field:
        chunk["usage"] = None
    return chunk


def error_payload(reply: Reply) -> bytes:
    if isinstance(reply.error_body, str):
        return reply.error_body.encode()
    body = reply.error_body or {
        "error": {"message": f"scripted HTTP {reply.status}", "type": "server_error"}
    }
    return json.dumps(body).encode()
