"""Two tabs of one person edit the same resume: no update is lost. An edit made from a tab that
has not seen the other tab's change is refused with what changed; two edits at the same moment
end with exactly one saved and the other told so; versions already made never change."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from support.scripted_llm_process import ScriptedLLMProcess

from e2e.client import ChatClient, create_first_admin, login_token
from e2e.fixtures import ADMIN
from e2e.test_faults import model_env
from e2e.test_journey import (
    JOHN_DOE,
    RESUME_PDF,
    call,
    id_after,
    last_output,
    say,
    tool_result,
    turn,
)

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(180)]


def resume_text(database_url: str) -> str:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return str(connection.scalar(text("SELECT markdown FROM resumes")))
    finally:
        engine.dispose()


def edit_rule(says: str, location: str) -> dict:
    return {"when_user_says": says,
            "reply": call("edit_personal", changes={"location": location})}


async def test_two_tabs_on_one_resume_lose_no_update(
    start_server, fixtures_dir: Path, migrated_db_url: str
):
    with ScriptedLLMProcess() as llm:
        server = start_server(**model_env(llm))
        create_first_admin(server.base_url, *ADMIN)
        token = login_token(server.base_url, *ADMIN)
        tab_a, tab_b = ChatClient(server.base_url, token), ChatClient(server.base_url, token)
        await tab_a.connect()
        await tab_b.connect()
        upload_id = tab_a.upload(fixtures_dir / RESUME_PDF, "application/pdf")
        await turn(tab_a, llm, "Here is my resume.", call("import_resume", file_id=upload_id),
                   {"structured": JOHN_DOE}, say("Found it."), file_ids=[upload_id])
        draft_id = id_after(tool_result(llm, "import_resume"), "Draft")
        await turn(tab_a, llm, "Call it Main.",
                   call("import_resume", draft_id=draft_id, name="Main"), say("Saved."))
        await turn(tab_b, llm, "Show my resume.", call("show_resume"), say("Here it is."))
        assert "San Francisco, CA" in last_output(tab_b, "show_resume")

        # Tab A moves to Austin; tab B, which last saw San Francisco, tries Boston: refused.
        llm.add_script({"rules": [
            edit_rule("Austin", "Austin, TX"),
            edit_rule("Boston", "Boston, MA"),
            edit_rule("Chicago", "Chicago, IL"),
            edit_rule("Denver", "Denver, CO"),
            {"when_tool_result_for": "edit_personal", "reply": {"text": "Done."}},
        ]})
        await tab_a.send("I moved to Austin.", timeout_s=60)
        assert last_output(tab_a, "edit_personal").startswith("Saved:")
        await tab_b.send("I moved to Boston.", timeout_s=60)
        refused = last_output(tab_b, "edit_personal")
        assert refused.startswith('The resume "Main" was changed elsewhere (another tab or '
                                  "conversation) since this conversation last saw it, so nothing "
                                  "was saved."), refused
        assert "Austin, TX" in refused, "the refusal shows what the other tab changed"
        stored = resume_text(migrated_db_url)
        assert "Austin, TX" in stored and "Boston, MA" not in stored

        # Now tab B knows the current text; asking again works, on top of Austin's edit.
        await tab_b.send("Yes, I really moved to Boston.", timeout_s=60)
        assert last_output(tab_b, "edit_personal").startswith("Saved:")
        assert "Boston, MA" in resume_text(migrated_db_url)

        # Tab A last saw Austin: let it read the resume, then both tabs edit at the same moment.
        # One wins, the other is told; nothing is silently lost.
        await turn(tab_a, llm, "Show my resume again.", call("show_resume"), say("Here."))
        results = await asyncio.gather(
            tab_a.send("Now Chicago.", timeout_s=60), tab_b.send("Now Denver.", timeout_s=60)
        )
        assert all(answers for answers in results)
        outputs = [last_output(tab, "edit_personal") for tab in (tab_a, tab_b)]
        saved = [o for o in outputs if o.startswith("Saved:")]
        told = [o for o in outputs if "was changed elsewhere" in o and "nothing was saved" in o]
        assert len(saved) == 1 and len(told) == 1, outputs
        stored = resume_text(migrated_db_url)
        winner = "Chicago, IL" if "Chicago" in saved[0] else "Denver, CO"
        loser = "Denver, CO" if winner == "Chicago, IL" else "Chicago, IL"
        assert winner in stored and loser not in stored
        await tab_a.close()
        await tab_b.close()
