"""Under `chainlit run` / `tailor serve` the server runs on asyncio's C tasks and futures again
(Chainlit's nest_asyncio swapped in the pure-Python ones, about a fifth of the CPU per turn),
and a browser that names a chat profile still gets a session.

Checked in a fresh interpreter: importing ``chainlit.cli`` patches asyncio for the whole process.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import chainlit as cl

from assistant import chat

SERVER_PROCESS = textwrap.dedent("""
    import asyncio, types, _asyncio
    import chainlit.cli  # applies nest_asyncio, as `chainlit run` does
    import chainlit as cl
    from chainlit.config import config
    from chainlit.session import WebsocketSession
    from assistant import flat_loop

    calls = []

    async def profiles(user):
        calls.append(user)
        return [cl.ChatProfile(name="Tailor", markdown_description="hi", default=True)]

    config.code.set_chat_profiles = profiles
    flat_loop.install()

    async def main():
        loop = asyncio.get_running_loop()
        assert type(asyncio.current_task()) is _asyncio.Task, type(asyncio.current_task())
        assert type(loop.create_future()) is _asyncio.Future
        assert asyncio.get_event_loop is asyncio.events.get_event_loop is _asyncio.get_event_loop
        assert asyncio.get_event_loop() is loop
        session = types.SimpleNamespace(chat_profile="Tailor", user=None, language="en-US")
        assert WebsocketSession.get_config(session) is config
        assert calls == [], "the profiles callback ran inside a synchronous call"
        inner = asyncio.sleep(0)
        try:
            loop.run_until_complete(inner)
        except RuntimeError as error:
            print("nested:", error)
        finally:
            inner.close()

    asyncio.run(main())
    print("ok")
""")


def test_the_server_runs_on_c_tasks_and_never_nests_the_event_loop() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SERVER_PROCESS], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "nested: This event loop is already running" in done.stdout
    assert done.stdout.strip().endswith("ok")


async def test_tailor_chat_profiles_override_no_settings() -> None:
    # assistant/flat_loop.py serves every session the global config on this ground.
    profiles = await chat.chat_profiles(None)
    assert profiles and all(isinstance(p, cl.ChatProfile) for p in profiles)
    assert all(p.config_overrides is None for p in profiles)
