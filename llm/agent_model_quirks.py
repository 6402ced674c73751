"""The agent's model on servers whose tool calling is missing or half there.

Tailor's assistant works only by calling tools, so a server that cannot offer them to the model
must be named to the person with what to change, not retried. Each server says so in its own
words (sources in tests/support/quirk_profiles.py):

- Ollama, for a model without tool support: HTTP 400 ``... does not support tools``.
- vLLM started without ``--enable-auto-tool-choice``: HTTP 400 ``"auto" tool choice requires
  --enable-auto-tool-choice and --tool-call-parser to be set``.
- llama-server without ``--jinja`` (the default before late 2025): HTTP 500 ``tools param
  requires --jinja flag``; older builds ``Unsupported param: tools``.

A server that does not parse the model's tool-call format passes the call through as text
(``<tool_call>{"name": ..., "arguments": {...}}</tool_call>``, as Hermes- and Qwen-style models
write it, or the whole reply one ``{"name": ..., "arguments": ...}`` object, as Llama 3.1 does).
Such a reply is read as the call it is, but only when every block names a tool the model was
offered and carries an object of arguments. A ``<tool_call>`` reply that is not clearly that is
refused with a message, never acted on nor shown raw.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Collection
from typing import Any

import openai
from langchain_core.messages import AIMessage

_NO_TOOLS = re.compile(
    r"does not support tools|tool choice requires --enable-auto-tool-choice"
    r"|tools param requires --jinja|unsupported param: tools",
    re.IGNORECASE,
)
_BLOCK = re.compile(r"<tool_call>\s*(.*?)\s*</tool_call>", re.DOTALL)
TEXT_CALL_OPENINGS = ("<tool_call>", '{"name"')


def cannot_call_tools(exc: BaseException) -> bool:
    return isinstance(exc, openai.APIStatusError) and bool(_NO_TOOLS.search(str(exc)))


def no_tools_message(model: str | None, base_url: str | None) -> str:
    which = f"The model '{model}'" if model else "The model"
    where = f" at {base_url}" if base_url else ""
    return (
        f"{which}{where} cannot call tools, and this assistant does everything through tools "
        "(importing, saving, tailoring, exporting). Choose a model with tool support in "
        "/settings (in Ollama, one tagged 'tools', such as qwen2.5 or llama3.1), or start the "
        "server with tool calling on: vLLM with --enable-auto-tool-choice --tool-call-parser "
        "<parser for the model>, llama-server with --jinja. Commands such as /export and /jobs "
        "still work without a model."
    )


def unreadable_text_call_message(message: AIMessage, model: str | None,
                                 base_url: str | None) -> str | None:
    """What to tell the person when the reply is a text tool call that could not be read."""
    if message.tool_calls or not isinstance(message.content, str):
        return None
    if "<tool_call>" not in message.content:
        return None
    which = f"The model '{model}'" if model else "The model"
    where = f" at {base_url}" if base_url else ""
    return (
        f"{which}{where} wrote a tool call as text that does not name one of the assistant's "
        "tools with proper arguments, so nothing was done. Ask again; if it happens again, the "
        "server is not reading this model's tool calls: start llama-server with --jinja, use a "
        "model tagged 'tools' in Ollama, or choose another model in /settings."
    )


def may_be_text_call(text: str) -> bool:
    """Whether a reply that begins with ``text`` may turn out to be a tool call written as text
    (so it is held back from the person until the reply is complete)."""
    start = text.lstrip()
    return any(opening.startswith(start) or start.startswith(opening)
               for opening in TEXT_CALL_OPENINGS) if start else True


def calls_from_text(message: AIMessage, offered: Collection[str]) -> AIMessage | None:
    """The message with its text tool calls as real ones, or None when it has none (or any
    part of it is not clearly a call to an offered tool)."""
    if message.tool_calls or not isinstance(message.content, str):
        return None
    text = message.content.strip()
    blocks = _BLOCK.findall(text)
    if blocks:
        if _BLOCK.sub("", text).strip():
            return None  # prose around the calls: not clearly meant as calls only
    elif text.startswith("{") and text.endswith("}"):
        blocks = [text]
    else:
        return None
    calls = [_call(block, offered) for block in blocks]
    if not calls or any(call is None for call in calls):
        return None
    return AIMessage(content="", tool_calls=calls, id=message.id,
                     response_metadata=message.response_metadata,
                     usage_metadata=message.usage_metadata)


def _call(block: str, offered: Collection[str]) -> dict[str, Any] | None:
    try:
        data = json.loads(block)
    except json.JSONDecodeError:
        return None
    if not isinstance(data, dict):
        return None
    name = data.get("name")
    arguments = data.get("arguments", data.get("parameters", {}))
    if isinstance(arguments, str):
        try:
            arguments = json.loads(arguments)
        except json.JSONDecodeError:
            return None
    if name not in offered or not isinstance(arguments, dict):
        return None
    return {"name": name, "args": arguments, "id": f"call_{uuid.uuid4().hex[:24]}",
            "type": "tool_call"}
