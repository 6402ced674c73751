"""Tracking an application by talking, against the real app server and a scripted model
server: "I applied to Acme today" moves the job to applied, `/jobs` shows the pipeline by
status, and "what did I send to Acme?" hands back the very file that was downloaded."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from support.scripted_llm_process import ScriptedLLMProcess

from db.accounts import get_account_by_username
from db.applications import status_history
from db.jobs import create_job, list_jobs
from db.models import JobExport
from db.resumes import create_resume
from db.versions import create_version
from e2e.client import ChatClient, create_first_admin, login_token
from e2e.fixtures import ADMIN
from e2e.test_journey import tool_result
from e2e.test_manage_resumes import RESUME_MD

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(180)]

TURN_S = 60.0
POSTING = "Data Engineer at Acme Analytics, Lisbon. Airflow, dbt and Kubernetes required."


def call(tool: str, **arguments: Any) -> dict:
    return {"tool_calls": [{"name": tool, "arguments": arguments}]}


def files_since(chat: ChatClient, since: int) -> list[dict[str, Any]]:
    return [data for event, data in chat.events[since:]
            if event == "element" and data.get("type") == "file"]


def download(base_url: str, token: str, url: str) -> bytes:
    response = httpx.get(base_url + url, cookies={"access_token": token}, timeout=15)
    assert response.status_code == 200, (url, response.status_code)
    return response.content


async def test_i_applied_to_acme_today_then_jobs_and_what_was_sent(
    start_server, in_database
) -> None:
    with ScriptedLLMProcess() as llm:
        server = start_server(OPENAI_BASE_URL=llm.base_url, OPENAI_API_KEY="test-key",
                              TAILOR_MODEL_NAME="scripted")
        create_first_admin(server.base_url, *ADMIN)

        async def seed(session):
            account = await get_account_by_username(session, ADMIN[0])
            resume = await create_resume(session, account.id, name="Main", markdown=RESUME_MD,
                                         source_kind="markdown")
            acme = await create_job(session, account.id, posting_text=POSTING,
                                    company="Acme Analytics", title="Data Engineer")
            await create_job(session, account.id, posting_text=POSTING.replace("Acme", "Globex"),
                             company="Globex", title="Analyst")
            version = await create_version(session, account.id, kind="resume", job_id=acme.id,
                                           markdown=RESUME_MD, source_resume_id=resume.id)
            return account.id, acme.id, version.id

        owner, acme_id, version_id = await in_database(seed)
        token = login_token(server.base_url, *ADMIN)
        chat = ChatClient(server.base_url, token)
        await chat.connect()

        async def turn(text: str, *replies: dict) -> list[str]:
            llm.add_script({"replies": list(replies)})
            return await chat.send(text, timeout_s=TURN_S)

        before = len(chat.events)
        await turn("Export my Acme resume as a PDF.",
                   call("export_document", format="pdf", version_id=str(version_id)),
                   {"text": "Here it is."})
        [exported] = files_since(chat, before)
        downloaded = download(server.base_url, token, exported["url"])
        assert downloaded.startswith(b"%PDF")

        answers = await turn("I applied to Acme today!",
                             call("set_job_status", new_status="applied", job_name="Acme"),
                             {"text": "Congratulations, I marked it as applied."})
        assert answers[-1] == "Congratulations, I marked it as applied."
        today = dt.date.today().isoformat()
        said = tool_result(llm, "set_job_status")
        assert said.startswith(f"Data Engineer at Acme Analytics (job_id {acme_id}) is now "
                               f"applied as of {today} (was saved).")

        async def application(session):
            [job] = [j for j in await list_jobs(session, owner) if j.id == acme_id]
            changes = await status_history(session, owner, acme_id)
            [export] = list(await session.scalars(select(JobExport)))
            return job.status, job.status_on, [c.status for c in changes], export.sha256

        status, on, history, sha256 = await in_database(application)
        assert (status, on.isoformat(), history) == ("applied", today, ["applied"])
        # What was recorded as going with the application is what the person downloaded.
        assert sha256 == hashlib.sha256(downloaded).hexdigest()

        [listing] = await chat.send("/jobs")
        saved = listing.index("**Saved** (1)")
        applied = listing.index("**Applied** (1)")
        assert saved < listing.index("**Analyst at Globex**: saved") < applied
        assert f"**Data Engineer at Acme Analytics**: applied {today}" in listing[applied:]
        assert "job_id" not in listing  # ids are for the model, not the person
        # Picked from the command menu, the text after the command is its argument.
        [detail] = await chat.send("Acme", command="jobs")
        assert detail.split("\n")[-3:] == [
            f"- {today}: saved -> applied", "Files exported for it:",
            rf"- {today}: Mara\-Quillon\_Acme\-Analytics\_Resume\.pdf (resume version 1)"]
        assert detail.startswith("**Data Engineer at Acme Analytics**: applied\n")

        before = len(chat.events)
        await turn("What did I send to Acme?", call("sent_documents", job_name="Acme"),
                   {"text": "This is the file you sent."})
        assert tool_result(llm, "sent_documents").startswith(
            f"Sent with the application to Data Engineer at Acme Analytics (applied {today})")
        [sent] = files_since(chat, before)
        assert sent["name"] == exported["name"]
        assert download(server.base_url, token, sent["url"]) == downloaded
        await chat.close()
