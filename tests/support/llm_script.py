"""What the scripted model server answers, and what it saw.

A script is a queue of `Reply` objects (or functions of the request that return one) plus optional
rules consulted when the queue is empty. Replies describe both the content (text, tool calls,
structured data) and the transport (delay, stream speed, HTTP error, dropped connection), so one
object is all a test needs to stage any behaviour of a real OpenAI-compatible server.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ToolCall:
    name: str
    arguments: Mapping[str, Any] | str = field(default_factory=dict)
    # None: the server makes a stable id from the request number and position.
    id: str | None = None

    def arguments_json(self) -> str:
        # A string is sent verbatim so tests can stage malformed arguments.
        if isinstance(self.arguments, str):
            return self.arguments
        return json.dumps(dict(self.arguments))


@dataclass(frozen=True)
class Structured:
    """Data the model returns for a structured-output request.

    Resolved against the request: a forced tool call when `tool_choice` names a function
    (LangChain's `function_calling` method), otherwise the JSON text (`json_schema`/`json_mode`).
    """

    data: Mapping[str, Any]


@dataclass(frozen=True)
class Reply:
    text: str | None = None
    tool_calls: tuple[ToolCall, ...] = ()
    structured: Structured | None = None
    finish_reason: str | None = None  # None: "tool_calls" when there are any, else "stop"
    # Transport behaviour.
    status: int = 200
    error_body: Mapping[str, Any] | str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    delay_s: float = 0.0  # before the first byte (status line included)
    tokens_per_second: float | None = None  # None: stream as fast as possible
    # Streamed tool-call arguments are cut into fragments of this many characters (None: the
    # usual 8); 1 stages a hostile server that maximises the pieces per byte.
    argument_fragment_chars: int | None = None
    # Streams: the number of SSE chunks sent before the connection is cut. Plain responses: any
    # value cuts the connection before the status line.
    drop_after_chunks: int | None = None
    # Token counts override the deterministic estimate when set.
    prompt_tokens: int | None = None
    completion_tokens: int | None = None

    @property
    def is_error(self) -> bool:
        return self.status >= 400


def text(content: str, **transport: Any) -> Reply:
    return Reply(text=content, **transport)


def tool_call(
    name: str, arguments: Mapping[str, Any] | str | None = None, **transport: Any
) -> Reply:
    return Reply(
        tool_calls=(ToolCall(name, arguments if arguments is not None else {}),), **transport
    )


def tool_calls(*calls: ToolCall, **transport: Any) -> Reply:
    return Reply(tool_calls=tuple(calls), **transport)


def structured(data: Mapping[str, Any], **transport: Any) -> Reply:
    return Reply(structured=Structured(data), **transport)


def prose_instead_of_json(**transport: Any) -> Reply:
    return Reply(
        text="Sure! Here is what I found: the candidate looks like a great fit.", **transport
    )


def invalid_json(**transport: Any) -> Reply:
    """JSON cut off mid-object: what a model that hit its token limit returns."""
    return Reply(text='{"summary": "Platform engineer with eight years of', **transport)


def error(
    status: int,
    message: str,
    *,
    error_type: str = "server_error",
    headers: Mapping[str, str] | None = None,
    **transport: Any,
) -> Reply:
    body = {"error": {"message": message, "type": error_type, "param": None, "code": None}}
    return Reply(status=status, error_body=body, headers=dict(headers or {}), **transport)


def rate_limited(retry_after_s: float = 1.0, **transport: Any) -> Reply:
    # Retry-After is whole seconds on the wire, as HTTP defines it.
    return error(
        429,
        "Rate limit reached for requests. Please try again later.",
        error_type="rate_limit_exceeded",
        headers={"Retry-After": str(math.ceil(retry_after_s))},
        **transport,
    )


def server_error(message: str = "The server had an error processing your request.") -> Reply:
    return error(500, message)


def dropped_stream(content: str, after_chunks: int = 3, **transport: Any) -> Reply:
    return Reply(text=content, drop_after_chunks=after_chunks, **transport)


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the server received it."""

    number: int  # 1-based, in arrival order
    method: str
    path: str
    headers: Mapping[str, str]  # Authorization removed; see `bearer_token`
    body: Mapping[str, Any]
    bearer_token: str | None
    received_at: float  # time.monotonic() in the server's process

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list(self.body.get("messages", []))

    @property
    def tools(self) -> list[dict[str, Any]]:
        return list(self.body.get("tools") or [])

    @property
    def tool_names(self) -> list[str]:
        return [tool["function"]["name"] for tool in self.tools if tool.get("type") == "function"]

    @property
    def response_format(self) -> dict[str, Any] | None:
        return self.body.get("response_format")

    @property
    def stream(self) -> bool:
        return bool(self.body.get("stream"))

    @property
    def forced_tool(self) -> str | None:
        """The function name `tool_choice` forces, if any."""
        choice = self.body.get("tool_choice")
        if isinstance(choice, dict) and choice.get("type") == "function":
            return choice.get("function", {}).get("name")
        return None

    def last_message_text(self, role: str | None = None) -> str:
        for message in reversed(self.messages):
            if role is None or message.get("role") == role:
                return message_text(message)
        return ""

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "method": self.method,
            "path": self.path,
            "headers": dict(self.headers),
            "body": self.body,
            "bearer_token": self.bearer_token,
            "received_at": self.received_at,
        }


def message_text(message: Mapping[str, Any]) -> str:
    content = message.get("content")
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # multi-part content: only the text parts count
        return "\n".join(part.get("text", "") for part in content if isinstance(part, dict))
    return ""


# A rule sees the request and answers with a reply, or None to let the next rule decide.
Rule = Callable[[RecordedRequest], Reply | None]
# A queued item: a fixed reply, or a function of the request for replies that echo it.
Step = Reply | Callable[[RecordedRequest], Reply]


def when_user_says(needle: str, reply: Reply) -> Rule:
    """Answer `reply` when the conversation ends with a user message containing `needle`
    (case-insensitive). After a tool result the rule is silent, so an agent loop does not
    repeat the same tool call forever."""

    def rule(request: RecordedRequest) -> Reply | None:
        last = request.messages[-1] if request.messages else {}
        if last.get("role") != "user":
            return None
        return reply if needle.lower() in message_text(last).lower() else None

    return rule


def when_tool_result_for(tool_name: str, reply: Reply) -> Rule:
    """Answer `reply` once the conversation holds the result of a call to `tool_name`."""

    def rule(request: RecordedRequest) -> Reply | None:
        called: dict[str, str] = {}
        for message in request.messages:
            for call in message.get("tool_calls") or []:
                called[call["id"]] = call["function"]["name"]
        last = request.messages[-1] if request.messages else {}
        if last.get("role") == "tool" and called.get(last.get("tool_call_id")) == tool_name:
            return reply
        return None

    return rule


@dataclass
class Script:
    """The parsed form of a script file (for the server run as its own process)."""

    replies: list[Reply] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    default: Reply | None = None


class ScriptFileError(ValueError):
    """A script file cannot be used; the message names the entry and what to change."""


_REPLY_FIELDS = {
    name for name in Reply.__dataclass_fields__ if name not in ("tool_calls", "structured")
}
_RULE_KINDS: dict[str, Callable[[str, Reply], Rule]] = {
    "when_user_says": when_user_says,
    "when_tool_result_for": when_tool_result_for,
}


def reply_from_json(entry: Mapping[str, Any], where: str) -> Reply:
    """`{"text": ...}`, `{"tool_calls": [{"name", "arguments"}]}`, `{"structured": {...}}`, plus
    any transport field of `Reply` (`status`, `error_body`, `headers`, `delay_s`, ...)."""
    unknown = set(entry) - _REPLY_FIELDS - {"tool_calls", "structured"}
    if unknown:
        raise ScriptFileError(
            f"{where}: unknown reply field(s) {sorted(unknown)}; "
            f"use {sorted(_REPLY_FIELDS | {'tool_calls', 'structured'})}"
        )
    calls = tuple(
        ToolCall(call["name"], call.get("arguments", {}), call.get("id"))
        for call in entry.get("tool_calls", [])
    )
    data = entry.get("structured")
    fields = {key: value for key, value in entry.items() if key in _REPLY_FIELDS}
    return Reply(
        tool_calls=calls, structured=Structured(data) if data is not None else None, **fields
    )


def script_from_json(document: Mapping[str, Any]) -> Script:
    script = Script(
        replies=[
            reply_from_json(entry, f"replies[{i}]")
            for i, entry in enumerate(document.get("replies", []))
        ]
    )
    for i, entry in enumerate(document.get("rules", [])):
        kinds = [kind for kind in _RULE_KINDS if kind in entry]
        if len(kinds) != 1 or "reply" not in entry:
            raise ScriptFileError(
                f"rules[{i}]: a rule needs exactly one of {sorted(_RULE_KINDS)} and a 'reply'"
            )
        reply = reply_from_json(entry["reply"], f"rules[{i}].reply")
        script.rules.append(_RULE_KINDS[kinds[0]](entry[kinds[0]], reply))
    if document.get("default") is not None:
        script.default = reply_from_json(document["default"], "default")
    return script
