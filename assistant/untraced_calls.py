"""LangSmith's bookkeeping around each agent middleware call, kept on the event loop.

LangChain's ``create_agent`` wraps every middleware hook (``awrap_model_call``,
``awrap_tool_call``) in LangSmith's ``traceable``. Even with tracing off, each wrapped call
hands two small functions (set up the run, end the run) to a worker thread and back, and runs
the hook in a task of its own: with three middleware that is a dozen thread round trips per
turn, which under load was several percent of a turn's CPU (py-spy, docs/deploy.md). Tailor
never sends traces, and with tracing off those functions only decide that nothing is traced,
so they run inline here. With tracing switched on (``LANGSMITH_TRACING``), LangSmith's own
thread hand-off is kept.
"""

from __future__ import annotations

import contextvars
from typing import Any

_installed = False


async def _inline_unless_tracing(
    default: Any, ctx: contextvars.Context, func: Any, /, *args: Any, **kwargs: Any
) -> Any:
    from langsmith.utils import tracing_is_enabled

    if ctx.run(tracing_is_enabled):
        return await default(ctx, func, *args, **kwargs)
    return ctx.run(func, *args, **kwargs)  # the same context LangSmith's thread would use


def keep_untraced_calls_on_the_loop() -> None:
    """Install the override once per process (LangSmith's public runtime hook)."""
    global _installed
    if _installed:
        return
    import langsmith

    langsmith.set_runtime_overrides(aio_to_thread=_inline_unless_tracing)
    _installed = True
