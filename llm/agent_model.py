"""The agent's model client: one per connection settings, posting requests as LangChain built them.

A new client per turn opened a new connection (and TLS handshake) to the model server for every
message and left the old client's pool to the garbage collector. And the OpenAI SDK's
``chat.completions.create`` walks every request's parameters against its typed schema before
sending them (a typed-dict "transform" that, for chat completions, changes nothing in the JSON
LangChain builds: no aliases, no file encodings); with 36 tool schemas and a growing history that
walk was a seventh of the server's CPU per turn. So the agent's streaming call posts the payload
with the SDK's own ``post`` (its documented way to send a request as given), keeping the SDK's
retries-off client, timeouts, headers, error classes and stream parsing.

The body is encoded here with orjson, and handed to ``post`` as bytes: the SDK's own encoder
(the json module with a custom encoder class) took about 0.2 ms per call for the tool schemas
and history, orjson writes the same bytes (compact separators, UTF-8 unescaped) in a fifteenth of
that. The URL is resolved against the base URL once per client instead of on every request.

The streamed reply is read by ``agent_stream.AgentStream`` (LangChain's bound on the wait for
each chunk, kept at less cost; a quicker reading of the usual server-sent event).
"""

from __future__ import annotations

import asyncio
import functools
from typing import Any

import openai
import orjson
from langchain_openai import ChatOpenAI
from openai.types.chat import ChatCompletion

from llm.agent_stream import AgentStream
from llm.structured import ModelConnection, chat_model

# Keyword arguments of ``create`` that are request options, not body fields.
_OPTION_KEYS = {"extra_headers": "headers", "extra_query": "params", "extra_body": "extra_json",
                "timeout": "timeout"}


@functools.lru_cache(maxsize=256)
def streaming_chat_model(conn: ModelConnection, loop: asyncio.AbstractEventLoop) -> ChatOpenAI:
    """The agent's model for one connection, shared by every turn that uses it in ``loop``.

    Keyed by the loop because the client's pooled connections belong to the loop that opened them.
    """
    model = chat_model(conn, streaming=True)
    posted = _PostedAsIs(model.root_async_client, model.async_client)
    if not model._uses_gateway:  # noqa: SLF001 (a gateway's calls do not go through ``posted``)
        posted.silence_s, model.stream_chunk_timeout = model.stream_chunk_timeout, None
        posted.model_name = model.model_name
    model.async_client = posted
    return model


class _PostedAsIs:
    """``chat.completions`` for ChatOpenAI, whose ``create`` posts the parameters unchanged."""

    silence_s: float | None = None  # the longest wait for one streamed chunk (``AgentStream``)
    model_name: str | None = None

    def __init__(self, client: openai.AsyncOpenAI, completions: Any) -> None:
        self._client = client
        self.with_raw_response = completions.with_raw_response  # non-streaming path, unchanged
        # What the SDK's ``_prepare_url`` makes of "/chat/completions" on every request (its base
        # URL always ends in "/"), made once: an absolute URL is taken as it is.
        base = client.base_url
        self._url = str(base.copy_with(raw_path=base.raw_path + b"chat/completions"))

    async def create(self, **params: Any) -> Any:
        options = {_OPTION_KEYS[key]: params.pop(key) for key in list(params)
                   if key in _OPTION_KEYS}
        body, content = _encoded(params, options)
        response = await self._client.post(
            self._url,
            body=body,
            content=content,
            options=options,  # type: ignore[arg-type]
            cast_to=ChatCompletion,
            stream=bool(params.get("stream")),
            # Each streamed chunk as the JSON object it arrived as: LangChain turns a typed chunk
            # straight back into a dict (model_dump), so building one per chunk was work for
            # nothing, and a reply streams in dozens to hundreds of chunks.
            stream_cls=AgentStream,
        )
        if isinstance(response, AgentStream):
            response.silence_s, response.model_name = self.silence_s, self.model_name
        return response


def _encoded(params: dict[str, Any], options: dict[str, Any]) -> tuple[Any, bytes | None]:
    """(body, content) for ``post``: the body as JSON bytes when orjson can write it (the same
    bytes as the SDK's encoder); otherwise (an ``extra_body`` for the SDK to merge, a type or
    key orjson does not write) the parameters for the SDK to encode, as before."""
    if "extra_json" in options:
        return params, None
    try:
        return None, orjson.dumps(params)
    except TypeError:  # orjson.JSONEncodeError: a type or key it does not write
        return params, None

