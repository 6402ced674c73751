"""A real ChatOpenAI configured the way Tailor configures it, pointed at a scripted server."""

from __future__ import annotations

from typing import Any, Protocol

from langchain_openai import ChatOpenAI

TEST_API_KEY = "test-key"


class ServesOpenAI(Protocol):
    @property
    def base_url(self) -> str: ...


def scripted_chat_model(server: ServesOpenAI, **overrides: Any) -> ChatOpenAI:
    """`overrides` replace any setting, e.g. `max_retries=1` or `timeout=0.3`."""
    settings: dict[str, Any] = {
        "base_url": server.base_url,
        "api_key": TEST_API_KEY,
        "model": "scripted",
        # Usage while streaming is off for custom base URLs unless asked for.
        "stream_usage": True,
        # Some model names switch the client to /v1/responses, which local servers lack.
        "use_responses_api": False,
        "max_retries": 0,
        "timeout": 10,
    }
    return ChatOpenAI(**{**settings, **overrides})
