"""The agent: LangChain's ``create_agent`` with Tailor's tools, middleware and checkpointer.

The agent object holds no conversation: the checkpointer (keyed by the Chainlit thread id) holds
the history, so one compiled agent serves every chat with the same tools, and a fresh one
continues a resumed thread where it stopped.
The person, their roles and their model reach the tools through the runtime context
(``tools.context.ToolContext``), never through Chainlit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from langchain.agents import create_agent
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, ToolMessage
from langchain_core.tools import BaseTool
from langchain_openai import ChatOpenAI
from langgraph.checkpoint.base import BaseCheckpointSaver
from pydantic import BaseModel

from assistant.agent_middleware import ModelCall, ModelFromContext, PersonalSystemPrompt, RoleGate

# Enough for the longest honest chain (import, save job, analyse, match, tailor, letter, export)
# with room for a retry or two, while a model stuck in a tool loop still stops.
RECURSION_LIMIT = 40


def build_agent(
    model: BaseChatModel | None,
    tools: Sequence[BaseTool],
    checkpointer: BaseCheckpointSaver | None,
    *,
    admin_tool_names: Iterable[str] | None = None,
    context_schema: type | None = None,
) -> Any:
    """A compiled agent graph; run it with ``run_config(thread_id)`` and a ToolContext.

    With ``model=None`` each model call uses the connection in the run's context
    (``ToolContext.model``), so one graph serves every person with the same tools.
    ``admin_tool_names`` and ``context_schema`` default to ``tools.ADMIN_TOOL_NAMES`` and
    ``tools.context.ToolContext``; tests pass their own.
    """
    if admin_tool_names is None:
        from tools import ADMIN_TOOL_NAMES

        admin_tool_names = ADMIN_TOOL_NAMES
    if context_schema is None:
        from tools.context import ToolContext

        context_schema = ToolContext
    gate = RoleGate(admin_tool_names)
    model_from_context = None
    if model is None:
        model_from_context = ModelFromContext()
        # create_agent wants a model; ModelFromContext replaces it on every call.
        model = ChatOpenAI(model="chosen-per-call", api_key="unused", base_url="http://unused.invalid")
    middleware: list[Any] = [gate, ModelCall(gate, PersonalSystemPrompt(), model_from_context)]
    return create_agent(
        model,
        [runtime_never_dumped(tool) for tool in tools],
        middleware=middleware,
        context_schema=context_schema,
        checkpointer=checkpointer,
    )


def runtime_never_dumped(tool: BaseTool) -> BaseTool:
    """The tool, its validated input no longer serialising the injected ``runtime`` argument.

    LangChain's ``BaseTool._parse_input`` validates a call's arguments with the tool's schema,
    then ``model_dump()``s the result only to learn the field names, and passes the injected
    arguments on from the input as given. The dump walked the whole ``ToolRuntime``: the thread's
    messages, the config with the graph's internals, the context: a few percent of a turn's CPU,
    growing with the conversation. Excluding the field from serialisation changes nothing the
    tool receives (the model never sees injected arguments either). Idempotent.
    """
    schema = tool.args_schema
    if not isinstance(schema, type) or not issubclass(schema, BaseModel):
        return tool
    fields = [schema.model_fields[key] for key in tool._injected_args_keys  # noqa: SLF001
              if key in schema.model_fields]
    if any(not field.exclude for field in fields):
        for field in fields:
            field.exclude = True
        schema.model_rebuild(force=True)
    return tool


def run_config(thread_id: str) -> dict[str, Any]:
    return {"configurable": {"thread_id": thread_id}, "recursion_limit": RECURSION_LIMIT}


async def answer_unanswered_tool_calls(agent: Any, config: dict[str, Any], reason: str) -> int:
    """Give every tool call of a failed turn a result saying it failed; returns how many.

    A turn that stops mid-way (the model server timed out inside a tool, a tool raised a
    person-facing error) leaves the model's tool calls in the checkpoint without results, and
    OpenAI-compatible servers reject such a conversation on every later turn.
    """
    state = await agent.aget_state(config)
    messages = state.values.get("messages", []) if state.values else []
    answered = {m.tool_call_id for m in messages if isinstance(m, ToolMessage)}
    last_call = next((m for m in reversed(messages) if isinstance(m, AIMessage)), None)
    missing = [c for c in (last_call.tool_calls if last_call else []) if c["id"] not in answered]
    if missing:
        results = [
            ToolMessage(content=f"Failed: {reason}", tool_call_id=call["id"], name=call["name"],
                        status="error")
            for call in missing
        ]
        await agent.aupdate_state(config, {"messages": results}, as_node="tools")
    return len(missing)
