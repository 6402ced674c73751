"""Saving a job from its link, as the agent calls the tools: real database, a local job board.

The board is on 127.0.0.1, which these tests allow explicitly (``job_link_private_networks``);
the refusal of loopback with the default settings is in tests/security/test_job_links_outbound.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from support.job_board import LEVER_ID, JobBoard, feed_urls
from support.llm_script import structured
from support.pasted_page import POSTING, pasted_page
from tool_harness import call, context, new_account

from core.errors import UserFacingError
from core.settings import Settings
from db.jobs import list_jobs
from tools.analyze_job import analyze_job
from tools.list_jobs import list_jobs as list_jobs_tool
from tools.save_job import save_job

pytestmark = [pytest.mark.db, pytest.mark.timeout(120)]

ANALYSIS = {
    "company": "Northwind Freight", "title": "Senior Data Engineer", "location": "Rotterdam",
    "seniority": "senior", "language": "en", "hiring_manager": None,
    "required_skills": ["Python", "Apache Spark", "SQL"], "preferred_skills": ["Kafka"],
    "responsibilities": ["Own our Airflow platform"], "keywords": ["dbt"],
    "special_instructions": [],
}


@pytest.fixture(scope="module")
def board() -> Iterator[JobBoard]:
    with JobBoard() as served:
        yield served


def settings_for(board: JobBoard) -> Settings:
    return Settings(job_link_private_networks="127.0.0.1/32",
                    job_feed_urls=json.loads(feed_urls(board)))


async def test_a_link_to_a_page_with_json_ld_saves_the_job_with_its_details_and_link(
    session_factory, board
):
    owner = await new_account(session_factory, "anabel")
    ctx = context(session_factory, owner, settings=settings_for(board))
    url = f"{board.url}/jobs/northwind-data-engineer"
    saved = (await call(save_job, ctx, url=url)).content
    assert saved.startswith(f"Read the posting at ` {url} ` from the page's schema.org JobPosting "
                            "data on ")
    assert "Saved the job Senior Data Engineer at Northwind Freight" in saved
    async with session_factory() as session:
        (job,) = await list_jobs(session, owner)
    assert (job.source_url, job.location) == (url, "Rotterdam, South Holland, NL")
    assert job.fetched_at is not None and job.fetched_at.tzinfo is not None
    assert "Salary: EUR 70,000 to 85,000 a year" in job.posting_text
    assert "- Model the warehouse in dbt for the analytics team" in job.posting_text
    assert "cookies" not in job.posting_text and "Similar jobs" not in job.posting_text
    # The job's page says where the posting came from and when it was read.
    detail = (await call(list_jobs_tool, ctx, job_name="Northwind")).content
    assert f"- Posting read from ` {url} ` on {job.fetched_at:%Y-%m-%d}" in detail


async def test_a_lone_link_given_as_posting_text_is_read_from_the_board_feed(
    session_factory, board
):
    owner = await new_account(session_factory, "ben")
    ctx = context(session_factory, owner, settings=settings_for(board))
    link = f"https://jobs.lever.co/tallyho/{LEVER_ID}"
    saved = (await call(save_job, ctx, posting_text=f"  {link} ")).content
    assert "from Lever's public job feed" in saved and "Saved the job Product Designer" in saved
    assert board.paths[-1] == f"/v0/postings/tallyho/{LEVER_ID}"
    async with session_factory() as session:
        (job,) = await list_jobs(session, owner)
    assert job.source_url == link and "- Run usability studies every month" in job.posting_text


async def test_a_sign_in_wall_saves_nothing_and_asks_for_the_text(session_factory, board):
    owner = await new_account(session_factory, "cyd")
    ctx = context(session_factory, owner, settings=settings_for(board))
    with pytest.raises(UserFacingError, match="asks you to sign in.*paste it here instead"):
        await call(save_job, ctx, url=f"{board.url}/jobs/view/123")
    async with session_factory() as session:
        assert await list_jobs(session, owner) == []


async def test_analyse_a_link_saves_then_analyses_it(session_factory, board, scripted_llm):
    scripted_llm.add(structured(ANALYSIS))
    owner = await new_account(session_factory, "dee")
    ctx = context(session_factory, owner, model_url=scripted_llm.base_url,
                  settings=settings_for(board))
    url = f"{board.url}/jobs/northwind-data-engineer"
    answer = (await call(analyze_job, ctx, url=url)).content
    assert "Saved the job Senior Data Engineer at Northwind Freight" in answer
    assert "- Required skills: Python; Apache Spark; SQL" in answer
    analysed = scripted_llm.chat_requests[-1].last_message_text("user")
    assert "Own our Airflow platform" in analysed and "Accept all cookies" not in analysed


async def test_a_pasted_page_is_saved_cut_to_the_posting_with_a_note(session_factory):
    owner = await new_account(session_factory, "eve")
    ctx = context(session_factory, owner)
    saved = (await call(save_job, ctx, posting_text=pasted_page())).content
    assert "Tell the person: Your paste was 5" in saved and "similar jobs (" in saved
    async with session_factory() as session:
        (job,) = await list_jobs(session, owner)
    assert all(line in job.posting_text for line in POSTING.splitlines())
    assert "Warehouse Team Lead" not in job.posting_text


async def test_a_posting_too_long_even_after_cutting_is_refused_with_the_limit(
    session_factory,
):
    owner = await new_account(session_factory, "fay")
    ctx = context(session_factory, owner)
    endless = "Responsible for moving containers safely through the port every day. " * 800
    with pytest.raises(UserFacingError, match=r"Tailor keeps postings of up to 40,000"):
        await call(save_job, ctx, posting_text=endless)
    async with session_factory() as session:
        assert await list_jobs(session, owner) == []


async def test_the_pages_own_details_win_over_the_models_guesses(session_factory, board):
    owner = await new_account(session_factory, "gus")
    ctx = context(session_factory, owner, settings=settings_for(board))
    url = f"{board.url}/jobs/northwind-data-engineer"
    await call(save_job, ctx, url=url, company="Northwind", title="Data Engineer",
               hiring_manager="Ilse Vermeer")
    async with session_factory() as session:
        (job,) = await list_jobs(session, owner)
    assert (job.company, job.title, job.hiring_manager) == (
        "Northwind Freight", "Senior Data Engineer", "Ilse Vermeer")


async def test_a_link_given_with_the_text_is_kept_and_not_fetched(session_factory, board):
    owner = await new_account(session_factory, "hal")
    ctx = context(session_factory, owner, settings=settings_for(board))
    url = f"{board.url}/jobs/lumen-backend-go"
    before = len(board.paths)
    await call(save_job, ctx, url=url, posting_text=POSTING, company="Hafenblick Logistik")
    assert len(board.paths) == before, "the text was given: the page is not fetched"
    async with session_factory() as session:
        (job,) = await list_jobs(session, owner)
    assert (job.source_url, job.fetched_at) == (url, None)
    assert job.posting_text == POSTING
