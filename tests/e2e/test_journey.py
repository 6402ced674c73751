"""The whole journey by talking, against the real app server and a scripted model server.

The model is a separate process whose replies are queued turn by turn, so each reply can name
the ids the previous tool results announced (as a real model reads them from the conversation).
Everything else is real: `chainlit run`, PostgreSQL, the tools, the engine, the files.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from support.llm_script import message_text
from support.scripted_llm_process import ScriptedLLMProcess

from assistant.chat_artifacts import FORGED_ACTION
from documents.importers import extract_text
from e2e.client import ChatClient, create_first_admin, login_token
from e2e.fixtures import ADMIN

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(300)]

UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
RESUME_PDF = "resumes/pdf/rendercv__John_Doe_ClassicTheme_CV.pdf"
JOB = "jobs/resumematcher__e2e_ml-eng.txt"
TURN_S = 60.0

# What a model reading the fixture PDF returns as the resume model (checked by the schema).
JOHN_DOE = {
    "personal": {
        "contact": {
            "name": "John Doe",
            "email": "john.doe@email.com",
            "location": "San Francisco, CA",
        }
    },
    "degrees": [
        {"school": "Princeton University", "degree": "PhD", "major": "Computer Science",
         "start": {"year": 2018, "month": 9}, "end": {"year": 2023, "month": 5}},
        {"school": "Boğaziçi University", "degree": "BS", "major": "Computer Engineering",
         "start": {"year": 2014, "month": 9}, "end": {"year": 2018, "month": 6}},
    ],
    "roles": [
        {
            "company": "Nexus AI", "title": "Co-Founder & CTO",
            "start": {"year": 2023, "month": 6}, "location": "San Francisco, CA",
            "tasks": [
                "Built foundation model infrastructure serving 2M+ monthly API requests with "
                "99.97% uptime",
                "Scaled engineering team from 3 to 28 across ML research, platform, and applied "
                "AI divisions",
                "Developed proprietary inference optimization reducing latency by 73% compared "
                "to baseline",
            ],
        },
        {
            "company": "NVIDIA Research", "title": "Research Intern",
            "start": {"year": 2022, "month": 5}, "end": {"year": 2022, "month": 8},
            "tasks": [
                "Designed sparse attention mechanism reducing transformer memory footprint by "
                "4.2x",
            ],
        },
    ],
}


ANALYSIS = {
    "company": "Riverbend AI", "title": "Machine Learning Engineer", "seniority": "mid",
    "language": "en", "required_skills": ["PyTorch", "Python", "SQL", "Spark"],
    "preferred_skills": ["MLflow"], "responsibilities": ["Own production ML systems"],
    "keywords": ["inference", "latency"], "special_instructions": [],
}
LATENCY_BULLET = ("Developed proprietary inference optimization reducing latency by 73% "
                  "compared to baseline")
SCALE_BULLET = JOHN_DOE["roles"][0]["tasks"][1]
TAILORING_RULES = [
    # The summary's prompt alone carries the current summary as BANNER data (and every role,
    # so it must come first).
    {"when_user_says": "BANNER", "reply": {"structured": {
        "lines": ["[1] Co-founder and CTO who built foundation model infrastructure"]}}},
    # Each role's prompt carries its header "title at company, start - end".
    {"when_user_says": "Nexus AI, 06/2023", "reply": {"structured": {
        "bullets": [f"[3] {LATENCY_BULLET}", f"[2] {SCALE_BULLET}"]}}},
    {"when_user_says": "NVIDIA Research, 05/2022", "reply": {"structured": {
        "bullets": ["[1] " + JOHN_DOE["roles"][1]["tasks"][0]]}}},
    {"when_tool_result_for": "tailor_resume",
     "reply": {"text": "Done: your tailored resume is saved as version 1."}},
]
LETTER = {"paragraphs": [
    "I co-founded Nexus AI and, as CTO, built foundation model infrastructure serving 2M+ "
    "monthly API requests with 99.97% uptime.",
    "At NVIDIA Research I designed a sparse attention mechanism reducing transformer memory "
    "footprint by 4.2x, and I would bring the same care for latency to Riverbend AI.",
]}


# --- reading the chat's events ------------------------------------------------------------------


def tool_steps(chat: ChatClient, name: str) -> list[dict[str, Any]]:
    """Each tool step as last emitted (input and output), in order of creation."""
    steps: dict[str, dict[str, Any]] = {}
    for event, data in chat.events:
        is_step = event in ("new_message", "update_message") and isinstance(data, dict)
        if is_step and data.get("type") == "tool" and is_tool_step(data, name):
            steps[data["id"]] = data
    return list(steps.values())


def is_tool_step(data: dict[str, Any], tool: str) -> bool:
    """The step's title is for the person; the tool it shows is in its metadata."""
    return (data.get("metadata") or {}).get("tool") == tool


MODEL_ONLY = ("the person", "Show this summary", "call import_resume", "draft_id",
              "Call show_versions")


def assert_steps_are_for_the_person(chat: ChatClient) -> None:
    """Every tool step the person saw has a readable title and result: no ids, no input block,
    no note addressed to the model (the model read all of it: see ``tool_result``)."""
    steps = [d for e, d in chat.events if e in ("new_message", "update_message")
             and isinstance(d, dict) and d.get("type") == "tool"]
    assert steps
    for step in steps:
        tool = (step.get("metadata") or {}).get("tool")
        assert tool and step["name"] != tool and "_" not in step["name"], step["name"]
        assert not step.get("showInput") and not step.get("input"), step
        shown = step.get("output") or ""
        assert not re.search(UUID, shown), (step["name"], shown)
        assert not [n for n in MODEL_ONLY if n.lower() in shown.lower()], (step["name"], shown)


def tool_result(llm: ScriptedLLMProcess, tool: str) -> str:
    """What the model read from the tool's last call: the ids and the notes for the model,
    which the step shown to the person leaves out."""
    for request in reversed(llm.requests()):
        names = {c["id"]: c["function"]["name"]
                 for m in request.messages for c in m.get("tool_calls") or []}
        results = [m for m in request.messages
                   if m.get("role") == "tool" and names.get(m.get("tool_call_id")) == tool]
        if results:
            return message_text(results[-1])
    raise AssertionError(f"the model never read a result of {tool}")


def last_output(chat: ChatClient, tool: str) -> str:
    steps = tool_steps(chat, tool)
    assert steps, f"the model never called {tool}"
    return steps[-1].get("output", "")


def id_after(text: str, label: str) -> str:
    found = re.search(rf"{label}\W+(?:id\s+)?({UUID})", text, re.IGNORECASE)
    assert found, f"no id after {label!r} in: {text[:500]}"
    return found.group(1)


def actions_since(chat: ChatClient, since: int) -> list[dict[str, Any]]:
    return [data for event, data in chat.events[since:] if event == "action"]


def elements_since(chat: ChatClient, since: int) -> list[dict[str, Any]]:
    return [data for event, data in chat.events[since:] if event == "element"]


def download(base_url: str, token: str, url: str) -> bytes:
    response = httpx.get(base_url + url, cookies={"access_token": token}, timeout=15)
    assert response.status_code == 200, (url, response.status_code, response.text[:200])
    return response.content


def readable_text(name: str, content: bytes) -> str:
    """The text a person (or an ATS) reads from a downloaded file."""
    return extract_text(name, content).text


async def turn(chat: ChatClient, llm: ScriptedLLMProcess, text: str, *replies: dict,
               file_ids: list[str] | None = None) -> list[str]:
    """Queue the model's replies for this turn, send the message, return the answers."""
    llm.add_script({"replies": list(replies)})
    answers = await chat.send(text, file_ids, timeout_s=TURN_S)
    assert answers, f"no answer to {text!r}"
    return answers


def button(name: str, version_id: str, markdown: str | None = None) -> dict[str, Any]:
    """An action as the browser posts it (built from its own copy of the payload)."""
    payload: dict[str, Any] = {"version_id": version_id}
    if markdown is not None:
        payload["markdown"] = markdown
    return {"name": name, "payload": payload, "label": name, "id": str(uuid.uuid4())}


def call(tool: str, **arguments: Any) -> dict:
    return {"tool_calls": [{"name": tool, "arguments": arguments}]}


def say(text: str) -> dict:
    return {"text": text}


# --- the journey ---------------------------------------------------------------------------------


async def test_journey_from_upload_to_downloads_then_restart_and_resume(
    start_server, fixtures_dir: Path
):
    with ScriptedLLMProcess() as llm:
        env = {"OPENAI_BASE_URL": llm.base_url, "OPENAI_API_KEY": "test-key",
               "TAILOR_MODEL_NAME": "scripted"}
        server = start_server(**env)
        base = server.base_url
        create_first_admin(base, *ADMIN)
        token = login_token(base, *ADMIN)
        chat = ChatClient(base, token)
        await chat.connect()
        assert chat.messages() == [], "with a model configured there is no warning"

        # 1. Upload the PDF: the assistant imports it without being asked twice.
        upload_id = chat.upload(fixtures_dir / RESUME_PDF, "application/pdf")
        answers = await turn(
            chat, llm, "Here is my resume.",
            call("import_resume", file_id=upload_id),
            {"structured": JOHN_DOE},
            say("I found John Doe with 2 roles and 2 degrees. What should I call this resume?"),
            file_ids=[upload_id],
        )
        assert answers[-1].startswith("I found John Doe")
        told = llm.requests()[0].last_message_text("user")
        assert f"uploaded file rendercv__John_Doe_ClassicTheme_CV.pdf (file id {upload_id})" in told
        draft_output = last_output(chat, "import_resume")
        assert "Role: Co-Founder & CTO at Nexus AI" in draft_output
        draft_id = id_after(tool_result(llm, "import_resume"), "Draft")

        answers = await turn(
            chat, llm, "Call it Main resume.",
            call("import_resume", draft_id=draft_id, name="Main resume"),
            say("Saved as Main resume."),
        )
        assert 'Saved the resume as "Main resume"' in last_output(chat, "import_resume")

        # 2. Paste the job; analyse it; the match report is computed by code.
        posting = (fixtures_dir / JOB).read_text()
        await turn(
            chat, llm, "Here is a job at Riverbend AI:\n\n" + posting,
            call("save_job", posting_text=posting, company="Riverbend AI",
                 title="Machine Learning Engineer"),
            say("Saved the Machine Learning Engineer job at Riverbend AI."),
        )
        assert "Machine Learning Engineer" in last_output(chat, "save_job")
        await turn(chat, llm, "Analyse it please.", call("analyze_job"), {"structured": ANALYSIS},
                   say("It asks for PyTorch, Python, SQL and Spark."))
        assert "Required skills: PyTorch; Python; SQL; Spark" in last_output(chat, "analyze_job")
        await turn(chat, llm, "How well do I match?", call("match_report"),
                   say("Your match score is shown above."))
        assert re.search(r"\b\d{1,3}/100\b", last_output(chat, "match_report"))

        # 3. Tailor: the two roles are tailored concurrently, so their answers are rules keyed
        # on each role's own prompt; progress appears as steps inside the tool's step.
        before = len(chat.events)
        llm.add_script({"rules": TAILORING_RULES})
        answers = await turn(chat, llm, "Tailor my resume to this job.", call("tailor_resume"))
        assert answers[-2:] == ["Done: your tailored resume is saved as version 1.",
                                "What next?"], answers
        tailored = last_output(chat, "tailor_resume")
        assert re.search(r"Match score \d+ -> \d+", tailored), tailored
        first_version = id_after(tool_result(llm, "tailor_resume"), "version id")
        tailor_step = tool_steps(chat, "tailor_resume")[-1]
        progress = [d for e, d in chat.events[before:] if e == "new_message"
                    and isinstance(d, dict) and d.get("parentId") == tailor_step["id"]]
        assert "Tailoring: Co-Founder & CTO at Nexus AI" in [d["name"] for d in progress]
        labels = {a["label"] for a in actions_since(chat, before)}
        assert {"Download PDF", "Download Word", "Cover letter", "Refine",
                "Edit Markdown"} <= labels
        tokens = [d for e, d in chat.events[before:] if e == "stream_token"]
        # Streamed in batches of what arrived within 40 ms: this model sends the whole answer at
        # once (test_streaming.py covers a paced stream arriving whole and in order).
        assert tokens, "the answer streams"

        # A forged button (someone else's or an invented version) does nothing.
        texts, _ = await chat.click(button("download_pdf", str(uuid.uuid4())))
        assert texts == [FORGED_ACTION]

        # 4. Cover letter, then "make it shorter" on the resume -> a new version.
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
        refined = last_output(chat, "refine_document")
        assert refined.startswith("Version 2 saved") and "1 change(s) applied" in refined

        # 5. Export the latest version as PDF and Word; download both and read them.
        before = len(chat.events)
        await turn(
            chat, llm, "Export it as PDF and as Word.",
            {"tool_calls": [
                {"name": "export_document", "arguments": {"format": "pdf", "version_id": "latest"}},
                {"name": "export_document",
                 "arguments": {"format": "docx", "version_id": "latest"}},
            ]},
            say("Here are your files."),
        )
        files = {e["name"]: e for e in elements_since(chat, before) if e["type"] == "file"}
        previews = [e for e in elements_since(chat, before) if e["type"] == "pdf"]
        assert sorted(n.rsplit(".", 1)[1] for n in files) == ["docx", "pdf"]
        # With its own message, not in the side panel (which Chainlit opens with every preview).
        assert previews and previews[0]["display"] == "inline"
        for name, element in files.items():
            text = readable_text(name, download(base, token, element["url"]))
            assert "John Doe" in text and "73%" in text, name
            assert "Scaled engineering team" not in text, f"{name} is the shorter version"
        assert_steps_are_for_the_person(chat)
        thread_id = chat.thread_id
        await chat.close()

        # 4. Restart; the resumed thread continues from its restored context.
        server.restart()
        token = login_token(base, *ADMIN)
        again = ChatClient(base, token)
        await again.connect(resume_thread_id=thread_id)
        before = len(again.events)
        await turn(
            again, llm, "Export the previous version as Markdown.",
            call("export_document", format="markdown", version_id=first_version),
            say("Here is version 1 as Markdown."),
        )
        history = llm.requests()[-2].messages  # the request that chose the tool call
        assert any(first_version in str(m.get("content")) for m in history), "context restored"
        (markdown,) = [e for e in elements_since(again, before) if e["type"] == "file"]
        text = download(base, token, markdown["url"]).decode()
        assert "John Doe" in text and "Scaled engineering team" in text, "version 1, not 2"

        # 6. The side-panel editor: a broken edit lists problems by line, a clean one is saved.
        before = len(again.events)
        texts, _ = await again.click(button("edit_markdown", first_version))
        assert texts == ["Edit version 1: open the MarkdownEditor, change the Markdown, then "
                         "press Save."]
        (editor,) = [e for e in elements_since(again, before) if e["type"] == "custom"]
        assert editor["display"] == "side" and editor["name"] == "MarkdownEditor"
        original = editor["props"]["markdown"]
        broken = original.replace("Start date: 06/2023", "Start date: 13/2023")
        texts, answer = await again.click(button("save_markdown", first_version, broken))
        assert answer["ok"] is False and texts == []
        (problem,) = answer["problems"]
        assert problem["message"].startswith("`Start date: 13/2023` is not a month")
        assert broken.splitlines()[problem["line"] - 1] == "Start date: 13/2023"
        edited = original.replace("compared to baseline", "compared to the earlier baseline")
        assert edited != original
        texts, answer = await again.click(button("save_markdown", first_version, edited))
        assert answer["ok"] is True and answer["version_number"] == 3
        assert texts[0] == "Saved your edit as version 3."
        someone_elses = button("save_markdown", str(uuid.uuid4()), edited)
        _, answer = await again.click(someone_elses)
        assert answer["ok"] is False and "nothing was saved" in answer["message"]

        # 7. Commands need no model: the newest version (the hand edit) as Markdown.
        asked = len(llm.requests())
        before = len(again.events)
        texts = await again.send("/export md")
        assert texts[0].startswith("Exported version 3 as ")
        (exported,) = [e for e in elements_since(again, before) if e["type"] == "file"]
        assert "compared to the earlier baseline" in download(base, token, exported["url"]).decode()
        (jobs,) = await again.send("/jobs")
        assert "**Machine Learning Engineer at Riverbend AI**" in jobs and "analysed" in jobs
        (versions,) = await again.send("/versions")
        assert "v2 resume" in versions and "“make it shorter”" in versions
        assert "v3 resume" in versions and "“Edited by hand”" in versions
        assert "v1 cover letter" in versions
        assert len(llm.requests()) == asked, "a command never asks the model"
        await again.close()
