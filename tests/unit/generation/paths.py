"""Where the engine's test data lives (the eval harness's golden cases, shared with the tests)."""

from __future__ import annotations

from pathlib import Path

CASES = Path(__file__).resolve().parents[3] / "evals" / "cases"
PLATFORM_RESUME = CASES / "platform" / "resume.md"
