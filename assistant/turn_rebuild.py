"""A turn cut short by the death of its process, put back into the agent's history from what
Chainlit stored.

The agent writes its checkpoint once, when a turn ends (``durability="exit"`` in chat_turn.py):
a turn that fails still saves what it did, but a process killed mid-turn (``kill -9``, power
loss) leaves the agent's history as it was before the person's message. Chainlit wrote the
message, the answers sent before the cut and each tool step as they happened, so when the
thread is reopened those rows tell the agent what the person asked and which steps finished,
and every tool call gets a result (the one cut says it did not finish), as model servers
require.
"""

from __future__ import annotations

from typing import Any

from chainlit.types import ThreadDict
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage

from assistant.agent import run_config
from assistant.chat_turn import ID_SEPARATOR
from assistant.chat_turn import INTERRUPTED as CUT_STEP  # what the agent reads for a cut call

FINISHED_STEP = "Finished before the server stopped. The person was shown: {output}"
FAILED_STEP = "Failed: {output}"


async def restore_cut_turn(agent: Any, thread: ThreadDict, notice: str) -> bool:
    """Append the thread's last, unanswered turn to the agent's history if it is missing there;
    True when it was appended. ``notice`` is what the person is told about the cut turn."""
    steps = list(thread.get("steps") or [])
    asked = next((i for i in range(len(steps) - 1, -1, -1)
                  if steps[i].get("type") == "user_message"), None)
    if asked is None:
        return False
    message = steps[asked]
    config = run_config(thread["id"])
    state = await agent.aget_state(config)
    history: list[BaseMessage] = state.values.get("messages", []) if state.values else []
    if any(isinstance(m, HumanMessage) and chainlit_id(m) == message["id"] for m in history):
        return False  # the turn ended and was saved (or failed and was saved)
    if history and not _ends_a_turn(history[-1]):
        # Written step by step (before durability "exit"): the cut turn is there already, and
        # the next turn answers its open tool calls (agent.answer_unanswered_tool_calls).
        return False
    rebuilt: list[BaseMessage] = [HumanMessage(content=message.get("output") or "",
                                               id=f"{message['id']}{ID_SEPARATOR}rebuilt")]
    for step in steps[asked + 1:]:
        rebuilt.extend(_as_messages(step))
    rebuilt.append(AIMessage(content=notice))
    await agent.aupdate_state(config, {"messages": rebuilt}, as_node="model")
    return True


def chainlit_id(message: BaseMessage) -> str:
    """The id of the Chainlit message an agent message was made from ("" if none)."""
    return (message.id or "").split(ID_SEPARATOR, 1)[0]


def _ends_a_turn(message: BaseMessage) -> bool:
    """A finished turn ends with the model's answer: text, no tool call left open."""
    return isinstance(message, AIMessage) and not message.tool_calls


def _as_messages(step: dict[str, Any]) -> list[BaseMessage]:
    if step.get("type") == "assistant_message" and step.get("output"):
        return [AIMessage(content=step["output"])]
    if step.get("type") != "tool":
        return []
    name = (step.get("metadata") or {}).get("tool") or step.get("name") or "tool"
    call_id = f"call_{str(step['id']).replace('-', '')[:24]}"
    output = step.get("output") or ""
    if not step.get("end"):
        content, status = CUT_STEP, "error"
    elif step.get("isError"):
        content, status = FAILED_STEP.format(output=output), "error"
    else:
        content, status = FINISHED_STEP.format(output=output), "success"
    # The call's arguments were the model's and were not stored; the result says what happened.
    call = {"name": name, "args": {}, "id": call_id, "type": "tool_call"}
    return [AIMessage(content="", tool_calls=[call]),
            ToolMessage(content=content, tool_call_id=call_id, name=name, status=status)]
