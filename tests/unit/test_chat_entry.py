"""The app starts without the conversation code; the first chat use loads it and its buttons.

Each check runs in a fresh interpreter, loading assistant/app.py the way `chainlit run` does.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_app_python(code: str) -> list[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TAILOR_", "CHAINLIT_"))}
    # Never reached: loading the app and the chat code connects to nothing.
    env.update(TAILOR_DATABASE_URL="postgresql://nobody@127.0.0.1:1/none",
               CHAINLIT_AUTH_SECRET="a-test-secret-that-is-long-enough-to-pass-checks")
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()


def test_the_app_loads_without_the_agent_and_its_model_clients() -> None:
    out = run_app_python("""
        import sys
        from chainlit.config import config, load_module
        load_module("assistant/app.py")
        heavy = ["assistant.chat", "langchain", "langchain_openai", "langgraph", "tools"]
        print(sorted(name for name in heavy if name in sys.modules))
        print(bool(config.code.on_message), bool(config.code.on_chat_start))
    """)
    assert out == ["[]", "True True"]


def test_the_first_chat_use_loads_the_chat_and_registers_every_button() -> None:
    out = run_app_python("""
        import asyncio
        from chainlit.config import config, load_module
        load_module("assistant/app.py")
        before = set(config.code.action_callbacks)
        from assistant import chat_entry
        chat = asyncio.run(chat_entry.chat_module())
        print(sorted(before))
        print(set(config.code.action_callbacks) == set(chat.action_callbacks()))
    """)
    assert out == ["[]", "True"]


def test_the_chat_code_loads_without_the_pdf_reader() -> None:
    # pypdf is ~10 MiB of every signed-in server; the first PDF upload or export loads it.
    out = run_app_python("""
        import asyncio, sys
        from chainlit.config import load_module
        load_module("assistant/app.py")
        from assistant import chat_entry
        asyncio.run(chat_entry.chat_module())
        print("pypdf" in sys.modules)
        from documents.importers import extract_text
        from documents.render.ats_check import check_export
        print(callable(extract_text) and callable(check_export), "pypdf" in sys.modules)
    """)
    assert out == ["False", "True False"]


def test_the_exporters_warm_up_and_the_chat_load_never_import_at_the_same_time() -> None:
    # A sign-in (or the setup page) right after start loads the chat code while the exporters
    # warm up; both import documents.render, python-docx and lxml, and two threads importing
    # the same package at once can hand one of them a half-initialised package.
    out = run_app_python("""
        import sys, threading, time
        spans = {}

        def note(event, args):
            if event == "import":
                now = time.perf_counter()
                spans.setdefault(threading.current_thread().name, [now, now])[1] = now

        sys.addaudithook(note)
        from chainlit.config import load_module
        load_module("assistant/app.py")
        from assistant import chat_entry, warmup
        warming = warmup.start_export_warm_up()
        chat_entry.begin_loading()
        for thread in [warming, *(t for t in threading.enumerate() if t.name == "chat-import")]:
            thread.join()
        (w0, w1), (c0, c1) = spans["export-warm-up"], spans["chat-import"]
        print(w1 < c0 or c1 < w0)
    """)
    assert out == ["True"]
