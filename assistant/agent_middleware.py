"""Agent middleware: who may use which tools, the system prompt and the model for this person.

Hiding an admin tool from the model is not enough: a model can still emit a call to a tool it
was never shown (or one named in a resume it read), and the tool node would run it. So the role
gate acts twice: it filters the tool list the model sees (inside ``ModelCall``, the one model-call
hook), and it refuses any call to a tool the person may not use. The tools re-check the role in
the database as well.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, Protocol

import openai
from langchain.agents.middleware.types import AgentMiddleware, ModelRequest, ModelResponse
from langchain_core.messages import AIMessage, SystemMessage, ToolMessage
from langchain_core.tools import BaseTool
from langchain_core.utils.function_calling import convert_to_openai_tool
from langgraph.prebuilt.tool_node import ToolCallRequest
from langgraph.types import Command

from core.errors import UserFacingError
from core.roles import ADMIN
from llm.agent_model import streaming_chat_model
from llm.agent_model_quirks import calls_from_text, unreadable_text_call_message
from llm.structured import agent_retry_delay
from prompts import load_prompt
from tools.context import ToolContext
from workflows.admin.guard import AdminScope, record_refusal

log = logging.getLogger(__name__)

REFUSED_TOOL = (
    "Refused: the tool '{name}' is not available to {username}. Do not call it again; "
    "tell the person this is something only an administrator can do."
)


class RoleContext(Protocol):
    """The part of the runtime context the middleware reads (``tools.context.ToolContext``)."""

    @property
    def username(self) -> str: ...

    @property
    def roles(self) -> frozenset[str]: ...

    @property
    def today(self) -> dt.date: ...


def tool_name(tool: BaseTool | dict[str, Any]) -> str:
    if isinstance(tool, BaseTool):
        return tool.name
    function = tool.get("function")
    return str(function.get("name", "")) if isinstance(function, dict) else str(tool.get("name"))


class RoleGate(AgentMiddleware):
    """Shows admin tools to admins only, and refuses calls to them from anyone else."""

    def __init__(self, admin_tool_names: Iterable[str]) -> None:
        super().__init__()
        self.admin_tool_names = frozenset(admin_tool_names)

    def _is_admin(self, context: RoleContext | None) -> bool:
        return context is not None and ADMIN in context.roles

    def visible(self, request: ModelRequest) -> ModelRequest:
        """The request with the tools this person may not use taken out (see ``ModelCall``)."""
        if self._is_admin(request.runtime.context):
            return request
        shown = [t for t in request.tools if tool_name(t) not in self.admin_tool_names]
        return request.override(tools=shown)

    def _refusal(self, request: ToolCallRequest) -> ToolMessage | None:
        name = request.tool_call["name"]
        context = request.runtime.context if request.runtime is not None else None
        if name not in self.admin_tool_names or self._is_admin(context):
            return None
        username = context.username if context is not None else "this person"
        # Worth a warning: either a confused model or someone steering it through a document.
        log.warning("Refused admin tool %s for %s", name, username)
        return ToolMessage(
            content=REFUSED_TOOL.format(name=name, username=username),
            tool_call_id=request.tool_call["id"],
            name=name,
            status="error",
        )

    def wrap_tool_call(
        self,
        request: ToolCallRequest,
        handler: Callable[[ToolCallRequest], ToolMessage | Command[Any]],
    ) -> ToolMessage | Command[Any]:
        # The chat only runs the agent asynchronously, where refusals are also audited.
        return self._refusal(request) or handler(request)

    async def awrap_tool_call(
        self,
        request: ToolCallRequest,
        handler: Callable[[ToolCallRequest], Awaitable[ToolMessage | Command[Any]]],
    ) -> ToolMessage | Command[Any]:
        refusal = self._refusal(request)
        if refusal is None:
            return await handler(request)
        context = request.runtime.context if request.runtime is not None else None
        if isinstance(context, ToolContext):
            # Only the tool's name: its arguments may name other accounts, which the person
            # reading a refusal in the log must not learn about from here.
            scope = AdminScope(context.session_factory, context.account_id)
            await record_refusal(scope, f"tool:{request.tool_call['name']}")
        return refusal


class PersonalSystemPrompt:
    """Renders ``prompts/system.txt`` for the person of this run (name, today's date).

    Built per model call rather than stored: the checkpoint keeps only the conversation, so a
    resumed thread gets today's date and the current prompt version.
    """

    def __init__(self, prompt_name: str = "system") -> None:
        self.prompt_name = prompt_name

    def with_prompt(self, request: ModelRequest) -> ModelRequest:
        context: RoleContext = request.runtime.context
        text = load_prompt(self.prompt_name).render(
            display_name=context.username, today=context.today.isoformat()
        )
        return request.override(system_message=SystemMessage(content=text))


class ModelCall(AgentMiddleware):
    """Tailor's side of every model call in one hook: the tools this person may see, their
    system prompt, and (for the shared agent) their model.

    One hook rather than a middleware each: ``create_agent`` wraps every middleware hook in
    LangSmith's ``traceable`` and chains the hooks through closures, and that bookkeeping, per
    hook and per model call, cost more than the work the hooks do.
    """

    def __init__(self, gate: RoleGate, prompt: PersonalSystemPrompt,
                 model_from_context: ModelFromContext | None = None) -> None:
        super().__init__()
        self.gate, self.prompt, self.model_from_context = gate, prompt, model_from_context

    def _prepared(self, request: ModelRequest) -> ModelRequest:
        return self.prompt.with_prompt(self.gate.visible(request))

    def wrap_model_call(
        self, request: ModelRequest, handler: Callable[[ModelRequest], ModelResponse]
    ) -> ModelResponse:
        if self.model_from_context is not None:
            raise NotImplementedError("the shared agent only runs asynchronously")
        return handler(self._prepared(request))

    async def awrap_model_call(
        self, request: ModelRequest, handler: Callable[[ModelRequest], Awaitable[ModelResponse]]
    ) -> ModelResponse:
        request = self._prepared(request)
        if self.model_from_context is None:
            return await handler(request)
        return await self.model_from_context.call(request, handler)


class ModelFromContext:
    """Calls the model of the person in this run (``ToolContext.model``), not a fixed one.

    So one compiled agent serves everyone: compiling it per turn (binding every tool's schema,
    building the tool node) was a tenth of the server's work per message. The tools reach the
    model as their OpenAI schemas, converted once per process instead of on every call.
    """

    async def call(
        self, request: ModelRequest, handler: Callable[[ModelRequest], Awaitable[ModelResponse]]
    ) -> ModelResponse:
        connection = getattr(request.runtime.context, "model", None)
        if connection is None:
            raise RuntimeError("the shared agent was run without a model in its context")
        request = request.override(
            model=streaming_chat_model(connection, asyncio.get_running_loop()),
            tools=[openai_schema(tool) for tool in request.tools],
        )
        attempt = 0
        while True:
            try:
                return _with_text_calls_read(await handler(request), request, connection)
            except openai.APIError as error:
                delay = agent_retry_delay(error, attempt, connection)
                if delay is None:
                    raise
                log.info("Model call failed (%s); retry %d in %.1f s",
                         type(error).__name__, attempt + 1, delay)
                await asyncio.sleep(delay)
                attempt += 1


def _with_text_calls_read(response: ModelResponse, request: ModelRequest,
                          connection: Any) -> ModelResponse:
    """A tool call the server passed through as text becomes the call it is (see
    ``agent_model_quirks``); the person never saw it, as the chat holds such text back. One
    that cannot be read is refused with a message rather than shown raw."""
    if (not isinstance(response, ModelResponse) or not response.result
            or not isinstance(response.result[-1], AIMessage)):
        return response
    offered = {tool_name(tool) for tool in request.tools}
    read = calls_from_text(response.result[-1], offered)
    if read is None:
        refused = unreadable_text_call_message(response.result[-1], connection.model,
                                               connection.base_url)
        if refused is not None:
            raise UserFacingError(refused)
        return response
    log.info("Read %d tool call(s) the model server sent as text", len(read.tool_calls))
    return ModelResponse(result=[*response.result[:-1], read],
                         structured_response=response.structured_response)


# Keyed by id() with the tool kept alive beside its schema, so an id is never reused.
_schemas: dict[int, tuple[BaseTool, dict[str, Any]]] = {}


def openai_schema(tool: BaseTool | dict[str, Any]) -> dict[str, Any]:
    """The tool as the model is shown it (the tool node still runs it by name)."""
    if isinstance(tool, dict):
        return tool
    cached = _schemas.get(id(tool))
    if cached is None or cached[0] is not tool:
        cached = _schemas[id(tool)] = (tool, convert_to_openai_tool(tool))
    return cached[1]
