"""Pytest fixtures for the scripted LLM. Load with `pytest_plugins = ["<package>.fixtures"]`.

One server for the whole session: langchain-openai caches its HTTP clients per base URL, and a
stable URL keeps that cache useful. Each test gets it with an empty script and no records.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .quirk_profiles import Quirks
from .scripted_llm import ScriptedLLM


@pytest.fixture(scope="session")
def scripted_llm_server() -> Iterator[ScriptedLLM]:
    with ScriptedLLM() as server:
        yield server


@pytest.fixture
def scripted_llm(scripted_llm_server: ScriptedLLM) -> Iterator[ScriptedLLM]:
    scripted_llm_server.reset()
    scripted_llm_server.quirks = Quirks()  # a test plays a server's quirks by setting them
    yield scripted_llm_server
    unscripted = scripted_llm_server.unscripted
    scripted_llm_server.reset()
    if unscripted:
        pytest.fail(
            f"the model was asked {len(unscripted)} time(s) more than the script answers; "
            f"first unanswered request: {unscripted[0].messages[-1:]}"
        )
