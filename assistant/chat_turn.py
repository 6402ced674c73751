"""One agent turn in the chat: tokens streamed into messages, each tool call a visible step.

What can go wrong reaches the person in one of two ways: a ``UserFacingError`` raised by a tool
or workflow is shown verbatim; a failure of the model server itself (timeout, refused key,
rate limit) is described by the model client's own wording. Anything else is a bug and
propagates, so Chainlit logs it and the E2E tests fail on the traceback.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from dataclasses import dataclass, field
from typing import Any

import chainlit as cl
import openai
from langchain_core.messages import AIMessage, ToolMessage
from langgraph.errors import GraphRecursionError

from assistant import runtime
from assistant.agent import answer_unanswered_tool_calls, run_config
from assistant.chat_artifacts import Deliverables, send_deliverables
from assistant.chat_match_card import show_card
from assistant.chat_progress import ChainlitProgress
from assistant.chat_steps import readable_result, step_title
from assistant.chat_stream import BatchedStream
from assistant.record_ownership import is_uuid
from assistant.reply_tokens import ReplyTokens
from assistant.step_writes import show_ended, show_started
from core.errors import UserFacingError
from db.models import Account
from llm.agent_model_quirks import may_be_text_call
from llm.structured import ModelConnection, describe_model_error
from tools import tools_for
from tools.context import ToolContext

log = logging.getLogger(__name__)

INTERRUPTED = (
    "interrupted: the server stopped before this call finished. Nothing of it was saved except "
    "finished tailoring roles, which a new call reuses; call it again if it is still wanted"
)
ID_SEPARATOR = ":"  # agent message id = Chainlit message id + ":" + its own part
HISTORY_COMPLETE = "tailor_history_complete"  # user-session key: last turn ended properly
GAVE_UP = (
    "I went round in circles on this request and stopped. Please ask again in smaller steps "
    "(for example: first import the resume, then save the job)."
)


@dataclass
class TurnView:
    """The Chainlit side of one turn: the message being streamed and the open tool steps."""

    progress: ChainlitProgress
    answer: BatchedStream | None = None
    steps: dict[str, cl.Step] = field(default_factory=dict)
    deliverables: Deliverables = field(default_factory=Deliverables)
    # The start of a reply that may be a tool call the server sent as text: shown only if the
    # reply turns out not to be one (see ``agent_model_quirks``).
    held: str = ""

    async def token(self, text: str) -> None:
        if self.answer is None and may_be_text_call(self.held + text):
            self.held += text
            return
        text, self.held = self.held + text, ""
        if self.answer is None:
            self.answer = BatchedStream(cl.Message(content=""))
        await self.answer.add(text)

    async def end_answer(self) -> None:
        """Close the message streamed so far, so text after the next tool call starts anew."""
        held, self.held = self.held, ""
        if held.strip():  # it was not a tool call after all
            self.answer = self.answer or BatchedStream(cl.Message(content=""))
            await self.answer.add(held)
        if self.answer is not None:
            await self.answer.finish()
            self.answer = None

    async def tool_started(self, call: dict[str, Any]) -> None:
        self.held = ""  # the call itself, read from the text
        await self.end_answer()
        # A readable title and no input block: the arguments (ids, the posting) are the model's.
        step = cl.Step(name=step_title(call["name"]), type="tool", show_input=False,
                       metadata={"tool": call["name"]})
        step.start = dt.datetime.now(dt.UTC).isoformat()
        await show_started(step)  # stored once, when it ends (unless it runs long)
        self.steps[call["id"]] = step
        self.progress.tool_step_id = step.id

    async def tool_finished(self, result: ToolMessage) -> None:
        step = self.steps.pop(result.tool_call_id, None)
        self.deliverables.add(result.artifact)
        await show_card(result.artifact)  # as soon as the tool is done, above the reply
        if step is None:
            return
        step.output = readable_result(result.text, result.artifact)
        step.is_error = result.status == "error"
        step.end = dt.datetime.now(dt.UTC).isoformat()
        await show_ended(step)

    async def fail_open_steps(self, reason: str) -> None:
        for step in self.steps.values():
            step.output, step.is_error = reason, True
            await show_ended(step)
        self.steps.clear()


def tool_context(account: Account, thread_id: str, progress: ChainlitProgress,
                 model: ModelConnection | None) -> ToolContext:
    return ToolContext(
        account_id=account.id,
        username=account.username,
        roles=frozenset(account.roles or ()),
        thread_id=thread_id,
        session_factory=runtime.session_factory(),
        progress=progress,
        settings=runtime.settings(),
        model=model,
        today=dt.date.today(),
    )


async def run_turn(account: Account, connection: ModelConnection, text: str) -> None:
    """Answer one message from the person with the agent, showing the work as it happens."""
    thread_id = cl.context.session.thread_id
    view = TurnView(progress=ChainlitProgress())
    agent = await runtime.agent(tools_for(frozenset(account.roles or ())))
    context = tool_context(account, thread_id, view.progress, connection)
    config = run_config(thread_id)
    # A turn cut short (kill -9, power loss, the Stop button) left its tool calls without
    # results; the model must see that they did not finish, and model servers refuse the thread
    # otherwise. Only a turn of this session that ended properly spares the look at the history.
    if not cl.user_session.get(HISTORY_COMPLETE):
        await answer_unanswered_tool_calls(agent, config, INTERRUPTED)
    cl.user_session.set(HISTORY_COMPLETE, False)
    try:
        async for update in agent.astream(
            {"messages": [user_message(text)]},
            # The reply's text comes through this handler as the model streams it; the graph's
            # stream carries only each node's update (the tool calls and their results).
            {**config, "callbacks": [ReplyTokens(view.token)]},
            context=context,
            stream_mode="updates",
            # One checkpoint when the turn ends (also when it fails), not one per step: the
            # per-step writes were a tenth of a turn's CPU. A turn whose process dies is
            # rebuilt from what Chainlit stored when the thread is reopened (turn_rebuild.py).
            durability="exit",
        ):
            await _on_update(view, update)
    except UserFacingError as error:
        failure = error.message
    except openai.APIError as error:
        log.warning("Model call failed for %s: %s", account.username, type(error).__name__)
        failure = describe_model_error(error, connection)
    except GraphRecursionError:
        failure = GAVE_UP
    else:
        cl.user_session.set(HISTORY_COMPLETE, True)
        await view.end_answer()
        await send_deliverables(view.deliverables)
        return
    await answer_unanswered_tool_calls(agent, config, failure)
    cl.user_session.set(HISTORY_COMPLETE, True)
    view.held = ""  # a tool call sent as text that failed is explained, not shown raw
    await view.fail_open_steps(failure)
    await view.end_answer()
    await send_deliverables(view.deliverables)  # files made before the failure are still theirs
    await cl.Message(content=failure).send()


def user_message(text: str) -> dict[str, Any]:
    """The person's message for the agent, its id starting with the id of the Chainlit message
    it answers (when a typed message started the turn), so a reopened thread can tell whether
    the agent's history holds that message (see turn_rebuild.py). Never the bare Chainlit id:
    an edited message keeps its id, and the agent's history replaces a message with the same
    id instead of adding the new one."""
    message: dict[str, Any] = {"role": "user", "content": text}
    run = cl.context.current_run  # Chainlit's "on_message" run; its parent is the message
    if run is not None and run.name == "on_message" and is_uuid(run.parent_id):
        message["id"] = f"{run.parent_id}{ID_SEPARATOR}{uuid.uuid4().hex}"
    return message


async def _on_update(view: TurnView, update: dict[str, Any]) -> None:
    for node, values in update.items():
        messages = values.get("messages", []) if isinstance(values, dict) else []
        for message in messages:
            if node == "model" and isinstance(message, AIMessage):
                for call in message.tool_calls:
                    await view.tool_started(call)
            elif isinstance(message, ToolMessage):
                await view.tool_finished(message)
