"""Each step of a turn stored once (assistant/step_writes.py), and the conversation reopens as it
was seen: every stored step under a stored parent (Chainlit's page does not draw a step whose
parent is missing), the tool's result, the hidden run closed; a tool cut by a crash after it had
run a while is still there, closed as interrupted."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from support.scripted_llm_process import ScriptedLLMProcess

from assistant.chat_resume import INTERRUPTED_STEP, INTERRUPTED_TURN
from assistant.step_writes import GRACE_S
from e2e.client import ChatClient, create_first_admin, login_token
from e2e.fixtures import ADMIN
from e2e.test_crash import wait_for
from e2e.test_faults import count, model_env
from e2e.test_journey import ANALYSIS, JOB, call, say, turn

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(180)]

# Counts every row written into steps (an upsert fires the insert trigger once, conflict or not).
COUNT_WRITES = """
CREATE TABLE step_write_count (n integer NOT NULL);
INSERT INTO step_write_count VALUES (0);
CREATE FUNCTION count_step_write() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN UPDATE step_write_count SET n = n + 1; RETURN NEW; END $$;
CREATE TRIGGER count_step_write BEFORE INSERT ON steps
FOR EACH ROW EXECUTE FUNCTION count_step_write();
"""


def run_sql(database_url: str, sql: str) -> None:
    engine = create_engine(database_url)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql(sql)
    finally:
        engine.dispose()


def stored_steps(database_url: str, thread_id: str) -> list[dict]:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text(
                'SELECT "id", "parentId", "name", "type", "output", "end", "isError" FROM steps '
                'WHERE "threadId" = :thread ORDER BY "createdAt"'), {"thread": thread_id})
            return [dict(row._mapping) for row in rows]
    finally:
        engine.dispose()


def orphans(steps: list[dict]) -> list[dict]:
    ids = {step["id"] for step in steps}
    return [step for step in steps if step.get("parentId") and step["parentId"] not in ids]


async def test_a_quick_tool_turn_stores_each_step_once_and_reopens_whole(
    start_server, migrated_db_url: str
):
    with ScriptedLLMProcess() as llm:
        server = start_server(**model_env(llm))
        create_first_admin(server.base_url, *ADMIN)
        chat = ChatClient(server.base_url, login_token(server.base_url, *ADMIN))
        await chat.connect()
        run_sql(migrated_db_url, COUNT_WRITES)  # Chainlit stores nothing before a message
        writes = "SELECT n FROM step_write_count"
        await turn(chat, llm, "Hello.", say("Hello, I am Tailor."))
        await asyncio.sleep(0.5)  # the last writes are fire-and-forget tasks
        # The hidden runs around the conversation's start and the reply (each written twice
        # before), the person's message, the answer.
        assert count(migrated_db_url, writes) == 4

        await turn(chat, llm, "Which resumes do I have?", call("list_resumes"),
                   say("None yet."))
        await asyncio.sleep(0.5)
        # The person's message, the hidden run, the tool step, the answer: once each (the run
        # and the tool step were written twice before).
        assert count(migrated_db_url, writes) == 8
        await asyncio.sleep(GRACE_S + 0.5)  # no late write of the ended tool step either
        assert count(migrated_db_url, writes) == 8

        steps = stored_steps(migrated_db_url, chat.thread_id)
        assert not orphans(steps), steps
        [tool] = [s for s in steps if s["type"] == "tool"]
        assert tool["end"] and tool["output"] and not tool["isError"], tool
        assert all(s["end"] for s in steps if s["type"] == "run"), "hidden runs read as ended"
        runs = [s for s in steps if s["name"] == "on_message"]
        assert len(runs) == 2 and len([s for s in steps if s["type"] == "run"]) == 3, steps
        [answer] = [s for s in steps if s["output"] == "None yet."]
        assert answer["parentId"] == runs[-1]["id"], "the answer is drawn in the run's place"
        await chat.close()

        again = ChatClient(server.base_url, login_token(server.base_url, *ADMIN))
        await again.connect(resume_thread_id=chat.thread_id)
        [thread] = again.event_data("resume_thread")
        assert not orphans(thread["steps"]), "every step is drawn under its parent"
        shown = [(s["type"], s["output"]) for s in thread["steps"] if s["type"] != "run"]
        assert shown[-3:] == [("user_message", "Which resumes do I have?"),
                              ("tool", tool["output"]), ("assistant_message", "None yet.")]
        assert INTERRUPTED_TURN not in again.messages()
        await again.close()


async def saved_job_chat(server, llm: ScriptedLLMProcess, fixtures_dir: Path) -> ChatClient:
    """A signed-in admin's conversation that has saved the fixture job."""
    create_first_admin(server.base_url, *ADMIN)
    chat = ChatClient(server.base_url, login_token(server.base_url, *ADMIN))
    await chat.connect()
    posting = (fixtures_dir / JOB).read_text()
    await turn(chat, llm, "Save this job.", call("save_job", posting_text=posting,
                                                  company="Riverbend AI",
                                                  title="Machine Learning Engineer"),
               say("Saved the job."))
    return chat


def start_slow_analysis(chat: ChatClient, llm: ScriptedLLMProcess) -> asyncio.Task:
    """Ask for the job's analysis, whose model call waits a minute: the tool runs meanwhile."""
    llm.add_script({"replies": [call("analyze_job"), {"structured": ANALYSIS, "delay_s": 60}]})
    return asyncio.create_task(chat.send("Analyse it.", timeout_s=120))


async def reopened(
    server, chat: ChatClient, running: asyncio.Task, thread_id: str
) -> tuple[ChatClient, list[dict]]:
    """After the server went down mid-turn: drop the old tab, start the server again and reopen
    the conversation in a new one; that tab and the steps the thread came back with."""
    running.cancel()
    with contextlib.suppress(asyncio.CancelledError, Exception):
        await running
    await chat.close()
    server.start()
    again = ChatClient(server.base_url, login_token(server.base_url, *ADMIN))
    await again.connect(resume_thread_id=thread_id)
    [thread] = again.event_data("resume_thread")
    return again, thread["steps"]


async def test_a_tool_cut_by_a_crash_after_a_while_reopens_closed_as_interrupted(
    start_server, migrated_db_url: str, fixtures_dir: Path
):
    with ScriptedLLMProcess() as llm:
        server = start_server(**model_env(llm))
        chat = await saved_job_chat(server, llm, fixtures_dir)
        thread_id = chat.thread_id
        # The analysis waits a minute for the model: its step is stored while it runs.
        running = start_slow_analysis(chat, llm)
        open_tool = ('SELECT count(*) FROM steps WHERE "type" = \'tool\' AND "end" IS NULL '
                     'AND "threadId" = \'' + thread_id + "'")
        await asyncio.to_thread(wait_for, lambda: count(migrated_db_url, open_tool) == 1,
                                GRACE_S + 10, "the running tool step to be stored")
        server.kill()
        again, steps = await reopened(server, chat, running, thread_id)
        assert again.messages() == [INTERRUPTED_TURN]
        assert not orphans(steps), "every step is drawn under its parent"
        shown = [(s["type"], s["output"]) for s in steps if s["type"] != "run"]
        assert shown[-3:] == [("user_message", "Analyse it."), ("tool", INTERRUPTED_STEP),
                              ("assistant_message", INTERRUPTED_TURN)], shown
        await again.close()


async def test_a_tool_running_when_the_server_is_stopped_is_kept(
    start_server, migrated_db_url: str, fixtures_dir: Path
):
    # A stop (a rolling restart) right after a tool started, before GRACE_S: its step is stored
    # on the way out, so the reopened thread shows it closed as interrupted.
    with ScriptedLLMProcess() as llm:
        server = start_server(**model_env(llm))
        chat = await saved_job_chat(server, llm, fixtures_dir)
        thread_id = chat.thread_id
        shown = len(chat.events)
        running = start_slow_analysis(chat, llm)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 30
        while not any(event == "new_message" and data.get("type") == "tool"
                      for event, data in chat.events[shown:]):
            assert loop.time() < deadline, "the tool step was never shown"
            await asyncio.sleep(0.02)
        await asyncio.to_thread(server.stop)
        again, steps = await reopened(server, chat, running, thread_id)
        shown_again = [(s["type"], s["output"]) for s in steps if s["type"] != "run"]
        assert shown_again[-3:] == [("user_message", "Analyse it."), ("tool", INTERRUPTED_STEP),
                                    ("assistant_message", INTERRUPTED_TURN)], shown_again
        await again.close()
