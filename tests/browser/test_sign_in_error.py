"""A wrong password in Debian's Chromium: the sign-in page says so in words, once.

Chainlit's page also toasts every failed request as "<status text>: <detail>", which for a wrong
password is "Unauthorized: credentialssignin", next to the form's own message.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from e2e.client import create_first_admin
from e2e.fixtures import ADMIN
from playwright.sync_api import expect, sync_playwright

from assistant.web.login import WRONG_CREDENTIALS_TEXT

pytestmark = [pytest.mark.browser, pytest.mark.timeout(180)]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def test_wrong_password_shows_only_the_friendly_message(start_server, artifacts_dir: Path):
    shots = artifacts_dir / "browser"
    shots.mkdir(parents=True, exist_ok=True)
    base = start_server().base_url
    create_first_admin(base, *ADMIN)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
        page.set_default_timeout(20_000)
        page.goto(f"{base}/login")
        page.fill("#email", ADMIN[0])
        page.fill("#password", "a wrong password")
        page.click("button[type=submit]")
        expect(page.get_by_text(WRONG_CREDENTIALS_TEXT)).to_be_visible()
        page.wait_for_timeout(800)  # the toast comes with the same response; give it time to show
        page.screenshot(path=shots / "sign-in-wrong-password.png")
        shown = page.locator("body").inner_text()
        assert "credentialssignin" not in shown.lower(), shown
        assert "Unauthorized" not in shown, shown
        page.goto("about:blank")
        browser.close()
