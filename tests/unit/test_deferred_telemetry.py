"""traceloop.sdk stays unrun through Chainlit's import, and any use of it gets the real SDK.

Run in a fresh interpreter each: the test process has imported Chainlit (and traceloop) already.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap


def run_python(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_chainlit_starts_without_running_traceloop_and_a_use_runs_the_real_sdk() -> None:
    out = run_python("""
        from assistant.deferred_telemetry import defer_traceloop, traceloop_has_run
        defer_traceloop()
        import chainlit, chainlit.server, sys
        from literalai.observability import step
        print("ran at import:", traceloop_has_run(), "tracing" in dir(sys.modules["traceloop.sdk"]))
        method = step.Traceloop.set_association_properties
        from traceloop.sdk import Traceloop
        print("ran on use:", traceloop_has_run(), method.__qualname__,
              Traceloop.__module__, Traceloop is sys.modules["traceloop.sdk"].Traceloop)
    """)
    assert out.splitlines() == [
        "ran at import: False False",
        "ran on use: True Traceloop.set_association_properties traceloop.sdk True",
    ]


def test_a_submodule_import_and_a_module_attribute_work_before_any_use() -> None:
    out = run_python("""
        from assistant.deferred_telemetry import defer_traceloop, traceloop_has_run
        defer_traceloop()
        import chainlit
        import traceloop.sdk.version
        print(traceloop.sdk.version.__name__)
        import traceloop.sdk as sdk
        print(type(sdk.Fetcher).__name__, traceloop_has_run())
    """)
    assert out.splitlines() == ["traceloop.sdk.version", "type True"]
