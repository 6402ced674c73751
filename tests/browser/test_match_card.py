"""The match card in Chromium: the app draws the engine's report, not the model.

The person asks how well they match; the card shows the score and its parts with the engine's
own numbers, a matched requirement's proving line and, opened from the keyboard, the role it
belongs to and where the posting asks for it; "I have this" on a missing requirement starts the
gap interview for that requirement; "I don't" is acknowledged on the card. Reopened from the
sidebar in the dark theme, the card is still there. Screenshots under
test-artifacts/browser/match-card-*.png; no console errors; the server log is clean (the
fixture checks it).
"""

from __future__ import annotations

import asyncio
import json
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from e2e.fixtures import ADMIN
from e2e.test_journey import call, say
from playwright.sync_api import ConsoleMessage, Page, expect
from support.scripted_llm_process import ScriptedLLMProcess

from browser.test_journey_in_browser import REPLY, WAIT_MS, page, send, sign_in_as_first_admin
from db.accounts import get_account_by_username
from db.jobs import create_job
from db.resumes import create_resume
from documents import load_resume
from engine.requirements import extract_requirements
from engine.scoring import score_match

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]

__all__ = ["page"]  # the fixture, re-used from the journey test

RESUME_MD = """\
# Personal

## Contact Information

Name: Mara Quillon
Email: mara.quillon@example.org

# Experience

## Roles

### Role

#### Basics

Company: Riverbend Logistics
Title: Data Engineer
Start date: 03/2021

#### Responsibilities

* Built the nightly Airflow pipelines that feed the billing warehouse
* Cut dashboard load time by 40% with dbt incremental models

### Role

#### Basics

Company: Old Harbour Bank
Title: Analyst
Start date: 01/2016
End date: 02/2021

#### Responsibilities

* Maintained the monthly risk reports in SQL
"""
POSTING = """\
Data Engineer, Northwind Data (Lisbon)

Requirements:
- 3+ years of experience in data engineering
- Airflow
- dbt
- Kubernetes

Nice to have:
- Terraform
"""
PROOF = "Built the nightly Airflow pipelines that feed the billing warehouse"
QUESTION = "Where did you use Kubernetes, and what did you run on it?"


def _card_of_the_engine():
    return score_match(load_resume(RESUME_MD), extract_requirements(POSTING))


def test_match_card_shows_the_engines_report_and_starts_the_gap_interview(
    start_server, page: Page, in_database, artifacts_dir: Path
) -> None:
    shots = artifacts_dir / "browser"
    shots.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    page.set_viewport_size({"width": 1200, "height": 1700})  # the whole card in one picture

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(f"console: {message.text}")


    with ScriptedLLMProcess() as llm:
        base = start_server(OPENAI_BASE_URL=llm.base_url, OPENAI_API_KEY="test-key",
                            TAILOR_MODEL_NAME="scripted").base_url
        sign_in_as_first_admin(page, base)
        # Signed out, Chainlit's page asks who is signed in and logs the 401; from here on the
        # console must stay clean.
        page.on("console", on_console)
        page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
        page.evaluate("localStorage.setItem('vite-ui-theme', 'light')")
        page.reload()
        expect(page.locator("#chat-settings-open-modal")).to_be_visible(timeout=WAIT_MS)

        async def library(session) -> str:
            alice = (await get_account_by_username(session, ADMIN[0])).id
            await create_resume(session, alice, name="Main", markdown=RESUME_MD,
                                source_kind="paste")
            job = await create_job(session, alice, posting_text=POSTING,
                                   company="Northwind Data", title="Data Engineer")
            return str(job.id)

        # Playwright's sync API runs its own loop in this thread: the rows are made in another.
        with ThreadPoolExecutor(1) as pool:
            job_id = pool.submit(asyncio.run, in_database(library)).result()
        llm.add_script({"replies": [call("match_report", job_id=job_id),
                                    say("The card above shows how your resume matches.")]})
        send(page, "How well do I match?")
        expect(page.locator(REPLY, has_text="The card above").last).to_be_visible(
            timeout=WAIT_MS)
        card = page.locator(".match-card").last
        expect(card).to_be_visible(timeout=WAIT_MS)

        # The score and every part are the engine's own numbers.
        report = _card_of_the_engine()
        assert {p for p, _, w in report.parts if w} == {
            "role title", "required", "preferred", "years/level/degree"}
        expect(card.locator(".match-score")).to_have_attribute("aria-valuenow", str(report.score))
        expect(card.locator(".match-score")).to_have_text(f"{report.score}/100")
        for part, earned, possible in report.parts:
            points = card.locator(f".match-part[data-part='{part}'] .match-part-points")
            expect(points).to_have_text(f"{earned:g} of {possible:g} points")

        # A matched requirement shows the line that proves it; opened with the keyboard, the
        # role around that line and the words of the posting it was read from.
        airflow = card.locator(".match-matched", has_text="Apache Airflow")
        expect(airflow.locator(".match-proof")).to_have_text(f"“{PROOF}”")
        toggle = airflow.locator(".match-context-toggle")
        expect(toggle).to_have_accessible_name("Show in context for Apache Airflow")
        toggle.focus()
        page.keyboard.press("Enter")
        expect(toggle).to_have_attribute("aria-expanded", "true")
        context = airflow.locator(".match-context")
        expect(context).to_contain_text("Data Engineer at Riverbend Logistics")
        expect(context).to_contain_text("Cut dashboard load time by 40% with dbt")
        expect(context.locator("mark", has_text=PROOF)).to_be_visible()
        (start, end), = next(m.requirement.spans for m in report.matched
                             if m.requirement.text == "Apache Airflow")
        span = context.locator(".match-posting-span")
        expect(span.locator("mark")).to_have_text(POSTING[start:end])
        expect(span).to_have_attribute("data-start", str(start))
        page.screenshot(path=shots / "match-card-1-score-parts-and-proof-in-context-light.png")

        # "I have this" on a missing requirement starts the gap interview for that item.
        llm.add_script({"replies": [say(QUESTION)]})
        asked = len(llm.requests())
        kubernetes = card.locator(".match-missing", has_text="Kubernetes")
        have = kubernetes.locator(".match-have")
        expect(have).to_have_accessible_name(re.compile(r"^I have this\s*:\s*Kubernetes\s*$"))
        have.focus()
        page.keyboard.press("Enter")
        expect(page.locator(REPLY, has_text=QUESTION).last).to_be_visible(timeout=WAIT_MS)
        expect(kubernetes.locator(".match-answer")).to_contain_text("Let's talk about Kubernetes")
        told = json.dumps(llm.requests()[asked].messages[-1], ensure_ascii=False)
        assert "“I have this” for “Kubernetes”" in told and job_id in told, told

        terraform = card.locator(".match-missing", has_text="Terraform")
        lack = terraform.locator(".match-lack")
        expect(lack).to_have_accessible_name(re.compile(r"^I don't\s*have Terraform\s*$"))
        lack.click()
        expect(terraform.locator(".match-answer")).to_have_text(
            "Noted: you do not have Terraform. It stays missing; nothing claims it.")
        page.screenshot(path=shots / "match-card-2-i-have-this-starts-the-interview.png")

        # Reopened in the dark theme, the thread still shows the card.
        page.evaluate("localStorage.setItem('vite-ui-theme', 'dark')")
        page.wait_for_load_state("networkidle")
        page.reload()
        page.locator("#thread-history").get_by_text("How well do I match?").first.click()
        reopened = page.locator(".match-card").last
        expect(reopened).to_be_visible(timeout=WAIT_MS)
        expect(reopened.locator(".match-score")).to_have_text(f"{report.score}/100")
        expect(reopened.locator(".match-proof").first).to_be_visible()
        # The answers are kept on the card: no buttons to press twice.
        again = reopened.locator(".match-missing", has_text="Kubernetes")
        expect(again.locator(".match-answer")).to_contain_text("Let's talk about Kubernetes")
        expect(again.locator(".match-have")).to_be_disabled()
        expect(reopened.locator(".match-missing", has_text="Terraform").locator(
            ".match-answer")).to_contain_text("Noted: you do not have Terraform.")
        reopened.scroll_into_view_if_needed()
        page.screenshot(path=shots / "match-card-3-reopened-thread-dark.png")

    assert not problems, "\n".join(problems)
