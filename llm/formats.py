"""How a structured answer is asked for, on servers that support less than OpenAI does.

Three ways, strongest first: ``json_schema`` (the server constrains the answer to the schema),
``json_object`` (any JSON; the schema goes in the prompt), and ``prompt`` (no response_format
at all; the schema in the prompt and the JSON taken out of whatever text comes back). A server
that refuses one (LM Studio refuses ``json_object``; llama-server builds before json_schema
support refuse ``json_schema``, with HTTP 500) gets the next, and the way that worked is
remembered per base URL and model for the rest of the process, so later calls do not pay for the
refusals again. Servers that ignore the schema and wrap the JSON in a Markdown fence (Ollama with
some models) are read the same way in every method. Sources: tests/support/quirk_profiles.py.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from typing import Any, Literal

import openai
from langchain_core.messages import BaseMessage, HumanMessage, convert_to_messages

from prompts import load_prompt

log = logging.getLogger(__name__)

Method = Literal["json_schema", "json_object", "prompt"]
METHODS: tuple[Method, ...] = ("json_schema", "json_object", "prompt")

_learned: dict[tuple[str | None, str], Method] = {}
_lock = threading.Lock()

_FENCE = re.compile(r"```(?:json|JSON)?[ \t]*\n(.*?)\n?[ \t]*```", re.DOTALL)


def first_method(base_url: str | None, model: str) -> Method:
    with _lock:
        return _learned.get((base_url, model), "json_schema")


def remember(base_url: str | None, model: str, method: Method) -> None:
    with _lock:
        known = _learned.get((base_url, model))
        _learned[(base_url, model)] = method
    if known != method and method != "json_schema":
        log.info("Model %s at %s: structured answers are asked for by %s from now on",
                 model, base_url, method)


def forget_all() -> None:
    """Forget what every server could do (tests; a server upgraded while the app runs)."""
    with _lock:
        _learned.clear()


def next_method(method: Method) -> Method | None:
    index = METHODS.index(method)
    return METHODS[index + 1] if index + 1 < len(METHODS) else None


def refuses_response_format(exc: openai.APIStatusError) -> bool:
    """The server said it cannot do the response_format asked for (not that it failed).

    llama-server of that time threw the refusal as a runtime error, so it arrives as HTTP 500.
    """
    text = str(exc).lower()
    return exc.status_code in (400, 422, 500) and (
        "response_format" in text or "json_schema" in text or "json_object" in text
    )


def request_options(method: Method, schema_name: str, wire_schema: dict[str, Any]
                    ) -> dict[str, Any]:
    if method == "json_schema":
        return {"response_format": {"type": "json_schema",
                                    "json_schema": {"name": schema_name, "schema": wire_schema}}}
    if method == "json_object":
        return {"response_format": {"type": "json_object"}}
    return {}


def with_schema_prompt(method: Method, messages: list[BaseMessage],
                       wire_schema: dict[str, Any]) -> list[BaseMessage]:
    """json_object and prompt send no schema to the server: the model reads it instead, at the
    end of the last user message (a second user message in a row breaks chat templates that
    require user and assistant turns to alternate, as Mistral's do)."""
    if method == "json_schema":
        return messages
    text = load_prompt("structured_output").render(schema=json.dumps(wire_schema))
    messages = convert_to_messages(messages)
    last = messages[-1] if messages else None
    if isinstance(last, HumanMessage) and isinstance(last.content, str):
        return [*messages[:-1], HumanMessage(f"{last.content}\n\n{text}")]
    return [*messages, HumanMessage(text)]


def json_text(content: str) -> str:
    """The JSON object in a reply: the whole reply, the inside of a code fence, or the span
    from the first ``{`` to the last ``}`` when a model put words around it."""
    stripped = content.strip()
    if stripped.startswith("{") and stripped.endswith("}"):
        return stripped
    fenced = _FENCE.search(stripped)
    if fenced is not None:
        return fenced.group(1).strip()
    start, end = stripped.find("{"), stripped.rfind("}")
    return stripped[start:end + 1] if 0 <= start < end else stripped
