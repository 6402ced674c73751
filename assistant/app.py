"""Chainlit entry point (`chainlit run assistant/app.py`): wires callbacks, nothing more.

Sign-in lives in assistant/auth.py, the conversation in assistant/chat.py, persistence in
assistant/datalayer.py and assistant/filestore.py, extra pages
in assistant/web/.
"""

from __future__ import annotations

import chainlit as cl
from chainlit.server import app as chainlit_app

from assistant import auth, chat, chat_uploads, datalayer, runtime, warmup, web

# Chainlit checks for its JWT secret right after loading this module.
runtime.ensure_auth_secret()
runtime.trust_forwarded_headers_only_from_proxies()
web.install(chainlit_app)
chat_uploads.apply_upload_limit()

cl.password_auth_callback(auth.password_login)
cl.data_layer(datalayer.create_data_layer)
cl.set_chat_profiles(chat.chat_profiles)
cl.set_starters(chat.starters)
cl.on_chat_start(chat.start_chat)
cl.on_chat_resume(chat.resume_chat)
cl.on_message(chat.reply)
cl.on_settings_update(chat.update_settings)
for _name, _handler in chat.action_callbacks().items():
    cl.action_callback(_name)(_handler)
cl.on_app_startup(warmup.start_export_warm_up)
cl.on_app_shutdown(runtime.close_checkpointer)
