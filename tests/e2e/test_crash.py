"""`kill -9` of the app server in the middle of tailoring, then a start on the same database:
the resume, the job and the finished role are intact, no version was half-written, the
conversation resumes, and asking again finishes the work without redoing the finished role."""

from __future__ import annotations

import asyncio
import contextlib
import time
from pathlib import Path

import pytest
from support.scripted_llm_process import ScriptedLLMProcess

from assistant.chat_resume import INTERRUPTED_TURN
from e2e.client import ChatClient, create_first_admin, login_token
from e2e.fixtures import ADMIN
from e2e.test_faults import count, model_env, save_resume_and_job
from e2e.test_journey import ANALYSIS, JOHN_DOE, LATENCY_BULLET, SCALE_BULLET, call, say, turn

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(240)]

BANNER_RULE = {"when_user_says": "BANNER", "reply": {"structured": {"lines": [
    "[1] Co-founder and CTO who built foundation model infrastructure"]}}}
NEXUS_RULE = {"when_user_says": "Nexus AI, 06/2023", "reply": {"structured": {
    "bullets": [f"[3] {LATENCY_BULLET}", f"[2] {SCALE_BULLET}"]}}}
NVIDIA = {"bullets": ["[1] " + JOHN_DOE["roles"][1]["tasks"][0]]}


def wait_for(condition, timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def is_role_request(text: str, header: str) -> bool:
    return header in text and "BANNER" not in text


async def test_kill_9_mid_tailoring_loses_nothing_and_asking_again_finishes(
    start_server, fixtures_dir: Path, migrated_db_url: str
):
    # Unscripted requests (the NVIDIA role during the first run) get a very slow answer, so the
    # server is killed while that role is still being tailored.
    with ScriptedLLMProcess({"default": {"structured": NVIDIA, "delay_s": 60}}) as llm:
        server = start_server(**model_env(llm))
        create_first_admin(server.base_url, *ADMIN)
        chat = ChatClient(server.base_url, login_token(server.base_url, *ADMIN))
        await chat.connect()
        await save_resume_and_job(chat, llm, fixtures_dir)
        await turn(chat, llm, "Analyse it.", call("analyze_job"), {"structured": ANALYSIS},
                   say("Analysed."))
        thread_id = chat.thread_id
        versions_before = count(migrated_db_url, "SELECT count(*) FROM generated_documents")

        llm.add_script({"replies": [call("tailor_resume")], "rules": [BANNER_RULE, NEXUS_RULE]})
        tailoring = asyncio.create_task(chat.send("Tailor my resume.", timeout_s=120))
        await asyncio.to_thread(
            wait_for,
            lambda: count(migrated_db_url, "SELECT count(*) FROM tailoring_progress") >= 1
            and any(is_role_request(r.last_message_text("user"), "NVIDIA Research, 05/2022")
                    for r in llm.requests()),
            60, "the first role to finish while the second is in progress",
        )
        server.kill()
        tailoring.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await tailoring
        await chat.close()

        # Nothing half-written; what was finished is still there.
        assert count(migrated_db_url, "SELECT count(*) FROM resumes") == 1
        assert count(migrated_db_url, "SELECT count(*) FROM jobs") == 1
        assert count(migrated_db_url, "SELECT count(*) FROM generated_documents") == (
            versions_before)
        assert count(migrated_db_url, "SELECT count(*) FROM tailoring_progress") >= 1

        server.start()
        again = ChatClient(server.base_url, login_token(server.base_url, *ADMIN))
        await again.connect(resume_thread_id=thread_id)
        assert again.refused is None, again.refused
        assert again.messages() == [INTERRUPTED_TURN], "the person is told the turn was cut"
        asked = len(llm.requests())
        llm.add_script({"rules": [
            {"when_user_says": "NVIDIA Research, 05/2022", "reply": {"structured": NVIDIA}},
            {"when_tool_result_for": "tailor_resume", "reply": {"text": "Done."}},
        ]})
        answers = await turn(again, llm, "The server went away. Try again.", call("tailor_resume"))
        assert answers[-1] in ("Done.", "What next?") and "Done." in answers, answers
        assert count(migrated_db_url, "SELECT count(*) FROM generated_documents") == (
            versions_before + 1)
        later = [r.last_message_text("user") for r in llm.requests()[asked:]]
        assert not [t for t in later if is_role_request(t, "Nexus AI, 06/2023")], (
            "the role finished before the crash was not tailored again")
        # The resumed conversation is whole: the model saw the earlier turns, and every tool
        # call it ever made has a result (the one cut by the crash included).
        sent = llm.requests()[asked].messages
        assert any("Save this job." in str(m.get("content")) for m in sent), "history restored"
        calls = [c["id"] for m in sent for c in m.get("tool_calls") or []]
        results = [m["tool_call_id"] for m in sent if m.get("role") == "tool"]
        assert calls == results, "every tool call has a result"
        cut = [m for m in sent if m.get("role") == "tool" and "interrupted" in str(m["content"])]
        assert len(cut) == 1, "the model is told the call cut by the crash did not finish"
        await again.close()
