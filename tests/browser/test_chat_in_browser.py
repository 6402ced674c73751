"""A person in Debian's Chromium: first-run setup, sign-in, a message and its reply, history."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from e2e.fixtures import ADMIN
from playwright.sync_api import Page, expect, sync_playwright

from assistant.web.login import WRONG_CREDENTIALS_TEXT

pytestmark = [pytest.mark.browser, pytest.mark.timeout(180)]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture
def page(artifacts_dir: Path):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        context.set_default_timeout(20_000)
        yield context.new_page()
        browser.close()


def sign_in(page: Page, base_url: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/login")
    page.fill("#email", username)
    page.fill("#password", password)
    page.click("button[type=submit]")


def test_setup_sign_in_chat_and_history(start_server, page: Page, artifacts_dir: Path):
    shots = artifacts_dir / "browser"
    shots.mkdir(parents=True, exist_ok=True)
    base = start_server(TAILOR_LOGIN_MAX_FAILURES="3").base_url

    page.goto(base)
    expect(page).to_have_url(f"{base}/setup")
    page.fill("#username", ADMIN[0])
    page.fill("#password", ADMIN[1])
    page.fill("#password_confirm", "not the same words")
    page.click("button[type=submit]")
    expect(page.get_by_role("alert")).to_contain_text("The two passwords are not the same.")
    page.fill("#password", ADMIN[1])
    page.fill("#password_confirm", ADMIN[1])
    page.screenshot(path=shots / "01-setup.png")
    page.click("button[type=submit]")
    # The first chat of a server process also loads the conversation code (seconds on a busy
    # machine), as in the other browser tests' waits for the greeting.
    expect(page.get_by_text("Hello, alice!")).to_be_visible(timeout=30_000)

    # Sign out by forgetting the cookie, then sign in through Chainlit's own login page.
    page.context.clear_cookies()
    sign_in(page, base, ADMIN[0], "a wrong password")
    expect(page.get_by_text(WRONG_CREDENTIALS_TEXT)).to_be_visible()
    sign_in(page, base, *ADMIN)
    expect(page.get_by_text("Hello, alice!")).to_be_visible()
    expect(page.locator("#starters")).to_contain_text("Tailor my resume to a job")
    expect(page.locator("#welcome-screen")).to_have_class(re.compile(r"\bopacity-100\b"))
    page.wait_for_timeout(700)  # let the fade-in finish before the picture
    page.screenshot(path=shots / "02-welcome.png")

    page.fill("#chat-input", "Please tailor my resume for a data engineer role")
    page.click("#chat-submit")
    reply = page.locator("[data-step-type='assistant_message']").last
    expect(reply).to_contain_text("not connected to a language model")
    page.screenshot(path=shots / "03-reply.png")

    page.reload()
    history = page.locator("#thread-history")
    expect(history).to_contain_text("Please tailor my resume")
    history.get_by_text("Please tailor my resume").click()
    expect(page.locator("[data-step-type='assistant_message']").last).to_contain_text(
        "not connected to a language model"
    )
    page.screenshot(path=shots / "04-history.png")

    # Repeated failures lock sign-in, and the page says so instead of "wrong password".
    page.context.clear_cookies()
    for attempt in range(3):
        sign_in(page, base, ADMIN[0], f"another wrong guess {attempt}")
        page.wait_for_selector("[role=alert]")
    expect(page.get_by_role("alert")).to_contain_text("Too many failed sign-in attempts")
    page.screenshot(path=shots / "05-locked.png")
