"""PostgreSQL stops while the app runs: the person is told the storage is unavailable (no
traceback in the chat), and once the database is back the same app process works again by itself,
with everything saved before the outage still there.

The database is an embedded server started by this test, never the machine's shared one."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.scripted_llm_process import ScriptedLLMProcess

from db.embedded import embedded_url, start_embedded_server
from db.migrate import upgrade
from e2e.client import ChatClient, create_first_admin, login_token
from e2e.fixtures import ADMIN
from e2e.test_journey import JOB, call, say, turn

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(240)]

STORAGE_DOWN = "storage is unavailable"


async def test_storage_outage_is_explained_and_the_app_recovers_by_itself(
    start_server, embedded_tmp_path: Path, fixtures_dir: Path
):
    database = start_embedded_server(embedded_tmp_path / "data")
    url = embedded_url(database)
    upgrade(url)
    posting = (fixtures_dir / JOB).read_text()
    try:
        with ScriptedLLMProcess() as llm:
            server = start_server(database_url=url, OPENAI_BASE_URL=llm.base_url,
                                  OPENAI_API_KEY="test-key", TAILOR_MODEL_NAME="scripted")
            create_first_admin(server.base_url, *ADMIN)
            chat = ChatClient(server.base_url, login_token(server.base_url, *ADMIN))
            await chat.connect()
            await turn(chat, llm, "Save this job.",
                       call("save_job", posting_text=posting, company="Riverbend AI",
                            title="Machine Learning Engineer"), say("Saved."))

            database.stop()
            # A command and a model turn that needs the database: one clear message each.
            (answer,) = await chat.send("/jobs", timeout_s=30)
            assert STORAGE_DOWN in answer and "Traceback" not in answer, answer
            llm.add_script({"replies": [call("save_job", posting_text=posting,
                                             company="Other Co", title="Data Engineer"),
                                        say("Saved the second one.")]})
            answers = await chat.send("Save another job.", timeout_s=60)
            assert STORAGE_DOWN in answers[-1], answers
            assert not [a for a in answers if "Traceback" in a or "psycopg" in a], answers

            database.start()
            # The same server, no restart: the pool notices the new server (pre-ping).
            (jobs,) = await chat.send("/jobs", timeout_s=30)
            assert "**Machine Learning Engineer at Riverbend AI**" in jobs, jobs
            assert "Data Engineer" not in jobs, "nothing was half-saved during the outage"
            await turn(chat, llm, "Save another job.",
                       call("save_job", posting_text=posting, company="Other Co",
                            title="Data Engineer"), say("Saved the second one."))
            (jobs,) = await chat.send("/jobs", timeout_s=30)
            assert "Data Engineer at Other Co" in jobs and "Riverbend AI" in jobs
            await chat.close()
            # Signing in works again too.
            assert login_token(server.base_url, *ADMIN)
    finally:
        database.stop()
