"""Every way the model server can misbehave, against the real app and a scripted model server:
the person gets one message saying what happened and what to do, transient failures are retried
with growing waits (Retry-After wins), nothing half-made is saved, and a tailoring run that failed
on one role keeps the roles it finished, so asking again only asks the model for the rest.

`test_conversation_failures.py` covers a refused key and prose where JSON was asked."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from support.llm_script import RecordedRequest
from support.scripted_llm_process import ScriptedLLMProcess

from e2e.client import ChatClient, create_first_admin, login_token
from e2e.fixtures import ADMIN
from e2e.test_journey import (
    ANALYSIS,
    JOB,
    JOHN_DOE,
    LATENCY_BULLET,
    RESUME_PDF,
    SCALE_BULLET,
    call,
    id_after,
    last_output,
    say,
    tool_result,
    turn,
)

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(240)]

TIMEOUT_S = "2"
SERVER_ERROR = {"status": 500, "error_body": {"error": {"message": "boom", "type": "server_error"}}}
RATE_LIMITED = {"status": 429, "headers": {"Retry-After": "1"},
                "error_body": {"error": {"message": "slow down", "type": "rate_limit_exceeded"}}}
LONG_ANSWER = " ".join(f"word{i}" for i in range(60))


def model_env(llm: ScriptedLLMProcess) -> dict[str, str]:
    return {"OPENAI_BASE_URL": llm.base_url, "OPENAI_API_KEY": "test-key",
            "TAILOR_MODEL_NAME": "scripted", "TAILOR_MODEL_TIMEOUT_S": TIMEOUT_S}


def gaps(requests: list[RecordedRequest]) -> list[float]:
    times = [r.received_at for r in requests]
    return [later - earlier for earlier, later in zip(times, times[1:], strict=False)]


def count(database_url: str, sql: str) -> int:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return int(connection.scalar(text(sql)) or 0)
    finally:
        engine.dispose()


async def save_resume_and_job(
    chat: ChatClient, llm: ScriptedLLMProcess, fixtures_dir: Path
) -> None:
    """Import the fixture PDF as "Main" and save the fixture job posting (not analysed)."""
    upload_id = chat.upload(fixtures_dir / RESUME_PDF, "application/pdf")
    await turn(chat, llm, "Here is my resume.", call("import_resume", file_id=upload_id),
               {"structured": JOHN_DOE}, say("Found it."), file_ids=[upload_id])
    draft_id = id_after(tool_result(llm, "import_resume"), "Draft")
    await turn(chat, llm, "Call it Main.", call("import_resume", draft_id=draft_id, name="Main"),
               say("Saved."))
    posting = (fixtures_dir / JOB).read_text()
    await turn(chat, llm, "Save this job.", call("save_job", posting_text=posting,
                                                  company="Riverbend AI",
                                                  title="Machine Learning Engineer"),
               say("Saved the job."))


async def test_model_server_faults_in_the_conversation(start_server):
    with ScriptedLLMProcess() as llm:
        server = start_server(**model_env(llm))
        create_first_admin(server.base_url, *ADMIN)
        chat = ChatClient(server.base_url, login_token(server.base_url, *ADMIN))
        await chat.connect()

        # 429 with Retry-After: waited for, then answered; the person never sees the 429.
        asked = len(llm.requests())
        llm.add_script({"replies": [RATE_LIMITED, say("Hello after the wait.")]})
        assert (await chat.send("Hello", timeout_s=30))[-1] == "Hello after the wait."
        assert gaps(llm.requests()[asked:])[0] >= 0.95, "Retry-After honoured"

        # 500 every time: retried with growing waits, then one message saying what to do.
        asked = len(llm.requests())
        llm.add_script({"replies": [SERVER_ERROR] * 3})
        answers = await chat.send("Hi again", timeout_s=30)
        assert answers[-1] == (f"The model server at {llm.base_url} answered with an error "
                               "(HTTP 500). Try again later or choose another model in /settings.")
        waits = gaps(llm.requests()[asked:])
        assert len(waits) == 2 and waits[1] > waits[0], f"backoff grows: {waits}"

        # No answer within the timeout: said after one wait, not after one per retry.
        asked = len(llm.requests())
        llm.add_script({"replies": [{"text": "late", "delay_s": 8}]})
        answers = await chat.send("Are you there?", timeout_s=40)
        assert answers[-1].startswith(f"The model server at {llm.base_url} did not answer "
                                      f"within {TIMEOUT_S} s."), answers
        assert "/settings" in answers[-1]
        assert len(llm.requests()) == asked + 1, "a timed-out call is not asked again"

        # The stream is cut halfway: the person is told, and the half answer is not kept.
        llm.add_script({"replies": [{"text": LONG_ANSWER, "drop_after_chunks": 6}]})
        answers = await chat.send("Tell me a story", timeout_s=30)
        assert answers[-1] == (f"The model server at {llm.base_url} broke off its answer "
                               "halfway. Try again; nothing of it was kept.")
        llm.add_script({"replies": [say("Back.")]})
        assert (await chat.send("Again?"))[-1] == "Back."
        history = str(llm.requests()[-1].messages)
        assert "word3" not in history, "a cut-off answer is not part of the conversation"

        # A very slow stream (10 tokens/s, under the per-read timeout) arrives whole.
        llm.add_script({"replies": [{"text": "one two three four five six seven eight",
                                     "tokens_per_second": 10}]})
        before = len(chat.events)
        answers = await chat.send("Slowly please", timeout_s=30)
        assert answers[-1] == "one two three four five six seven eight"
        assert len([e for e, _ in chat.events[before:] if e == "stream_token"]) > 3

        # A tool that does not exist, then a real one with unusable arguments: the model is
        # told (and can recover); the person sees its answer.
        llm.add_script({"replies": [call("delete_everything"), say("I cannot do that.")]})
        assert (await chat.send("Delete everything"))[-1] == "I cannot do that."
        told = [m for m in llm.requests()[-1].messages if m.get("role") == "tool"][-1]
        assert "delete_everything" in str(told["content"]) and "not a valid tool" in str(
            told["content"])
        llm.add_script({"replies": [{"tool_calls": [{"name": "save_job",
                                                     "arguments": '{"posting_text": '}]},
                                    say("Let me try that differently.")]})
        answers = await chat.send("Save a job")
        assert answers[-1] == "Let me try that differently."
        told = [m for m in llm.requests()[-1].messages if m.get("role") == "tool"][-1]
        assert "posting_text" in str(told["content"]) or "argument" in str(told["content"])

        # The model server is gone entirely (connection refused), then back on the same port.
        port = int(llm.url.rsplit(":", 1)[1])
        llm.stop()
        answers = await chat.send("Anyone?", timeout_s=30)
        assert answers[-1] == (f"The model server at {llm.base_url} could not be reached. "
                               "Check the base URL in /settings and that it is up.")
        with ScriptedLLMProcess({"replies": [say("I am back.")]}, port=port):
            assert (await chat.send("Now?"))[-1] == "I am back."
        await chat.close()


async def test_engine_faults_keep_nothing_half_made_and_a_retry_reuses_finished_roles(
    start_server, fixtures_dir: Path, migrated_db_url: str
):
    with ScriptedLLMProcess() as llm:
        server = start_server(**model_env(llm))
        create_first_admin(server.base_url, *ADMIN)
        chat = ChatClient(server.base_url, login_token(server.base_url, *ADMIN))
        await chat.connect()
        await save_resume_and_job(chat, llm, fixtures_dir)

        # JSON that fails the schema, twice: the engine's message, nothing analysed.
        wrong = {"structured": {"company": 5, "title": ["not", "a", "title"]}}
        answers = await turn(chat, llm, "Analyse it.", call("analyze_job"), wrong, wrong)
        assert answers[-1].startswith("Could not analyse the job posting: the model at "
                                      "scripted @ " + llm.base_url + " did not return the "
                                      "expected structure twice"), answers
        assert "Try again" in answers[-1]
        assert count(migrated_db_url, "SELECT count(*) FROM jobs WHERE analysis IS NOT NULL") == 0

        # A 429 inside a structured call: waited for as the server asked, shown in the step.
        asked = len(llm.requests())
        answers = await turn(chat, llm, "Analyse it again.", call("analyze_job"), RATE_LIMITED,
                             {"structured": ANALYSIS}, say("Analysed."))
        assert answers[-1] == "Analysed."
        assert "Required skills: PyTorch" in last_output(chat, "analyze_job")
        assert gaps(llm.requests()[asked + 1:asked + 3])[0] >= 0.95

        # Tailoring: the Nexus AI role is answered, the NVIDIA role only gets errors. The run
        # fails with one message after retries; no version is saved; the finished role is kept.
        llm.add_script({"rules": [
            {"when_user_says": "BANNER", "reply": {"structured": {"lines": [
                "[1] Co-founder and CTO who built foundation model infrastructure"]}}},
            {"when_user_says": "Nexus AI, 06/2023", "reply": {"structured": {
                "bullets": [f"[3] {LATENCY_BULLET}", f"[2] {SCALE_BULLET}"]}}},
        ]})
        answers = await turn(chat, llm, "Tailor my resume.", call("tailor_resume"))
        assert answers[-1].startswith("Tailored 1 of 2 roles; Research Intern at NVIDIA Research "
                                      "failed. Could not tailor the role"), answers
        assert "HTTP 500" in answers[-1]
        assert answers[-1].endswith("Ask me to try again: the finished roles are kept and will "
                                    "not be redone.")
        assert count(migrated_db_url, "SELECT count(*) FROM generated_documents") == 0
        assert count(migrated_db_url, "SELECT count(*) FROM tailoring_progress") >= 1
        nvidia = [r for r in llm.requests()
                  if "NVIDIA Research, 05/2022" in r.last_message_text("user")
                  and "BANNER" not in r.last_message_text("user")]
        assert len(nvidia) == 3, "first try and two retries"
        assert gaps(nvidia)[1] > gaps(nvidia)[0], "the waits grow"

        # Asking again finishes the work and only asks the model for the missing role.
        asked = len(llm.requests())
        llm.add_script({"rules": [
            {"when_user_says": "NVIDIA Research, 05/2022", "reply": {"structured": {
                "bullets": ["[1] " + JOHN_DOE["roles"][1]["tasks"][0]]}}},
            {"when_tool_result_for": "tailor_resume", "reply": {"text": "Done."}},
        ]})
        answers = await turn(chat, llm, "Try again.", call("tailor_resume"))
        assert "Done." in answers, answers
        assert count(migrated_db_url, "SELECT count(*) FROM generated_documents") == 1
        again = [r.last_message_text("user") for r in llm.requests()[asked:]]
        assert not [t for t in again if "Nexus AI, 06/2023" in t and "BANNER" not in t], (
            "the finished role was not asked for again")
        await chat.close()
