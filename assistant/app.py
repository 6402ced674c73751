"""Chainlit entry point (`chainlit run assistant/app.py`): wires callbacks, nothing more.

Sign-in lives in assistant/auth.py, the conversation in assistant/chat.py (loaded on first use
through assistant/chat_entry.py), persistence in
assistant/datalayer.py and assistant/filestore.py, extra pages
in assistant/web/.
"""

from __future__ import annotations

import chainlit as cl
from chainlit.server import app as chainlit_app

from assistant import (
    chat_entry,
    chat_uploads,
    datalayer,
    flat_loop,
    runtime,
    step_clock,
    warmup,
    web,
)

# Chainlit checks for its JWT secret right after loading this module.
runtime.ensure_auth_secret()
runtime.trust_forwarded_headers_only_from_proxies()
web.install(chainlit_app)
chat_uploads.apply_upload_limit()
step_clock.install()  # no blocking sleep per step (assistant/step_clock.py)
flat_loop.install()  # C tasks and futures, no nested event loop (assistant/flat_loop.py)

cl.password_auth_callback(chat_entry.password_login)
cl.data_layer(datalayer.create_data_layer)
# The conversation code loads on first use (assistant/chat_entry.py); its buttons register then.
cl.set_chat_profiles(chat_entry.chat_profiles)
cl.set_starters(chat_entry.starters)
cl.on_chat_start(chat_entry.start_chat)
cl.on_chat_resume(chat_entry.resume_chat)
cl.on_message(chat_entry.reply)
cl.on_settings_update(chat_entry.update_settings)
cl.on_app_startup(warmup.start_export_warm_up)
cl.on_app_shutdown(runtime.shut_down)
