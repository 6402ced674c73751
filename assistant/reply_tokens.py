"""The model's reply, token by token, handed to the chat as the agent's model call streams it.

LangGraph's ``messages`` stream mode does the same through the graph's output queue: for every
chunk it wakes a waiter task, runs a round of ``asyncio.wait`` in the graph's runner and yields
the chunk through the stream, and its handler walks every node's input messages and output. Under
load that bookkeeping was a few percent of a turn's CPU. This callback handler, run inline in the
model call's own task, passes the text of each chunk of the agent's ``model`` node straight on
(model calls made inside tools, whose node is ``tools``, are not the reply) and ignores every
other callback event, so the graph streams only its ``updates``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any
from uuid import UUID

from langchain_core.callbacks import AsyncCallbackHandler
from langchain_core.messages import AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGenerationChunk, LLMResult

MODEL_NODE = "model"  # create_agent's name for the node that calls the model
NOSTREAM_TAG = "nostream"  # langgraph.constants.TAG_NOSTREAM: a model call not to stream


class ReplyTokens(AsyncCallbackHandler):
    """Calls ``on_text`` with the text of each streamed chunk of the agent's model calls."""

    run_inline = True  # in order, in the model call's task, before the next chunk is read
    raise_error = True  # a failure to show the text fails the turn, as it did from the stream

    def __init__(self, on_text: Callable[[str], Awaitable[None]]) -> None:
        self.on_text = on_text
        self._runs: set[UUID] = set()

    @property
    def ignore_chain(self) -> bool:
        return True

    @property
    def ignore_agent(self) -> bool:
        return True

    @property
    def ignore_retriever(self) -> bool:
        return True

    @property
    def ignore_retry(self) -> bool:
        return True

    @property
    def ignore_custom_event(self) -> bool:
        return True

    async def on_chat_model_start(
        self,
        serialized: dict[str, Any],
        messages: list[list[BaseMessage]],
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        tags: list[str] | None = None,
        metadata: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        if (metadata and metadata.get("langgraph_node") == MODEL_NODE
                and not (tags and NOSTREAM_TAG in tags)):
            self._runs.add(run_id)

    async def on_llm_new_token(
        self,
        token: str,
        *,
        chunk: Any = None,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        tags: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        if run_id not in self._runs or not isinstance(chunk, ChatGenerationChunk):
            return
        message = chunk.message
        if isinstance(message, AIMessageChunk):
            text = message.text if isinstance(message.text, str) else ""
            if text:
                await self.on_text(text)

    async def on_llm_end(self, response: LLMResult, *, run_id: UUID, **kwargs: Any) -> None:
        self._runs.discard(run_id)

    async def on_llm_error(self, error: BaseException, *, run_id: UUID, **kwargs: Any) -> None:
        self._runs.discard(run_id)
