"""Managing a resume by talking, against the real app server and a scripted model server:
an edit with its diff, "undo that", remembered export options shown by /resumes, and a delete
that only the person's button press carries out."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from support.scripted_llm_process import ScriptedLLMProcess

from db.accounts import get_account_by_username
from db.resumes import create_resume, list_resumes
from db.versions import create_version, get_version
from e2e.client import ChatClient, create_first_admin, login_token
from e2e.fixtures import ADMIN
from e2e.test_journey import is_tool_step

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(180)]

TURN_S = 60.0
RESUME_MD = """\
# Personal

## Contact Information

Name: Mara Quillon
Location: Lisbon, Portugal

# Experience

## Roles

### Role

#### Basics

Company: Riverbend Logistics
Title: Data Engineer
Start date: 03/2021

#### Responsibilities

* Built the nightly Airflow pipelines that feed the billing warehouse
"""


def call(tool: str, **arguments: Any) -> dict:
    return {"tool_calls": [{"name": tool, "arguments": arguments}]}


def tool_output(chat: ChatClient, name: str) -> str:
    outputs = [data.get("output", "") for event, data in chat.events
               if event in ("new_message", "update_message") and isinstance(data, dict)
               and data.get("type") == "tool" and is_tool_step(data, name)]
    assert outputs, f"the model never called {name}"
    return outputs[-1]


async def test_edit_undo_options_and_a_delete_that_waits_for_the_button(
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
            version = await create_version(session, account.id, kind="resume", job_id=None,
                                           markdown=RESUME_MD, source_resume_id=resume.id)
            return account.id, resume.id, version.id

        owner, resume_id, version_id = await in_database(seed)
        chat = ChatClient(server.base_url, login_token(server.base_url, *ADMIN))
        await chat.connect()

        async def turn(text: str, *replies: dict) -> list[str]:
            llm.add_script({"replies": list(replies)})
            return await chat.send(text, timeout_s=TURN_S)

        await turn("My new phone is +351 555 0100.",
                   call("edit_personal", changes={"phone": "+351 555 0100"}),
                   {"text": "Done, your phone is updated."})
        assert "**Phone: +351 555 0100**" in tool_output(chat, "edit_personal")
        await turn("Undo that.", call("undo_edit"), {"text": "Undone."})
        assert tool_output(chat, "undo_edit").startswith('Undone: set phone in "Main"')

        await turn("Use the plain Word layout for this resume from now on.",
                   call("set_export_options", word_layout="plain"), {"text": "Remembered."})
        [listing] = await chat.send("/resumes", command="resumes")
        assert "**Main** (primary)" in listing and "exports: plain Word layout" in listing

        before = len(chat.events)
        answers = await turn("Delete the Main resume.",
                             call("delete_resume", resume_id=str(resume_id)),
                             {"text": "Press Delete to confirm."})
        assert "Press the button to confirm; to cancel, just carry on." in answers
        [button] = [data for event, data in chat.events[before:]
                    if event == "action" and data["name"] == "confirm_delete_resume"]
        assert button["label"] == 'Delete "Main"'

        async def texts(session):
            return [r.markdown for r in await list_resumes(session, owner)]

        assert await in_database(texts) == [RESUME_MD], "asking deleted nothing"

        forged = {**button, "payload": {"resume_id": str(uuid.uuid4())}}
        answers, _ = await chat.click(forged)
        assert answers and "nothing was done" in answers[-1]
        answers, _ = await chat.click(button)
        assert answers[-1].startswith('Deleted the resume "Main".')
        assert "1 generated version made from it stay readable" in answers[-1]
        assert await in_database(texts) == []

        async def version_text(session):
            return (await get_version(session, owner, version_id)).markdown

        assert await in_database(version_text) == RESUME_MD
        await chat.close()
