"""The journey under each local model server's quirks (tests/support/quirk_profiles.py).

Pasted resume -> saved job -> match report -> tailored resume -> cover letter -> refinement ->
export, with the same script as tests/e2e/test_journey.py; only how the server delivers the
replies changes. What the person sees must not: the same answers, no raw JSON or tool-call text,
and the files. A server that cannot do what the assistant needs is named with what to change.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support.scripted_llm_process import ScriptedLLMProcess

from e2e.client import ChatClient, create_first_admin, login_token
from e2e.fixtures import ADMIN
from e2e.test_journey import (
    ANALYSIS,
    JOB,
    JOHN_DOE,
    LETTER,
    RESUME_PDF,
    SCALE_BULLET,
    TAILORING_RULES,
    call,
    download,
    elements_since,
    id_after,
    last_output,
    readable_text,
    say,
    tool_result,
    tool_steps,
    turn,
)

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(300)]

PROFILES = ["ollama", "lmstudio", "vllm", "llamacpp", "tools-as-text", "slow-first-token"]
# What a person must never see: a server's raw JSON or a tool call it sent as text.
RAW = ("<tool_call>", "```", '{"name"', '"paragraphs"')


def environment(llm: ScriptedLLMProcess, **extra: str) -> dict[str, str]:
    return {"OPENAI_BASE_URL": llm.base_url, "OPENAI_API_KEY": "test-key",
            "TAILOR_MODEL_NAME": "local-model", **extra}


async def connected(server) -> tuple[ChatClient, str]:
    create_first_admin(server.base_url, *ADMIN)
    token = login_token(server.base_url, *ADMIN)
    chat = ChatClient(server.base_url, token)
    await chat.connect()
    return chat, token


@pytest.mark.parametrize("profile", PROFILES)
async def test_the_whole_journey_works_under_each_local_server(
    start_server, fixtures_dir: Path, profile: str
) -> None:
    resume_text = readable_text(RESUME_PDF, (fixtures_dir / RESUME_PDF).read_bytes())
    with ScriptedLLMProcess(profile=profile) as llm:
        server = start_server(**environment(llm))
        chat, token = await connected(server)

        answers = await turn(
            chat, llm, "Here is my resume:\n\n" + resume_text,
            call("import_resume", text=resume_text), {"structured": JOHN_DOE},
            say("I found John Doe with 2 roles and 2 degrees. What should I call this resume?"),
        )
        assert answers[-1].startswith("I found John Doe"), answers
        draft_id = id_after(tool_result(llm, "import_resume"), "Draft")
        await turn(chat, llm, "Call it Main resume.",
                   call("import_resume", draft_id=draft_id, name="Main resume"),
                   say("Saved as Main resume."))
        assert 'Saved the resume as "Main resume"' in last_output(chat, "import_resume")

        posting = (fixtures_dir / JOB).read_text()
        await turn(chat, llm, "Here is a job at Riverbend AI:\n\n" + posting,
                   call("save_job", posting_text=posting, company="Riverbend AI",
                        title="Machine Learning Engineer"),
                   say("Saved the Machine Learning Engineer job at Riverbend AI."))
        await turn(chat, llm, "Analyse it please.", call("analyze_job"), {"structured": ANALYSIS},
                   say("It asks for PyTorch, Python, SQL and Spark."))
        assert "Required skills: PyTorch; Python; SQL; Spark" in last_output(chat, "analyze_job")
        await turn(chat, llm, "How well do I match?", call("match_report"),
                   say("Your match score is shown above."))
        assert re.search(r"\b\d{1,3}/100\b", last_output(chat, "match_report"))

        llm.add_script({"rules": TAILORING_RULES})
        answers = await turn(chat, llm, "Tailor my resume to this job.", call("tailor_resume"))
        assert "Done: your tailored resume is saved as version 1." in answers, answers
        first_version = id_after(tool_result(llm, "tailor_resume"), "version id")

        await turn(chat, llm, "Now write a cover letter.", call("write_cover_letter"),
                   {"structured": LETTER}, say("Your cover letter is ready."))
        assert "Cover letter v1 for Machine Learning Engineer at Riverbend AI" in last_output(
            chat, "write_cover_letter")
        await turn(
            chat, llm, "Make the resume shorter.",
            call("refine_document", instruction="make it shorter", version_id=first_version),
            {"structured": {"edits": [{"target": "role 1 bullet 2", "original": SCALE_BULLET,
                                       "replacement": "", "reason": "shorter"}]}},
            say("Version 2 is shorter."),
        )
        assert last_output(chat, "refine_document").startswith("Version 2 saved")

        before = len(chat.events)
        await turn(chat, llm, "Export it as PDF.",
                   call("export_document", format="pdf", version_id="latest"),
                   say("Here is your file."))
        (pdf,) = [e for e in elements_since(chat, before) if e["type"] == "file"]
        text = readable_text(pdf["name"], download(server.base_url, token, pdf["url"]))
        assert "John Doe" in text and "Scaled engineering team" not in text

        shown = chat.messages()
        assert not [m for m in shown if any(raw in m for raw in RAW)], shown
        assert not [m for m in shown if "Could not" in m or "model server" in m], shown
        assert tool_steps(chat, "tailor_resume"), "each tool call is a visible step"
        asked = llm.requests()
        structured_formats = [(r.body.get("response_format") or {}).get("type") for r in asked
                              if not r.body.get("tools")]
        repairs = [r for r in asked if "not valid JSON" in r.last_message_text("user")]
        assert not repairs, "fenced or stepped-down answers are read without a repair request"
        if profile == "llamacpp":
            # Refused once, then every structured call goes straight to JSON mode.
            assert structured_formats.count("json_schema") == 1
            assert set(structured_formats[1:]) == {"json_object"}
        else:
            assert set(structured_formats) == {"json_schema"}, structured_formats
        await chat.close()


async def test_a_model_without_tool_calling_is_named_with_what_to_do(start_server) -> None:
    with ScriptedLLMProcess(profile="no-tools") as llm:
        server = start_server(**environment(llm))
        chat, _ = await connected(server)
        answers = await chat.send("Here is my resume: John Doe, engineer.", timeout_s=30)
        assert answers[-1].startswith(
            f"The model 'local-model' at {llm.base_url} cannot call tools"), answers
        assert "--enable-auto-tool-choice" in answers[-1] and "/settings" in answers[-1]
        assert len(llm.requests()) == 1, "a refusal is not asked again"
        (jobs,) = await chat.send("/jobs")
        assert "cannot call tools" not in jobs, "commands work without the model"
        await chat.close()


async def test_a_timeout_shorter_than_a_slow_first_token_says_what_to_set(start_server) -> None:
    with ScriptedLLMProcess(profile="slow-first-token") as llm:
        server = start_server(**environment(llm, TAILOR_MODEL_TIMEOUT_S="0.5"))
        chat, _ = await connected(server)
        llm.add_script({"replies": [say("Hello.")]})
        answers = await chat.send("Hello?", timeout_s=30)
        assert f"The model server at {llm.base_url} did not answer within 0.5 s" in answers[-1]
        assert "300 s" in answers[-1]
        assert len(llm.requests()) == 1, "a timeout is not asked again"
        await chat.close()


async def test_a_tool_call_sent_as_text_that_cannot_be_read_is_explained_not_shown(
    start_server,
) -> None:
    with ScriptedLLMProcess(profile="tools-as-text") as llm:
        server = start_server(**environment(llm))
        chat, _ = await connected(server)
        llm.add_script({"replies": [call("delete_all_resumes", confirm=True)]})
        answers = await chat.send("Clean up please.", timeout_s=30)
        assert answers == [
            f"The model 'local-model' at {llm.base_url} wrote a tool call as text that does not "
            "name one of the assistant's tools with proper arguments, so nothing was done. Ask "
            "again; if it happens again, the server is not reading this model's tool calls: "
            "start llama-server with --jinja, use a model tagged 'tools' in Ollama, or choose "
            "another model in /settings."
        ], answers
        llm.add_script({"replies": [say("Hello again.")]})
        assert await chat.send("Hello?", timeout_s=30) == ["Hello again."], "the thread goes on"
        await chat.close()
