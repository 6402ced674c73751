"""A job by its link, and a whole page pasted, in the real chat: `chainlit run`, PostgreSQL, the
scripted model calling the tool, and a local job board the server reads the link from.

The board is on 127.0.0.1, which the server is told to allow (TAILOR_JOB_LINK_PRIVATE_NETWORKS);
with the default settings such a link is refused (tests/security/test_job_links_outbound.py).
"""

from __future__ import annotations

import pytest
from sqlalchemy import select
from support.job_board import JobBoard, feed_urls
from support.pasted_page import POSTING, pasted_page
from support.scripted_llm_process import ScriptedLLMProcess

from db.models import Job
from e2e.client import ChatClient, create_first_admin, login_token
from e2e.fixtures import ADMIN
from e2e.test_journey import call, last_output, say, turn

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(240)]


async def test_a_pasted_link_becomes_a_saved_job_with_its_link(start_server, in_database):
    with JobBoard() as board, ScriptedLLMProcess() as llm:
        server = start_server(
            OPENAI_BASE_URL=llm.base_url, OPENAI_API_KEY="test-key",
            TAILOR_MODEL_NAME="scripted", TAILOR_JOB_LINK_PRIVATE_NETWORKS="127.0.0.1/32",
            TAILOR_JOB_FEED_URLS=feed_urls(board),
        )
        create_first_admin(server.base_url, *ADMIN)
        chat = ChatClient(server.base_url, login_token(server.base_url, *ADMIN))
        await chat.connect()

        page = f"{board.url}/jobs/northwind-data-engineer"
        answers = await turn(chat, llm, f"Here is the job I want: {page}",
                             call("save_job", url=page), say("Saved the Northwind job."))
        assert answers[-1] == "Saved the Northwind job."
        saved = last_output(chat, "save_job")
        assert f"Read the posting at ` {page} ` from the page's schema.org JobPosting data" in saved
        assert "Saved the job Senior Data Engineer at Northwind Freight" in saved
        assert "/jobs/northwind-data-engineer" in board.paths

        greenhouse = "https://boards.greenhouse.io/acmerobotics/jobs/4012345"
        await turn(chat, llm, greenhouse, call("save_job", url=greenhouse), say("Saved."))
        assert "from Greenhouse's public job feed" in last_output(chat, "save_job")
        assert board.paths[-1] == "/v1/boards/acmerobotics/jobs/4012345"

        wall = f"{board.url}/jobs/view/123"
        answers = await turn(chat, llm, wall, call("save_job", url=wall))
        assert "asks you to sign in before it shows the posting" in answers[-1]
        assert "paste it here instead" in answers[-1]
        await chat.close()

    jobs = await in_database(lambda session: session.scalars(
        select(Job).order_by(Job.created_at)))
    rows = [(job.title, job.source_url, job.fetched_at is not None) for job in jobs]
    assert rows == [("Senior Data Engineer", page, True),
                    ("Site Reliability Engineer", greenhouse, True)]


async def test_a_whole_pasted_page_reaches_the_model_cut_to_the_posting(start_server):
    with ScriptedLLMProcess({"default": {"text": "Got it."}}) as llm:
        server = start_server(OPENAI_BASE_URL=llm.base_url, OPENAI_API_KEY="test-key",
                              TAILOR_MODEL_NAME="scripted")
        create_first_admin(server.base_url, *ADMIN)
        chat = ChatClient(server.base_url, login_token(server.base_url, *ADMIN))
        await chat.connect()

        paste = pasted_page()
        answers = await chat.send(paste, timeout_s=60)
        assert answers[0].startswith(f"Your paste was {len(paste):,} characters; I kept the "
                                     "posting (")
        assert answers[-1] == "Got it."
        told = llm.requests()[-1].last_message_text("user")
        assert all(line in told for line in POSTING.splitlines())
        assert len(told) < 2_000 < 50_000 < len(paste)

        asked = len(llm.requests())
        endless = "Responsible for moving containers safely through the port every day. " * 800
        (refused,) = await chat.send(endless, timeout_s=60)
        assert "I take up to 40,000 characters at once, so I have not used it" in refused
        assert len(llm.requests()) == asked, "a refused message never reaches the model"
        await chat.close()
