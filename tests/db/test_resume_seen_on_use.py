"""A tab that starts using a resume counts as having seen it, so another tab's edit made
afterwards is shown to it instead of being silently built upon."""

from __future__ import annotations

import pytest
from test_tools_library import RESUME_MD
from tool_harness import call, context, new_account

from tools.create_resume import create_resume
from tools.edit_personal import edit_personal
from tools.import_resume import import_resume
from tools.list_resumes import list_resumes
from tools.use_resume import use_resume

pytestmark = pytest.mark.db

CHANGED_ELSEWHERE = "was changed elsewhere (another tab or conversation)"


async def _resume_id(ctx) -> str:
    listed = (await call(list_resumes, ctx)).content
    return listed.split("id ")[1].split(",")[0]


async def _edited_elsewhere_then_here(first_tab, second_tab) -> str:
    saved = (await call(edit_personal, second_tab, changes={"phone": "+351 21 000 0000"})).content
    assert saved.startswith("Saved:"), saved
    return (await call(edit_personal, first_tab, changes={"location": "Porto, Portugal"})).content


@pytest.mark.parametrize("how", ["use", "create", "import"])
async def test_a_tab_sees_a_resume_as_soon_as_it_uses_it(session_factory, how: str) -> None:
    owner = await new_account(session_factory, "ada")
    first_tab = context(session_factory, owner, thread_id="tab-1")
    second_tab = context(session_factory, owner, thread_id="tab-2")
    if how == "use":
        await call(create_resume, second_tab, name="Main", markdown=RESUME_MD)
        await call(use_resume, first_tab, resume_id=await _resume_id(first_tab))
    elif how == "create":
        await call(create_resume, first_tab, name="Main", markdown=RESUME_MD)
        await call(use_resume, second_tab, resume_id=await _resume_id(second_tab))
    else:
        draft = (await call(import_resume, first_tab, text=RESUME_MD)).content
        await call(import_resume, first_tab, draft_id=draft.split()[1], name="Main")
        await call(use_resume, second_tab, resume_id=await _resume_id(second_tab))

    refused = await _edited_elsewhere_then_here(first_tab, second_tab)
    assert CHANGED_ELSEWHERE in refused and "+351 21 000 0000" in refused
    # Having now been shown the change, the same edit goes through.
    again = (await call(edit_personal, first_tab, changes={"location": "Porto, Portugal"}))
    assert again.content.startswith("Saved:"), again.content
