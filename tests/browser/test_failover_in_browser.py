"""A person in Chromium chats through HAProxy when the instance serving them is killed
(`kill -9`) mid-answer: the page reconnects by itself to the other instance, shows the whole
conversation with the cut turn reported, and the next message is answered. Screenshots under
test-artifacts/browser/."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from e2e.balancer import COOKIE, model_env
from e2e.client import create_first_admin
from e2e.fixtures import ADMIN
from e2e.test_journey import say
from playwright.sync_api import Page, expect, sync_playwright
from support.scripted_llm_process import ScriptedLLMProcess

from assistant.chat_resume import INTERRUPTED_TURN

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
REPLY = "[data-step-type='assistant_message']"
WAIT_MS = 60_000  # a real balancer, two servers, a model process and PostgreSQL on two cores


@pytest.fixture
def page():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        context.set_default_timeout(WAIT_MS)
        yield context.new_page()
        browser.close()


def send(page: Page, message: str) -> None:
    page.fill("#chat-input", message)
    page.click("#chat-submit")


def test_the_page_moves_to_the_other_instance_and_reports_the_cut_turn(
    balanced, page: Page, artifacts_dir: Path
):
    shots = artifacts_dir / "browser"
    shots.mkdir(parents=True, exist_ok=True)
    with ScriptedLLMProcess() as llm:
        servers, proxy = balanced(2, **model_env(llm))
        create_first_admin(proxy.base_url, *ADMIN)
        page.goto(f"{proxy.base_url}/login")
        page.fill("#email", ADMIN[0])
        page.fill("#password", ADMIN[1])
        page.click("button[type=submit]")
        expect(page.locator("#chat-settings-open-modal")).to_be_visible()

        llm.add_script({"replies": [say("Hello Alice, I am Tailor.")]})
        send(page, "Hello!")
        expect(page.locator(REPLY).last).to_contain_text("Hello Alice, I am Tailor.")
        [holder] = [c["value"] for c in page.context.cookies() if c["name"] == COOKIE]

        asked = len(llm.requests())
        llm.add_script({"replies": [{"text": "Never shown.", "delay_s": 120}]})
        send(page, "Write my cover letter.")
        deadline = time.monotonic() + 60
        while len(llm.requests()) <= asked:
            assert time.monotonic() < deadline, "the turn never reached the model"
            time.sleep(0.1)
        victim = servers[int(holder[-1]) - 1]
        victim.kill()

        # No reload, no click: the page's own socket reconnects through the balancer.
        notice = page.locator(REPLY).filter(has_text=INTERRUPTED_TURN[:40])
        expect(notice).to_have_count(1)
        # The conversation as the other instance read it from PostgreSQL: the finished turn, the
        # cut message and the notice, nothing else (the answer that never came is not there).
        expect(page.locator(REPLY)).to_have_count(2)
        expect(page.locator(REPLY).first).to_contain_text("Hello Alice, I am Tailor.")
        expect(page.get_by_text("Write my cover letter.")).to_be_visible()
        page.get_by_text("Hello!").last.scroll_into_view_if_needed()
        page.screenshot(path=shots / "failover-cut-turn-reported-after-kill-9.png")

        llm.add_script({"replies": [say("Here is your cover letter.")]})
        send(page, "Please try the cover letter again.")
        expect(page.locator(REPLY).last).to_contain_text("Here is your cover letter.")
        moved = [c["value"] for c in page.context.cookies() if c["name"] == COOKIE]
        assert moved and moved != [holder], "the browser now sticks to the other instance"
        page.screenshot(path=shots / "failover-next-message-answered.png")
