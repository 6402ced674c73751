"""The reply's text reaches the chat through ReplyTokens while the shared agent streams it.

The shared agent as the chat runs it (``build_agent(None, ...)``, the person's model from the
context, stream mode ``updates``) against the scripted model server: the text arrives in pieces,
in order, before the turn's last update, and a tool call's arguments never arrive as text.
"""

from __future__ import annotations

import datetime as dt
import uuid

from langchain_core.messages import AIMessage
from langgraph.checkpoint.memory import InMemorySaver
from pydantic import SecretStr
from support.llm_script import text, tool_call
from support.scripted_llm import ScriptedLLM

from assistant.agent import build_agent, run_config
from assistant.reply_tokens import ReplyTokens
from core.settings import Settings
from llm.structured import ModelConnection
from tools import ALL_TOOLS
from tools.context import ToolContext
from workflows.accounts.model_settings import reply_limits

REPLY = "Here is your resume as it stands, with every role you saved."


def context(llm: ScriptedLLM) -> ToolContext:
    conn = ModelConnection(base_url=llm.base_url, api_key=SecretStr("k"), model="scripted",
                           timeout_s=30, max_retries=0, backoff_s=0.01,
                           limits=reply_limits(Settings()))
    # The tool below fails before it touches the database, so none is needed.
    return ToolContext(account_id=uuid.uuid4(), username="ada", roles=frozenset(),
                       thread_id="t", session_factory=None, progress=None, settings=None,
                       model=conn, today=dt.date.today())


async def test_the_reply_streams_in_pieces_in_order_and_tool_calls_never_show(
    scripted_llm: ScriptedLLM,
):
    scripted_llm.add(tool_call("set_job_status", {"job_id": "not-a-job", "status": "applied"}),
                     text(REPLY))
    agent = build_agent(None, ALL_TOOLS, InMemorySaver())
    events: list[tuple[str, str]] = []

    async def show(piece: str) -> None:
        events.append(("text", piece))

    config = {**run_config(str(uuid.uuid4())), "callbacks": [ReplyTokens(show)]}
    async for update in agent.astream({"messages": [{"role": "user", "content": "applied!"}]},
                                      config, context=context(scripted_llm),
                                      stream_mode="updates"):
        for node, values in update.items():
            last = values["messages"][-1]
            events.append(("update", node if not isinstance(last, AIMessage) or not
                           last.tool_calls else "tool call"))
    pieces = [piece for kind, piece in events if kind == "text"]
    assert "".join(pieces) == REPLY and len(pieces) > 3
    kinds = [kind if kind == "update" else "text" for kind, _ in events]
    # The call, its result, then the reply's text, all before the reply's own update.
    assert [e for e in events if e[0] == "update"] == [
        ("update", "tool call"), ("update", "tools"), ("update", "model")]
    assert kinds.index("text") > 1 and kinds[-1] == "update"
