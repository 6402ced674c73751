"""Settings are reached one way per layer (docs/architecture.md, "Settings").

``core.settings.get_settings()`` builds the one ``Settings`` object (cached); the Chainlit layer
asks ``runtime.settings()``, tools read the ``ToolContext``'s, and the layers below call
``get_settings()`` or take ``settings`` from their caller. A second ``Settings()`` would read the
environment again and could disagree with the running app's.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP = ["assistant", "tools", "workflows", "llm", "engine", "db", "documents", "prompts", "core"]


def sources(*packages: str) -> list[Path]:
    return [path for package in packages for path in sorted((ROOT / package).rglob("*.py"))]


def uses(pattern: str, paths: list[Path]) -> list[str]:
    found = re.compile(pattern)
    return [f"{path.relative_to(ROOT)}:{n}" for path in paths
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if found.search(line)]


def test_only_get_settings_builds_the_settings_object() -> None:
    built = uses(r"\bSettings\(\s*\)", sources(*APP))
    assert [place for place in built if not place.startswith("core/settings.py:")] == []


def test_the_chainlit_layer_asks_the_runtime() -> None:
    others = [p for p in sources("assistant") if p != ROOT / "assistant" / "runtime.py"]
    assert uses(r"\bget_settings\b", others) == []


def test_tools_read_the_settings_from_their_context() -> None:
    assert uses(r"\bget_settings\b|runtime\.settings\(", sources("tools")) == []
