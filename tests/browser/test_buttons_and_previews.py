"""Download buttons and PDF previews in Chromium, on a fresh and on a reopened thread.

A download button makes the file in code: the scripted model is not asked anything while the
buttons are pressed, and the file is that version's (resume or cover letter) as PDF, Word or
Markdown. Reopened, the thread still has its buttons and they still work. Each PDF preview shows
its own document, fits the box it is drawn in, and neither it nor a side panel covers the chat on
a 390x844 (phone) window. Screenshots under test-artifacts/browser/buttons-*.png.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from e2e.test_journey import ANALYSIS, JOB, JOHN_DOE, LETTER, RESUME_PDF, TAILORING_RULES, call, say
from playwright.sync_api import ConsoleMessage, Locator, Page, expect
from sqlalchemy import create_engine, text
from support.scripted_llm_process import ScriptedLLMProcess

from browser.test_journey_in_browser import (
    REPLY,
    WAIT_MS,
    newest_draft_id,
    page,
    send,
    sign_in_as_first_admin,
)
from documents.importers import extract_text

pytestmark = [pytest.mark.browser, pytest.mark.timeout(360)]

__all__ = ["page"]  # the fixture, re-used from the journey test

BANNER = "Co-founder and CTO who built foundation model infrastructure"
LETTER_LINE = "sparse attention mechanism reducing transformer memory"
PHONE = {"width": 390, "height": 844}
# Where a box is, in CSS pixels, and whether the chat input is the topmost thing at its centre.
BOX = "e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }"
INPUT_ON_TOP = """() => { const i = document.querySelector('#chat-input');
    const r = i.getBoundingClientRect();
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !!top && (top === i || i.contains(top)); }"""


def versions(database_url: str) -> dict[str, str]:
    """The newest version id of each kind."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text(
                "SELECT DISTINCT ON (kind) kind, id FROM generated_documents "
                "ORDER BY kind, version_number DESC"))
            return {kind: str(version_id) for kind, version_id in rows}
    finally:
        engine.dispose()


def message_with_buttons(page: Page, says: str) -> Locator:
    """The assistant message whose text says ``says`` (its buttons are inside it)."""
    return page.locator(REPLY, has_text=says).last


def press_and_download(page: Page, message: Locator, button: str, suffix: str) -> str:
    """Press a download button under ``message``, then download the file it offers; its text."""
    before = page.locator(REPLY, has_text="Your file is ready").count()
    message.get_by_role("button", name=button).click()
    expect(page.locator(REPLY, has_text="Your file is ready")).to_have_count(
        before + 1, timeout=WAIT_MS)
    offer = page.locator(REPLY, has_text="Your file is ready").last
    link = offer.get_by_role("link", name=re.compile(rf"\.{suffix}$"))
    with page.expect_download() as download:
        link.click()
    content = Path(download.value.path()).read_bytes()
    magic = {"pdf": b"%PDF", "docx": b"PK\x03\x04", "md": b""}[suffix]
    assert content.startswith(magic), (button, content[:20])
    return " ".join(extract_text(f"file.{suffix}", content).text.split())


def open_preview(page: Page, offer: Locator) -> Locator:
    """Open the PDF preview under a message full width; the dialog showing it."""
    offer.locator(".inline-pdf").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.locator(".react-pdf__Page__canvas")).to_be_visible(timeout=WAIT_MS)
    expect(dialog.locator(".textLayer")).not_to_be_empty(timeout=WAIT_MS)
    page.wait_for_timeout(500)  # let the page finish painting before measuring
    return dialog


def assert_page_fits(dialog: Locator) -> None:
    """The drawn page lies inside the box that shows it, with nothing to scroll sideways."""
    canvas = dialog.locator(".react-pdf__Page__canvas")
    box = canvas.locator("xpath=ancestor::div[contains(@class,'overflow-auto')][1]")
    left, _, right, _ = canvas.evaluate(BOX)
    box_left, _, box_right, _ = box.evaluate(BOX)
    assert box_left - 0.5 <= left and right <= box_right + 0.5, (left, right, box_left, box_right)
    # Its natural width (about 600 px) where there is room, else nearly the whole box.
    wanted = min(550, 0.85 * (box_right - box_left))
    assert right - left >= wanted, f"the page is drawn too small to read ({right - left} px)"
    assert box.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), "the page scrolls sideways"


def test_buttons_download_in_code_and_previews_fit(
    start_server, page: Page, fixtures_dir: Path, artifacts_dir: Path, migrated_db_url: str
):
    shots = artifacts_dir / "browser"
    shots.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    signed_in = False

    def on_console(message: ConsoleMessage) -> None:
        # Signed out, Chainlit's page asks /user and logs the 401 it expects; nothing after.
        if message.type == "error" and signed_in:
            problems.append(f"console: {message.text}")

    def on_page_error(error) -> None:
        # pdf.js cancels a preview's loading task this way when the page reloads mid-load.
        if "Worker was terminated" not in str(error):
            problems.append(f"page error: {error}")

    page.on("console", on_console)
    page.on("pageerror", on_page_error)

    def shot(name: str) -> None:
        page.screenshot(path=shots / f"buttons-{name}.png")

    with ScriptedLLMProcess() as llm:
        base = start_server(OPENAI_BASE_URL=llm.base_url, OPENAI_API_KEY="test-key",
                            TAILOR_MODEL_NAME="scripted").base_url
        sign_in_as_first_admin(page, base)
        signed_in = True

        # A tailored resume and a cover letter, each with its buttons.
        with page.expect_response(
            lambda r: "/project/file" in r.url and r.request.method == "POST"
        ) as uploaded:
            page.set_input_files("#upload-button-input", fixtures_dir / RESUME_PDF)
        llm.add_script({"replies": [call("import_resume", file_id=uploaded.value.json()["id"]),
                                    {"structured": JOHN_DOE}, say("What should I call it?")]})
        send(page, "Here is my resume.")
        expect(page.locator(REPLY, has_text="What should I call it?")).to_be_visible(
            timeout=WAIT_MS)
        llm.add_script({"replies": [
            call("import_resume", draft_id=newest_draft_id(migrated_db_url), name="Main"),
            say("Saved as Main.")]})
        send(page, "Call it Main.")
        expect(page.locator(REPLY, has_text="Saved as Main.")).to_be_visible(timeout=WAIT_MS)
        llm.add_script({"replies": [
            call("save_job", posting_text=(fixtures_dir / JOB).read_text(),
                 company="Riverbend AI", title="Machine Learning Engineer"),
            call("analyze_job"), {"structured": ANALYSIS}, say("Saved and analysed the job.")]})
        send(page, "Here is the job.")
        expect(page.locator(REPLY, has_text="Saved and analysed")).to_be_visible(timeout=WAIT_MS)
        llm.add_script({"rules": TAILORING_RULES, "replies": [call("tailor_resume")]})
        send(page, "Tailor my resume to this job.")
        expect(page.get_by_role("button", name="Edit Markdown")).to_be_visible(timeout=WAIT_MS)
        llm.add_script({"replies": [call("write_cover_letter"), {"structured": LETTER},
                                    say("Your cover letter is ready.")]})
        send(page, "Now write a cover letter.")
        expect(page.locator(REPLY, has_text="Your cover letter is ready.")).to_be_visible(
            timeout=WAIT_MS)
        expect(page.get_by_role("button", name="Download PDF")).to_have_count(2, timeout=WAIT_MS)
        asked = len(llm.requests())

        # Fresh thread: the resume's PDF and the letter's Word file, without the model.
        with_buttons = page.locator(REPLY).filter(
            has=page.get_by_role("button", name="Download PDF"))
        resume_buttons, letter_buttons = with_buttons.first, with_buttons.last
        resume_pdf = press_and_download(page, resume_buttons, "Download PDF", "pdf")
        assert "John Doe" in resume_pdf and BANNER in resume_pdf, resume_pdf[:300]
        letter_docx = press_and_download(page, letter_buttons, "Download Word", "docx")
        assert LETTER_LINE in letter_docx and BANNER not in letter_docx, letter_docx[:300]
        letter_md = press_and_download(page, letter_buttons, "Download Markdown", "md")
        assert LETTER_LINE in letter_md, letter_md[:300]
        assert len(llm.requests()) == asked, "a download button asked the model"
        expect(page.locator("#side-view-content")).to_have_count(0)
        shot("fresh-thread-downloads-without-the-model")

        # The preview under the resume's PDF shows the resume and fits the dialog's box.
        resume_offer = page.locator(REPLY, has_text="Resume.pdf").last
        dialog = open_preview(page, resume_offer)
        assert BANNER in " ".join(dialog.locator(".textLayer").inner_text().split())
        assert_page_fits(dialog)
        shot("resume-preview-fits-full-width")
        page.keyboard.press("Escape")
        expect(dialog).to_have_count(0)

        # Reopen the thread: the buttons are back and still make the files without the model.
        page.wait_for_load_state("networkidle")
        page.reload()
        history = page.locator("#thread-history")
        history.get_by_text("Here is my resume").first.click()
        expect(page.locator(REPLY, has_text="Your cover letter is ready.")).to_be_visible(
            timeout=WAIT_MS)
        expect(page.get_by_role("button", name="Download PDF")).to_have_count(2, timeout=WAIT_MS)
        page.wait_for_timeout(1500)  # a side panel Chainlit opened by itself would be up by now
        expect(page.locator("#side-view-content")).to_have_count(0)
        shot("reopened-thread-keeps-its-buttons")
        with_buttons = page.locator(REPLY).filter(
            has=page.get_by_role("button", name="Download PDF"))
        letter_pdf = press_and_download(page, with_buttons.last, "Download PDF", "pdf")
        assert LETTER_LINE in letter_pdf and BANNER not in letter_pdf, letter_pdf[:300]
        resume_docx = press_and_download(page, with_buttons.first, "Download Word", "docx")
        assert "John Doe" in resume_docx and BANNER in resume_docx, resume_docx[:300]
        assert len(llm.requests()) == asked, "a download button asked the model"

        # Each preview shows its own document: the letter's preview is the letter.
        letter_offer = page.locator(REPLY, has_text="Cover-Letter.pdf").last
        dialog = open_preview(page, letter_offer)
        shown = " ".join(dialog.locator(".textLayer").inner_text().split())
        assert LETTER_LINE in shown and BANNER not in shown, shown[:300]
        assert_page_fits(dialog)
        shot("reopened-letter-preview-shows-the-letter")
        page.keyboard.press("Escape")
        expect(dialog).to_have_count(0)

        # On a phone-sized window nothing covers the chat until a preview is asked for, the
        # preview fits the screen, and closing it gives the chat back.
        page.set_viewport_size(PHONE)
        page.reload()
        expect(page.locator(REPLY, has_text="Your cover letter is ready.")).to_be_visible(
            timeout=WAIT_MS)
        page.wait_for_timeout(1500)
        expect(page.locator("#side-view-content")).to_have_count(0)
        assert page.evaluate(INPUT_ON_TOP), "something covers the chat input"
        thumb = page.locator(REPLY, has_text="Cover-Letter.pdf").last.locator(".inline-pdf")
        thumb.scroll_into_view_if_needed()
        _, _, right, _ = thumb.evaluate(BOX)
        assert right <= PHONE["width"], f"the preview runs off the screen ({right})"
        shot("phone-chat-not-covered")
        dialog = open_preview(page, page.locator(REPLY, has_text="Cover-Letter.pdf").last)
        assert_page_fits(dialog)
        _, _, right, _ = dialog.locator(".react-pdf__Page__canvas").evaluate(BOX)
        assert right <= PHONE["width"], right
        shot("phone-preview-fits-the-screen")
        dialog.get_by_role("button", name="Close").click()
        expect(dialog).to_have_count(0)
        assert page.evaluate(INPUT_ON_TOP), "the closed preview still covers the chat input"
        shot("phone-preview-closed")

    assert not problems, "\n".join(problems)
