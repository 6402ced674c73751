"""A newcomer's whole first visit in Chromium, from an empty database: first-run setup, sign in,
upload a PDF resume, paste a job posting, match report, tailored resume, cover letter, "make the
summary two sentences", download the PDF and the Word file (and read both), reload: the
conversation is in the sidebar and resumes. A screenshot per step under
test-artifacts/browser/newcomer-*.png; the browser console shows no errors, and no request (nor
a preconnect) leaves for another host: a page view tells no third party about it."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from e2e.fixtures import ADMIN
from e2e.test_journey import ANALYSIS, JOB, JOHN_DOE, LETTER, RESUME_PDF, TAILORING_RULES, call, say
from playwright.sync_api import ConsoleMessage, Page, expect
from sqlalchemy import create_engine, text
from support.scripted_llm_process import ScriptedLLMProcess

from browser.test_journey_in_browser import REPLY, WAIT_MS, newest_draft_id, page, send
from documents.importers import extract_text

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

__all__ = ["page"]  # the fixture, re-used from the journey test

BANNER = "Co-founder and CTO who built foundation model infrastructure"
TWO_SENTENCES = "Co-founder and CTO. Built foundation model infrastructure."


def newest_resume_version(database_url: str) -> str:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return str(connection.scalar(text(
                "SELECT id FROM generated_documents WHERE kind = 'resume' "
                "ORDER BY version_number DESC LIMIT 1")))
    finally:
        engine.dispose()


# The page's <link> and <script> elements that point off this origin (preconnects included,
# which open a connection without a request Playwright would see), and the link-preview tags.
OFF_ORIGIN_ELEMENTS = """() => [...document.querySelectorAll(
        'link[href], script[src], meta[property="og:url"], meta[property="og:image"]')]
    .map(e => e.href || e.src || e.content)
    .filter(u => new URL(u, location.href).origin !== location.origin)"""


def test_newcomer_journey_in_chromium(
    start_server, page: Page, fixtures_dir: Path, artifacts_dir: Path, migrated_db_url: str
):
    shots = artifacts_dir / "browser"
    shots.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    signed_out_401s: list[str] = []
    external: set[str] = set()
    requested: list[str] = []
    off_origin_elements: list[str] = []
    signed_in = False
    taken: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        # Signed out, Chainlit's page asks /user and logs the 401 it expects; that is all it
        # may log before sign-in (checked below), and nothing at all after.
        expected = not signed_in and ("401" in message.text or "Unauthorized" in message.text)
        if message.type == "error" and not expected:
            problems.append(f"console: {message.text}")

    def on_response(response) -> None:
        if response.status >= 400:
            (problems if signed_in else signed_out_401s).append(f"{response.status} {response.url}")

    def on_failed(request) -> None:
        # "Aborted" is the browser cancelling on purpose (a link that became a download, a
        # navigation or re-render dropping a request in flight); it shows nothing to the person.
        if request.failure != "net::ERR_ABORTED" and request.url not in external:
            problems.append(f"failed: {request.url} {request.failure} after {taken[-1:]}")

    def offline(route) -> None:
        # No internet here: answer outside requests empty (none is expected), and list them.
        external.add(route.request.url)
        route.fulfill(status=200, body="", content_type="text/css")

    page.on("console", on_console)
    def on_page_error(error) -> None:
        # pdf.js rejects its loading task with this when the preview it was loading is dropped
        # (a reload or another thread opened mid-load): a cancellation, like ERR_ABORTED below.
        if "Worker was terminated" not in str(error):
            problems.append(f"page error: {error}")

    page.on("pageerror", on_page_error)
    page.on("response", on_response)
    page.on("requestfailed", on_failed)
    page.on("request", lambda request: requested.append(request.url))
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), offline)
    step = iter(range(1, 100))

    def shot(name: str) -> None:
        taken.append(name)
        page.screenshot(path=shots / f"newcomer-{next(step):02d}-{name}.png")

    def answer(contains: str) -> None:
        # Not necessarily the last message: files come with a "What next?" message after them.
        expect(page.locator(REPLY, has_text=contains).last).to_be_visible(timeout=WAIT_MS)

    with ScriptedLLMProcess() as llm:
        base = start_server(OPENAI_BASE_URL=llm.base_url, OPENAI_API_KEY="test-key",
                            TAILOR_MODEL_NAME="scripted").base_url

        # First-run setup, then sign in through the sign-in page.
        page.goto(base)
        expect(page).to_have_url(f"{base}/setup")
        page.fill("#username", ADMIN[0])
        page.fill("#password", ADMIN[1])
        page.fill("#password_confirm", ADMIN[1])
        shot("setup")
        page.click("button[type=submit]")
        expect(page.get_by_text("Hello, alice!")).to_be_visible(timeout=WAIT_MS)
        page.context.clear_cookies()
        page.goto("about:blank")  # leave the chat first, or its own redirect aborts ours
        page.goto(f"{base}/login")
        page.fill("#email", ADMIN[0])
        page.fill("#password", ADMIN[1])
        off_origin_elements += page.evaluate(OFF_ORIGIN_ELEMENTS)
        shot("sign-in")
        page.click("button[type=submit]")
        expect(page.get_by_text("Hello, alice!")).to_be_visible(timeout=WAIT_MS)
        signed_in = True
        expect(page.locator("#chat-settings-open-modal")).to_be_visible(timeout=WAIT_MS)

        # Upload the PDF resume and name it.
        with page.expect_response(
            lambda r: "/project/file" in r.url and r.request.method == "POST"
        ) as uploaded:
            page.set_input_files("#upload-button-input", fixtures_dir / RESUME_PDF)
        upload_id = uploaded.value.json()["id"]
        llm.add_script({"replies": [call("import_resume", file_id=upload_id),
                                    {"structured": JOHN_DOE},
                                    say("I found John Doe with 2 roles. What should I call it?")]})
        send(page, "Here is my resume.")
        answer("What should I call it?")
        llm.add_script({"replies": [
            call("import_resume", draft_id=newest_draft_id(migrated_db_url), name="Main"),
            say("Saved as Main.")]})
        send(page, "Call it Main.")
        answer("Saved as Main.")
        shot("resume-uploaded")

        # Paste the job posting; the match report.
        posting = (fixtures_dir / JOB).read_text()
        llm.add_script({"replies": [
            call("save_job", posting_text=posting, company="Riverbend AI",
                 title="Machine Learning Engineer"),
            call("analyze_job"), {"structured": ANALYSIS}, say("Saved and analysed the job.")]})
        send(page, posting)
        answer("Saved and analysed the job.")
        shot("job-pasted")
        llm.add_script({"replies": [call("match_report"), say("Your match report is above.")]})
        send(page, "How well do I match?")
        answer("Your match report is above.")
        expect(page.get_by_text("Used Checking the match").first).to_be_visible(timeout=WAIT_MS)
        expect(page.locator(".match-card").last).to_be_visible(timeout=WAIT_MS)
        shot("match-report")

        # The tailored resume, then the cover letter.
        llm.add_script({"rules": TAILORING_RULES, "replies": [call("tailor_resume")]})
        send(page, "Tailor my resume to this job.")
        expect(page.get_by_role("button", name="Edit Markdown")).to_be_visible(timeout=WAIT_MS)
        shot("tailored")
        llm.add_script({"replies": [call("write_cover_letter"), {"structured": LETTER},
                                    say("Your cover letter is ready.")]})
        send(page, "Now write a cover letter.")
        answer("Your cover letter is ready.")
        shot("cover-letter")

        # "Make the summary two sentences": a new version of the resume.
        llm.add_script({"replies": [
            call("refine_document", instruction="make the summary two sentences",
                 version_id=newest_resume_version(migrated_db_url)),
            {"structured": {"edits": [{"target": "banner 1", "original": BANNER,
                                       "replacement": TWO_SENTENCES, "reason": "two sentences"}]}},
            say("The summary is now two sentences.")]})
        send(page, "Make the summary two sentences.")
        answer("The summary is now two sentences.")
        refined = newest_resume_version(migrated_db_url)
        shot("summary-refined")

        # Download the PDF and the Word file, and read them.
        llm.add_script({"replies": [
            {"tool_calls": [
                {"name": "export_document", "arguments": {"format": "pdf", "version_id": refined}},
                {"name": "export_document",
                 "arguments": {"format": "docx", "version_id": refined}}]},
            say("Here are your files.")]})
        send(page, "Export it as PDF and as Word.")
        answer("Here are your files.")
        texts = {}
        for suffix in ("pdf", "docx"):
            link = page.get_by_role("link", name=re.compile(rf"\.{suffix}$")).last
            expect(link).to_be_visible(timeout=WAIT_MS)
            with page.expect_download() as download:
                link.click()
            content = Path(download.value.path()).read_bytes()
            texts[suffix] = extract_text(f"resume.{suffix}", content).text
        shot("downloads")
        for suffix, text in texts.items():
            assert "John Doe" in text and "73%" in text, suffix
            assert "Built foundation model infrastructure." in " ".join(text.split()), suffix

        # Reload: the conversation is in the sidebar, and opening it shows where we were.
        # Let file previews finish loading: a reload aborts requests still in flight.
        page.wait_for_load_state("networkidle")
        page.reload()
        history = page.locator("#thread-history")
        expect(history).to_contain_text("Here is my resume", timeout=WAIT_MS)
        shot("sidebar")
        history.get_by_text("Here is my resume").first.click()
        answer("Here are your files.")
        llm.add_script({"replies": [say("Welcome back. What next?")]})
        send(page, "I am back.")
        answer("Welcome back. What next?")
        shot("resumed")
        off_origin_elements += page.evaluate(OFF_ORIGIN_ELEMENTS)

    assert not problems, "\n".join(problems)
    # Signed out, Chainlit's page may ask who is signed in and (racing the redirect to the sign-in
    # page) for the sidebar's threads; both answer 401 and show the person nothing.
    expected_signed_out = {f"401 {base}/user", f"401 {base}/project/threads"}
    assert {entry.split("?")[0] for entry in signed_out_401s} <= expected_signed_out
    # Chainlit's page loaded KaTeX's stylesheet from cdn.jsdelivr.net and preconnected to Google
    # Fonts; nothing may leave for another host (data: and blob: URLs stay in the page).
    own = urlsplit(base).netloc
    elsewhere = {url for url in requested
                 if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != own}
    assert not external and not elsewhere, sorted(external | elsewhere)
    assert not off_origin_elements, off_origin_elements
