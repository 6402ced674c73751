"""No reply, listing or name makes the browser load anything from another server.

A tracker runs on this machine; a scripted model's reply and every listing the app builds carry
Markdown images pointing at it (resume and job names, a version's instruction, an e-mail address,
a resume's text in the support view). The tracker must receive no request: the page's
Content-Security-Policy blocks the model's image, the listings show the names as text.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from e2e.fixtures import ADMIN, USER
from e2e.test_journey import say
from playwright.sync_api import Page, expect, sync_playwright
from support.scripted_llm_process import ScriptedLLMProcess

from browser.test_journey_in_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    REPLY,
    WAIT_MS,
    sign_in_as_first_admin,
)
from db.accounts import create_account, get_account_by_username
from db.jobs import create_job
from db.resumes import create_resume
from db.signup import PENDING_APPROVAL
from db.versions import create_version

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]



class Tracker(ThreadingHTTPServer):
    """Answers every GET with a 1x1 GIF and remembers the path: one line per leak."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        super().__init__(("127.0.0.1", 0), _TrackerHandler)

    def image(self, name: str) -> str:
        return f"![{name}](http://127.0.0.1:{self.server_address[1]}/{name}?d=secret)"


class _TrackerHandler(BaseHTTPRequestHandler):
    GIF = bytes.fromhex("47494638396101000100800000000000ffffff21f90401000000002c000000000100"
                        "01000002024401003b")

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        self.server.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/gif")
        self.end_headers()
        self.wfile.write(self.GIF)

    def log_message(self, *_: object) -> None:
        return None


@pytest.fixture
def tracker():
    server = Tracker()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def page(artifacts_dir: Path):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(30_000)
        yield context.new_page()
        browser.close()


def send(page: Page, message: str) -> None:
    page.fill("#chat-input", message)
    page.keyboard.press("Escape")  # close the command menu typing "/" opens
    page.click("#chat-submit")


async def _plant(session, tracker: Tracker) -> None:
    alice = await get_account_by_username(session, ADMIN[0])
    bob = await create_account(session, *USER)
    bob.email = tracker.image("email") + "@x.org"
    bob.is_active, bob.signup_status = False, PENDING_APPROVAL
    for owner in (alice, bob):
        resume = await create_resume(
            session, owner.id, name=tracker.image("resume-name"), source_kind="upload",
            source_file_name=tracker.image("file-name") + ".pdf",
            markdown=f"# Someone\n\n```\n{tracker.image('support-fence')}\n```\n"
                     f"{tracker.image('support-text')}\n",
        )
        job = await create_job(session, owner.id, posting_text="A job",
                               title=tracker.image("job-title"),
                               company=tracker.image("company"), location="Remote")
        await create_version(session, owner.id, kind="resume", job_id=job.id,
                             markdown="# Someone\n", source_resume_id=resume.id,
                             instruction=tracker.image("instruction"))


def _in_own_loop(work: Callable[[], Awaitable[object]]) -> None:
    """Run database work from this synchronous test (Playwright's sync API holds a loop)."""
    failures: list[BaseException] = []

    def run() -> None:
        try:
            asyncio.run(work())
        except BaseException as error:  # noqa: BLE001 - re-raised in the test's thread
            failures.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if failures:
        raise failures[0]


def test_no_reply_or_listing_loads_a_remote_image(
    start_server, in_database, page: Page, tracker: Tracker, artifacts_dir: Path
) -> None:
    shots = artifacts_dir / "browser"
    shots.mkdir(parents=True, exist_ok=True)
    violations: list[str] = []
    page.on("console", lambda m: violations.append(f"{m.text} at {m.location}")
            if "Content Security Policy" in m.text else None)
    with ScriptedLLMProcess() as llm:
        server = start_server(OPENAI_BASE_URL=llm.base_url, OPENAI_API_KEY="test-key",
                              TAILOR_MODEL_NAME="scripted")
        base = server.base_url
        sign_in_as_first_admin(page, base)

        # The model's own Markdown is not escaped: the policy is what stops its image.
        llm.add_script({"replies": [say(f"Done. {tracker.image('reply')} All saved.")]})
        send(page, "Save my resume please.")
        expect(page.locator(REPLY).last).to_contain_text("All saved.", timeout=WAIT_MS)
        page.wait_for_timeout(500)
        assert any("img-src" in v for v in violations), violations  # blocked, not missed

        _in_own_loop(lambda: in_database(lambda session: _plant(session, tracker)))
        shown_literally = {"/resumes": "resume-name", "/jobs": "job-title",
                           "/versions": "instruction", "/accounts": "email",
                           "/approve": "email", "/support bob": "support-text"}
        for command, name in shown_literally.items():
            before = page.locator(REPLY).count()
            send(page, command)
            expect(page.locator(REPLY)).to_have_count(before + 1, timeout=WAIT_MS)
            reply = page.locator(REPLY).last
            # The name is shown as the text it is, not rendered as an image.
            expect(reply).to_contain_text(f"![{name}](http://127.0.0.1:", timeout=WAIT_MS)
            assert page.locator(f"img[src*=':{tracker.server_address[1]}/']").count() == 1, \
                command  # the model's reply only, blocked
        page.wait_for_timeout(1000)
        page.screenshot(path=shots / "remote-content-listings.png")
    assert tracker.hits == [], f"the browser fetched {tracker.hits}"
    listing_violations = [v for v in violations if "img-src" not in v]
    assert not listing_violations, listing_violations
