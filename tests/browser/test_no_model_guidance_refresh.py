"""The start screen's no-model guidance goes away by itself once a default model is set.

Chainlit fetches the start screen's text once per page, so "I am not connected to a language
model yet" used to stay until the person reloaded. An administrator sets the instance default
model elsewhere (here straight in the database, as their confirmed `/defaultmodel` does); the
open page notices within its next check and shows the start screen without the warning.
Screenshots under test-artifacts/browser/guidance-*.png.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from e2e.fixtures import ADMIN
from playwright.sync_api import ConsoleMessage, Page, expect

from browser.test_journey_in_browser import WAIT_MS, page, sign_in_as_first_admin
from browser.test_remote_content import _in_own_loop
from db.llm_settings import upsert_settings

pytestmark = [pytest.mark.browser, pytest.mark.timeout(180)]

__all__ = ["page"]  # the fixture, re-used from the journey test

NO_MODEL = "not connected to a language model"
# The page checks every 10 s; a slow machine may take a while to answer.
REFRESH_MS = 25_000


async def _set_default_model(session) -> None:
    await upsert_settings(session, None, base_url="http://127.0.0.1:9/v1", model="scripted")


def test_guidance_goes_once_a_default_model_is_set(
    start_server, in_database, page: Page, artifacts_dir: Path
):
    shots = artifacts_dir / "browser"
    shots.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    signed_in = False

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error" and signed_in:
            problems.append(f"console: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    base = start_server(OPENAI_BASE_URL="", OPENAI_API_KEY="").base_url
    sign_in_as_first_admin(page, base)
    signed_in = True
    welcome = page.locator("#welcome-screen")
    expect(welcome).to_contain_text(NO_MODEL)
    assert ADMIN[0] in welcome.inner_text()
    page.screenshot(path=shots / "guidance-before-a-model-is-set.png")

    _in_own_loop(lambda: in_database(_set_default_model))
    expect(page.locator("#welcome-screen")).not_to_contain_text(NO_MODEL, timeout=REFRESH_MS)
    expect(page.locator("#welcome-screen")).to_contain_text("Hello, alice!", timeout=WAIT_MS)
    page.screenshot(path=shots / "guidance-gone-once-a-default-model-is-set.png")
    assert not problems, "\n".join(problems)
