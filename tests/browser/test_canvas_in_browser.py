"""The document canvas in Chromium: a tailored version opened from its button, changed bullets
marked, the source and word diff shown on focus, Accept, Revert, Accept all (each a new version
the canvas follows), a timeline compare, and a cover letter with the lines it rests on.
Screenshots are kept under test-artifacts/browser/, named by what they prove."""

from __future__ import annotations

import asyncio
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from e2e.fixtures import ADMIN
from e2e.test_journey import call, say
from playwright.sync_api import Page, expect, sync_playwright
from support.scripted_llm_process import ScriptedLLMProcess

from browser.test_journey_in_browser import sign_in_as_first_admin
from db.accounts import get_account_by_username
from db.jobs import create_job, store_analysis
from db.resumes import create_resume

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
REPLY = "[data-step-type='assistant_message']"
WAIT_MS = 30_000

PIPELINES = "Built the nightly Airflow pipelines that feed the billing warehouse"
PIPELINES_NEW = "Built the nightly Airflow and dbt pipelines that feed the billing warehouse"
DASHBOARD = "Cut dashboard load time by 40% with dbt incremental models"
ON_CALL = "Ran the on-call rotation for the data platform"
ON_CALL_NEW = "Ran the data platform on-call rotation"
RISK = "Maintained the monthly risk reports in SQL"
RISK_NEW = "Maintained monthly SQL risk reports for the bank"
RESUME_MD = f"""\
# Personal

## Contact Information

Name: Mara Quillon
Email: mara.quillon@example.org
Location: Lisbon, Portugal

# Experience

## Roles

### Role

#### Basics

Company: Riverbend Logistics
Title: Data Engineer
Start date: 03/2021

#### Responsibilities

* {PIPELINES}
* {DASHBOARD}
* {ON_CALL}

#### Skills

* Airflow
* dbt

### Role

#### Basics

Company: Old Harbour Bank
Title: Analyst
Start date: 01/2016
End date: 02/2021

#### Responsibilities

* {RISK}

#### Skills

* SQL
"""
LETTER_FIRST = ("At Riverbend Logistics I built the nightly Airflow pipelines that feed the "
                "billing warehouse.")
LETTER_SECOND = "I would welcome the chance to bring the same care to Harbour Data."
POSTING = ("Harbour Data is hiring a Data Engineer in Lisbon. Required: Airflow, dbt, SQL. "
           "Preferred: Kafka. You will own the nightly pipelines.")
ANALYSIS = {"company": "Harbour Data", "title": "Data Engineer", "seniority": "mid",
            "language": "en", "required_skills": ["Airflow", "dbt", "SQL"],
            "preferred_skills": ["Kafka"], "responsibilities": ["own the nightly pipelines"],
            "keywords": ["pipelines"], "special_instructions": []}
RULES = [
    {"when_user_says": "BANNER", "reply": {"structured": {
        "lines": ["[1] Data engineer building Airflow and dbt pipelines"]}}},
    {"when_user_says": "Riverbend Logistics, 03/2021", "reply": {"structured": {
        "bullets": [f"[1] {PIPELINES_NEW}",
                    # The number is not in the line it cites: the fact check keeps the source.
                    "[2] " + DASHBOARD.replace("40%", "60%"),
                    f"[3] {ON_CALL_NEW}"]}}},
    {"when_user_says": "Old Harbour Bank, 01/2016", "reply": {"structured": {
        "bullets": [f"[1] {RISK_NEW}"]}}},
    {"when_tool_result_for": "tailor_resume",
     "reply": {"text": "Tailored: the canvas shows every change."}},
]


@pytest.fixture
def page(artifacts_dir: Path):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        context.set_default_timeout(WAIT_MS)
        yield context.new_page()
        browser.close()


def _seed(in_database) -> tuple[str, str]:
    async def seed(session) -> tuple[str, str]:
        alice = (await get_account_by_username(session, ADMIN[0])).id
        resume = await create_resume(session, alice, name="Main resume", markdown=RESUME_MD,
                                     source_kind="paste")
        job = await create_job(session, alice, posting_text=POSTING, company="Harbour Data",
                               title="Data Engineer")
        await store_analysis(session, job, ANALYSIS)
        return str(resume.id), str(job.id)

    # Playwright's sync API runs its own event loop in this thread: seed from another one.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, in_database(seed)).result()


def _bullet(page: Page, text: str):
    return page.locator("#document-canvas li.canvas-bullet", has_text=text)


def test_canvas_marks_provenance_accept_revert_accept_all_and_compare(
    start_server, in_database, page: Page, artifacts_dir: Path
):
    shots = artifacts_dir / "browser"
    shots.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    with ScriptedLLMProcess() as llm:
        base = start_server(OPENAI_BASE_URL=llm.base_url, OPENAI_API_KEY="test-key",
                            TAILOR_MODEL_NAME="scripted").base_url
        # Signed out, the page's own probe of the session answers 401: count from sign-in on.
        sign_in_as_first_admin(page, base)
        page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
                if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        resume_id, job_id = _seed(in_database)
        llm.add_script({"rules": RULES,
                        "replies": [call("tailor_resume", job_id=job_id, resume_id=resume_id)]})
        page.fill("#chat-input", "Tailor my resume to the Harbour Data job.")
        page.click("#chat-submit")
        expect(page.locator(REPLY, has_text="the canvas shows")).to_be_visible()
        page.get_by_role("button", name="Open in canvas").last.click()
        canvas = page.locator("#document-canvas")
        expect(canvas).to_be_visible()
        expect(page.locator("#canvas-title")).to_contain_text("Tailored resume v1")
        expect(page.locator("#canvas-score")).to_contain_text("→")
        # Marked by a badge in words and a border, not by colour alone.
        changed = canvas.locator("li.canvas-bullet[data-status=changed]")
        expect(changed).to_have_count(3)
        expect(_bullet(page, PIPELINES_NEW)).to_contain_text("Changed")
        expect(_bullet(page, DASHBOARD)).to_contain_text("Fact-checked")
        expect(page.locator("#canvas-pending")).to_contain_text("3 change(s)")
        page.screenshot(path=shots / "canvas-01-changed-bullets-marked-score-before-after.png")

        _bullet(page, PIPELINES_NEW).focus()
        detail = _bullet(page, PIPELINES_NEW).locator(".canvas-provenance")
        expect(detail.locator(".canvas-source")).to_have_text([PIPELINES])
        expect(detail.locator("ins")).to_contain_text("and dbt")
        page.screenshot(path=shots / "canvas-02-source-and-word-diff-on-focus.png")
        _bullet(page, DASHBOARD).focus()
        repair = _bullet(page, DASHBOARD).locator(".canvas-repair")
        expect(repair).to_contain_text("60%")
        expect(repair).to_contain_text("number")
        page.screenshot(path=shots / "canvas-03-fact-check-repair-what-and-why.png")

        # Keyboard: the buttons are reachable by focus and pressed with Enter.
        _bullet(page, PIPELINES_NEW).locator(".canvas-accept").focus()
        page.keyboard.press("Enter")
        expect(page.locator("#canvas-title")).to_contain_text("Tailored resume v2")
        expect(_bullet(page, PIPELINES_NEW)).to_have_attribute("data-status", "accepted")
        expect(changed).to_have_count(2)
        page.screenshot(path=shots / "canvas-04-accept-makes-version-2.png")

        _bullet(page, RISK_NEW).locator(".canvas-revert").focus()
        page.keyboard.press("Enter")
        expect(page.locator("#canvas-title")).to_contain_text("Tailored resume v3")
        expect(_bullet(page, RISK)).to_have_attribute("data-status", "reverted")
        expect(_bullet(page, RISK_NEW)).to_have_count(0)
        page.screenshot(path=shots / "canvas-05-revert-to-source-makes-version-3.png")

        page.locator("#canvas-accept-all").click()
        expect(page.locator("#canvas-title")).to_contain_text("Tailored resume v4")
        expect(changed).to_have_count(0)
        expect(page.locator("#canvas-pending")).to_contain_text("No changes wait")
        page.screenshot(path=shots / "canvas-06-accept-all-makes-version-4.png")

        # The canvas's own download buttons export the version it shows (v4), in code.
        page.locator("#canvas-download-pdf").click()
        expect(page.locator("#canvas-status")).to_contain_text("Resume.pdf of version 4")
        expect(page.get_by_text("Exported version 4 as")).to_be_visible()

        timeline = page.locator("#canvas-timeline")
        expect(timeline.locator("li")).to_have_count(4)
        page.locator("label[for=canvas-pick-1]").click()
        page.locator("label[for=canvas-pick-3]").click()
        page.locator("#canvas-compare").click()
        rows = page.locator("#canvas-comparison-rows")
        # v1's reworded line against the source line v3 went back to, word by word.
        expect(rows.locator("li")).to_have_count(1)
        expect(rows.locator("del")).to_contain_text(["SQL", "for the bank"])
        expect(rows.locator("ins")).to_contain_text(["the", "in SQL"])
        page.locator("#canvas-comparison").scroll_into_view_if_needed()
        page.screenshot(path=shots / "canvas-07-timeline-compare-v1-v3.png")

        # A cover letter opens in the same canvas, each paragraph with the lines it rests on.
        llm.add_script({"replies": [
            call("write_cover_letter", job_id=job_id, resume_id=resume_id),
            {"structured": {"paragraphs": [LETTER_FIRST, LETTER_SECOND]}},
            say("Your cover letter is ready."),
        ]})
        page.fill("#chat-input", "Now write a cover letter.")
        page.click("#chat-submit")
        expect(page.locator(REPLY, has_text="Your cover letter is ready.")).to_be_visible()
        buttons = page.get_by_role("button", name="Open in canvas")
        expect(buttons).to_have_count(2)
        buttons.last.click()
        expect(page.locator("#canvas-title")).to_contain_text("Cover letter v1")
        paragraph = page.locator("#canvas-letter .canvas-paragraph").first
        expect(paragraph).to_contain_text(LETTER_FIRST)
        expect(paragraph.locator("li")).to_contain_text([PIPELINES])
        page.screenshot(path=shots / "canvas-09-cover-letter-paragraphs-with-their-lines.png")

        page.locator("#canvas-title").scroll_into_view_if_needed()
        for theme in ("light", "dark"):
            page.locator("#theme-toggle").click()
            page.get_by_role("menuitem", name=theme.capitalize()).click()
            expect(page.locator("html")).to_have_class(re.compile(rf"\b{theme}\b"))
            page.wait_for_timeout(300)  # let the colours' transition finish
            page.screenshot(path=shots / f"canvas-08-{theme}-theme-readable.png")
    assert not problems, problems
