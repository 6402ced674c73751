"""The composer in Chromium: a message sent while the send button cannot work yet still goes.

Chainlit disables the send button (and ignores Enter) while an attached file uploads; a press or
an Enter in that moment used to leave the message in the box with nothing said
(public/self-service.js now keeps it and sends it once it can). The upload is slowed down so that
the moment is long enough to press in. What is typed while a new
chat's first answer arrives stays in the box (Chainlit draws a new box then), so `/export pdf`
typed then runs whole; picked from the menu with Tab it runs too and leaves the box empty.
Screenshots under test-artifacts/browser/composer-*.png.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from e2e.test_journey import RESUME_PDF
from playwright.sync_api import ConsoleMessage, Page, expect

from browser.test_journey_in_browser import REPLY, WAIT_MS, page, sign_in_as_first_admin

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]

__all__ = ["page"]  # the fixture, re-used from the journey test

SENT = "[data-step-type='user_message']"
NO_VERSION = "No version was generated in this conversation yet"


def slow_uploads(page: Page, bytes_per_s: int) -> None:
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": 0, "downloadThroughput": -1,
        "uploadThroughput": bytes_per_s})


def test_send_while_uploading_and_typing_while_the_box_moves(
    start_server, page: Page, fixtures_dir: Path, artifacts_dir: Path
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
    base = start_server().base_url
    sign_in_as_first_admin(page, base)
    signed_in = True

    # The first message of a new chat, then `/export pdf` typed before its answer: Chainlit draws
    # a new message box when the answer comes, and the typing used to be lost with the old box.
    page.click("#chat-input")
    page.keyboard.type("Hello")
    page.keyboard.press("Enter")
    page.keyboard.type("/export pdf")
    expect(page.locator(REPLY, has_text="not connected")).to_be_visible(timeout=WAIT_MS)
    expect(page).to_have_url(re.compile(r"/thread/"), timeout=WAIT_MS)
    page.wait_for_timeout(500)
    expect(page.locator("#chat-input")).to_have_value("/export pdf")
    page.screenshot(path=shots / "composer-typing-kept-when-the-box-moves.png")
    page.keyboard.press("Enter")
    expect(page.locator(REPLY, has_text=NO_VERSION)).to_have_count(1, timeout=WAIT_MS)
    expect(page.locator("#chat-input")).to_have_value("")
    # Picked from the menu with Tab: the command runs with its argument, the box is left empty.
    page.keyboard.type("/expo")
    expect(page.locator(".command-item", has_text="export")).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.locator("#chat-input")).to_have_value("")
    page.keyboard.type("pdf")
    expect(page.locator("#chat-input")).to_have_value("pdf")
    page.screenshot(path=shots / "composer-export-picked-with-tab.png")
    page.keyboard.press("Enter")
    expect(page.locator(REPLY, has_text=NO_VERSION)).to_have_count(2, timeout=WAIT_MS)
    expect(page.locator("#chat-input")).to_have_value("")
    expect(page.locator(SENT).last).to_contain_text("pdf")

    # Send pressed while the file still uploads (about 3 s at 20 kB/s): it goes once uploaded.
    slow_uploads(page, 20_000)
    page.set_input_files("#upload-button-input", fixtures_dir / RESUME_PDF)
    page.fill("#chat-input", "Here is my resume.")
    assert page.locator("#chat-submit").is_disabled(), "the upload was over before the press"
    page.click("#chat-submit", force=True)  # a person's click: no waiting for the button
    expect(page.locator("#chat-submit")).to_have_attribute("aria-busy", "true")
    page.screenshot(path=shots / "composer-send-pressed-during-upload-waits.png")
    expect(page.locator(SENT, has_text="Here is my resume.")).to_be_visible(timeout=WAIT_MS)
    expect(page.locator("#chat-input")).to_have_value("")
    expect(page.locator(REPLY).last).to_contain_text("import", timeout=WAIT_MS)
    page.screenshot(path=shots / "composer-sent-once-uploaded.png")

    # Enter pressed while the next file still uploads: it goes once uploaded, too.
    page.set_input_files("#upload-button-input", files=[{
        "name": "resume-again.pdf", "mimeType": "application/pdf",
        "buffer": (fixtures_dir / RESUME_PDF).read_bytes()}])
    page.fill("#chat-input", "And here it is again.")
    assert page.locator("#chat-submit").is_disabled(), "the upload was over before the press"
    page.keyboard.press("Enter")
    expect(page.locator("#chat-submit")).to_have_attribute("aria-busy", "true")
    expect(page.locator(SENT, has_text="And here it is again.")).to_be_visible(timeout=WAIT_MS)
    expect(page.locator("#chat-input")).to_have_value("")

    assert not problems, "\n".join(problems)
