"""How local model servers differ from OpenAI, as profiles the scripted server can play.

Each profile stages what the server is documented (or reported on its tracker) to do with the
parts of a request Tailor relies on: ``response_format`` (``json_schema``, ``json_object``),
``tools`` and ``tool_choice``, ``stream_options.include_usage``, and how long the first byte takes.
A profile changes how the scripted replies are delivered, never what they say, so one script
drives the same journey under every profile. Sources, as read in December 2026:

- ollama: docs.ollama.com/api/openai-compatibility lists ``response_format``, ``tools`` and
  ``stream_options.include_usage`` as supported. ``tool_choice`` is ignored: a forced call comes
  back as plain text (ollama/ollama#8421, #17921). Older versions and some models ignore the
  schema and answer with the JSON in a Markdown code fence (callstackincubator/fabrice-ai#118).
- lmstudio: ``json_object`` is refused with HTTP 400 ``'response_format.type' must be
  'json_schema' or 'text'`` (lmstudio-ai/lmstudio-bug-tracker#189, #307; LoadShine/tada#16);
  the error body is a bare string. Streams carry no usage, ``stream_options`` or not
  (lmstudio-bug-tracker#713, lmstudio-js#320).
- vllm: started with ``--enable-auto-tool-choice --tool-call-parser <parser>`` it behaves like
  OpenAI here (json_schema and json_object by guided decoding, usage on request). Without those
  flags a request with tools is refused (profile ``no-tools``): HTTP 400 ``"auto" tool choice
  requires --enable-auto-tool-choice and --tool-call-parser to be set`` (vllm-project/vllm#9986,
  QwenLM/Qwen-Agent#344).
- llamacpp: llama-server builds before json_schema support refuse it with ``response_format type
  must be one of "text" or "json_object", but got: json_schema``, thrown as a runtime error, so
  HTTP 500 (tools/server/utils.hpp of those builds). It puts usage in the final chunk whether or
  not it was asked (ggml-org/llama.cpp#12102).
- tools-as-text: a server that does not parse the model's tool-call format (llama-server with a
  chat template it does not recognise, ggml-org/llama.cpp#22581 and the generic handler of
  #9639; Ollama with a model not tagged for tools) passes the model's own ``<tool_call>`` blocks
  through as text, the way Hermes- and Qwen-style templates write them.
- slow-first-token: a server that loads the model on the first request (Ollama unloads a model
  after 5 idle minutes by default; home-assistant/core#135952, gluonfield/enchanted#105,
  kevinhermawan/Ollamac#68) sends nothing for a long time, then streams at normal speed.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from .llm_script import RecordedRequest, Reply, error
from .openai_wire import Completion

UsageInStream = Literal["on_request", "never", "always"]


@dataclass(frozen=True)
class Quirks:
    name: str = "openai"
    # response_format type -> the error a request asking for it gets (the queue is not consumed).
    refused_formats: Mapping[str, Reply] = field(default_factory=dict)
    # The server ignores response_format; the model answers its JSON in a ```json fence.
    fences_json: bool = False
    ignores_tool_choice: bool = False
    # A request offering tools (without naming one to call) gets this error.
    refuses_tools: Reply | None = None
    tool_calls_as_text: bool = False
    usage_in_stream: UsageInStream = "on_request"
    first_byte_delay_s: float = 0.0

    def refusal(self, request: RecordedRequest) -> Reply | None:
        """The error this server answers the request with before the model sees it, if any."""
        wanted = (request.response_format or {}).get("type")
        if wanted in self.refused_formats:
            return self.refused_formats[wanted]
        if self.refuses_tools is not None and request.tools and not request.forced_tool:
            return self.refuses_tools
        return None

    def delivered(self, reply: Reply) -> Reply:
        if not self.first_byte_delay_s:
            return reply
        return dataclasses.replace(reply, delay_s=reply.delay_s + self.first_byte_delay_s)

    def forced_tool(self, request: RecordedRequest) -> str | None:
        return None if self.ignores_tool_choice else request.forced_tool

    def shaped(self, completion: Completion, reply: Reply) -> Completion:
        content, calls = completion.content, completion.tool_calls
        if self.fences_json and reply.structured is not None and content:
            content = f"Here is the JSON you asked for:\n\n```json\n{content}\n```"
        if self.tool_calls_as_text and calls:
            blocks = [
                "<tool_call>\n" + json.dumps({"name": c.name, "arguments": _arguments(c.arguments)})
                + "\n</tool_call>"
                for c in calls
            ]
            content, calls = "\n".join(filter(None, [content, *blocks])), ()
        finish = "stop" if not calls else completion.finish_reason
        return dataclasses.replace(completion, content=content, tool_calls=calls,
                                   finish_reason=finish)

    def stream_usage(self, asked: bool) -> tuple[bool, bool]:
        """(a last chunk with usage as OpenAI sends it, usage on the finish chunk)."""
        if self.usage_in_stream == "never":
            return False, False
        if self.usage_in_stream == "always":
            return False, True
        return asked, False


def _arguments(arguments: Mapping[str, Any] | str) -> Any:
    return json.loads(arguments) if isinstance(arguments, str) else dict(arguments)


PROFILES: dict[str, Quirks] = {
    "openai": Quirks(),
    "ollama": Quirks(name="ollama", fences_json=True, ignores_tool_choice=True),
    "lmstudio": Quirks(
        name="lmstudio",
        refused_formats={"json_object": Reply(
            status=400, error_body={"error": "'response_format.type' must be 'json_schema' or "
                                             "'text'"})},
        usage_in_stream="never",
    ),
    "vllm": Quirks(name="vllm"),
    "llamacpp": Quirks(
        name="llamacpp",
        refused_formats={"json_schema": error(
            500, 'response_format type must be one of "text" or "json_object", but got: '
                 "json_schema")},
        usage_in_stream="always",
    ),
    "tools-as-text": Quirks(name="tools-as-text", tool_calls_as_text=True),
    "no-tools": Quirks(
        name="no-tools",
        refuses_tools=error(400, '"auto" tool choice requires --enable-auto-tool-choice and '
                                 "--tool-call-parser to be set", error_type="BadRequestError"),
    ),
    "slow-first-token": Quirks(name="slow-first-token", first_byte_delay_s=1.5),
}


def profile(name: str) -> Quirks:
    try:
        return PROFILES[name]
    except KeyError:
        raise ValueError(f"unknown quirk profile {name!r}; use one of {sorted(PROFILES)}") from None
