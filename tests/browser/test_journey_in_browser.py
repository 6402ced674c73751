"""The visible part of the journey in Chromium: upload a resume in the composer, see the reply and
the tool's step, get a download link and a PDF preview that opens full width. Screenshots are kept
under test-artifacts/browser/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from e2e.client import create_first_admin
from e2e.fixtures import ADMIN
from e2e.test_journey import ANALYSIS, JOB, JOHN_DOE, RESUME_PDF, TAILORING_RULES, call, say
from playwright.sync_api import Page, expect, sync_playwright
from sqlalchemy import create_engine, text
from support.scripted_llm_process import ScriptedLLMProcess

from documents.importers import extract_text

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
REPLY = "[data-step-type='assistant_message']"
# Turns run a real server, model process and database on two cores: wait longer than 5 s.
WAIT_MS = 30_000


@pytest.fixture
def page(artifacts_dir: Path):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 900},
                                      accept_downloads=True)
        context.set_default_timeout(30_000)
        yield context.new_page()
        browser.close()


def send(page: Page, message: str) -> None:
    page.fill("#chat-input", message)
    page.click("#chat-submit")


def sign_in_as_first_admin(page: Page, base: str) -> None:
    """Create the first administrator and sign in through the sign-in page, chat ready."""
    create_first_admin(base, *ADMIN)
    page.goto(f"{base}/login")
    page.fill("#email", ADMIN[0])
    page.fill("#password", ADMIN[1])
    page.click("button[type=submit]")
    expect(page.get_by_text("Hello, alice!")).to_be_visible(timeout=WAIT_MS)
    # The settings button appears once the chat session (socket) is up: uploads need it.
    expect(page.locator("#chat-settings-open-modal")).to_be_visible(timeout=WAIT_MS)


def newest_draft_id(database_url: str) -> str:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return str(connection.scalar(
                text("SELECT id FROM resume_drafts ORDER BY created_at DESC LIMIT 1")
            ))
    finally:
        engine.dispose()


def test_upload_reply_download_and_preview(
    start_server, page: Page, fixtures_dir: Path, artifacts_dir: Path, migrated_db_url: str
):
    shots = artifacts_dir / "browser"
    shots.mkdir(parents=True, exist_ok=True)
    # The page's Content-Security-Policy must not get in the way of anything on this journey.
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(f"{m.text} at {m.location.get('url')}")
            if "Content Security Policy" in m.text else None)
    with ScriptedLLMProcess() as llm:
        server = start_server(OPENAI_BASE_URL=llm.base_url, OPENAI_API_KEY="test-key",
                              TAILOR_MODEL_NAME="scripted")
        base = server.base_url
        sign_in_as_first_admin(page, base)

        # Attaching the file uploads it at once; its id is what the model will be told.
        with page.expect_response(
            lambda r: "/project/file" in r.url and r.request.method == "POST"
        ) as uploaded:
            page.set_input_files("#upload-button-input", fixtures_dir / RESUME_PDF)
        assert uploaded.value.ok, uploaded.value.text()
        upload_id = uploaded.value.json()["id"]
        llm.add_script({"replies": [
            call("import_resume", file_id=upload_id),
            {"structured": JOHN_DOE},
            say("I found **John Doe** with 2 roles and 2 degrees. What should I call it?"),
        ]})
        send(page, "Here is my resume.")
        expect(page.locator(REPLY).last).to_contain_text("What should I call it?", timeout=WAIT_MS)
        expect(page.get_by_text("Used Reading your resume").first).to_be_visible(timeout=WAIT_MS)
        page.screenshot(path=shots / "journey-01-upload-and-import.png")

        llm.add_script({"replies": [
            call("import_resume", draft_id=newest_draft_id(migrated_db_url), name="Main resume"),
            say("Saved as Main resume."),
        ]})
        send(page, "Call it Main resume.")
        expect(page.locator(REPLY).last).to_contain_text("Saved as Main resume.", timeout=WAIT_MS)

        llm.add_script({"replies": [call("export_document", format="pdf"),
                                    say("Here is your PDF.")]})
        send(page, "Export it as PDF.")
        expect(page.locator(REPLY).last).to_contain_text("Your file is ready", timeout=WAIT_MS)
        link = page.get_by_role("link", name=re.compile(r"\.pdf$")).last
        expect(link).to_be_visible(timeout=WAIT_MS)
        page.screenshot(path=shots / "journey-02-download-link.png")

        with page.expect_download() as download:
            link.click()
        saved = Path(download.value.path())
        assert "John Doe" in extract_text("resume.pdf", saved.read_bytes()).text

        # The preview is the first page under the message; pressed, it opens full width.
        page.locator(".inline-pdf").last.click()
        preview = page.get_by_role("dialog")
        expect(preview.locator("canvas").first).to_be_visible(timeout=WAIT_MS)
        page.wait_for_timeout(1000)  # let the PDF viewer paint the page before the picture
        page.screenshot(path=shots / "journey-03-pdf-preview.png")
        page.keyboard.press("Escape")
        expect(preview).to_have_count(0)

        # Tailor to a job, then fix the result by hand in the side-panel editor.
        posting = (fixtures_dir / JOB).read_text()
        llm.add_script({"replies": [
            call("save_job", posting_text=posting, company="Riverbend AI",
                 title="Machine Learning Engineer"),
            call("analyze_job"), {"structured": ANALYSIS}, say("Saved and analysed the job."),
        ]})
        send(page, "Here is the job at Riverbend AI. " + posting[:200])
        expect(page.locator(REPLY).last).to_contain_text(
            "Saved and analysed the job.", timeout=WAIT_MS
        )
        llm.add_script({"rules": TAILORING_RULES, "replies": [call("tailor_resume")]})
        send(page, "Tailor my resume to this job.")
        edit = page.get_by_role("button", name="Edit Markdown")
        expect(edit).to_be_visible(timeout=WAIT_MS)
        page.screenshot(path=shots / "journey-04-tailored-with-buttons.png")
        edit.click()
        page.locator(".element-link", has_text="MarkdownEditor").last.click()
        editor = page.locator("#markdown-editor-text")
        expect(editor).to_be_visible(timeout=WAIT_MS)
        text_now = editor.input_value()
        editor.fill(text_now.replace("Start date: 06/2023", "Start date: 13/2023"))
        page.click("#markdown-editor-save")
        expect(page.locator("#markdown-editor-problems")).to_contain_text(
            "`Start date: 13/2023` is not a month", timeout=WAIT_MS
        )
        page.screenshot(path=shots / "journey-05-editor-problems.png")
        editor.fill(text_now.replace("compared to baseline", "compared to the earlier baseline"))
        page.click("#markdown-editor-save")
        expect(page.locator("#markdown-editor-status")).to_have_text(
            "Saved as version 2.", timeout=WAIT_MS
        )
        expect(page.get_by_text("Saved your edit as version 2.")).to_be_visible(timeout=WAIT_MS)
        expect(page.locator("#markdown-editor")).to_contain_text("Edit version 2", timeout=WAIT_MS)
        page.screenshot(path=shots / "journey-06-editor-saved.png")
        # The next save continues from version 2.
        editor.fill(editor.input_value().replace("Research Intern", "Research Intern (NLP)"))
        page.click("#markdown-editor-save")
        expect(page.locator("#markdown-editor-status")).to_have_text(
            "Saved as version 3.", timeout=WAIT_MS
        )
    assert not blocked, "\n".join(blocked)
