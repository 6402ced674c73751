"""The sections an import now keeps (skills, languages, awards, volunteering, publications) can
be edited by talking, through the same tool, validated by the parser and undoable."""

from __future__ import annotations

import pytest
from test_resume_edit import _resume, _text
from tool_harness import call, context, new_account

from documents import load_resume
from tools.edit_resume_item import edit_resume_item
from tools.undo_edit import undo_edit

pytestmark = pytest.mark.db


async def test_each_added_section_is_edited_saved_and_undone(session_factory) -> None:
    owner = await new_account(session_factory, "mara")
    resume_id = await _resume(session_factory, owner)
    ctx = context(session_factory, owner)
    original = await _text(session_factory, owner, resume_id)

    async def edit(**args) -> str:
        return (await call(edit_resume_item, ctx, **args)).content

    assert "added skill group Cloud: AWS, Terraform" in await edit(
        action="add", kind="skill_group", fields={"name": "Cloud", "items": ["AWS", "Terraform"]})
    assert "added skill group Data: SQL, dbt" in await edit(
        action="add", kind="skill_group", fields={"name": "Data", "items": ["SQL", "dbt"]})
    assert "changed skill group Cloud: AWS, Terraform, GCP" in await edit(
        action="change", kind="skill_group", item="cloud",
        fields={"items": ["AWS", "Terraform", "GCP"]})
    assert "added language Portuguese (Native)" in await edit(
        action="add", kind="language", fields={"name": "Portuguese", "level": "Native"})
    assert "added award ICPC World Finals, 14th place (2015)" in await edit(
        action="add", kind="award", fields={"title": "ICPC World Finals, 14th place",
                                            "issuer": "ICPC Foundation", "date": "2015"})
    assert "added volunteering First-aid volunteer at Red Cross (2015)" in await edit(
        action="add", kind="volunteering",
        fields={"organization": "Red Cross", "role": "First-aid volunteer", "start": "2015",
                "end": "2016", "tasks": ["Trained 40 new volunteers in basic first aid"]})
    assert "added publication Incremental Views over Event Streams (06/2019)" in await edit(
        action="add", kind="publication",
        fields={"title": "Incremental Views over Event Streams", "date": "06/2019",
                "url": "https://example.org/papers/incremental-views"})
    assert "moved skill group Data: SQL, dbt above skill group Cloud" in await edit(
        action="move", kind="skill_group", item="data", before="cloud")

    resume = load_resume(await _text(session_factory, owner, resume_id))
    assert [(g.name, g.items) for g in resume.skills] == [
        ("Data", ("SQL", "dbt")), ("Cloud", ("AWS", "Terraform", "GCP"))]
    assert [(lang.name, lang.level) for lang in resume.languages] == [("Portuguese", "Native")]
    # A year stays a year: nothing the person did not say is invented.
    assert str(resume.awards[0].date) == "2015" and resume.awards[0].issuer == "ICPC Foundation"
    volunteering = resume.volunteering[0]
    assert (str(volunteering.start), str(volunteering.end)) == ("2015", "2016")
    assert volunteering.tasks == ("Trained 40 new volunteers in basic first aid",)
    assert resume.publications[0].url == "https://example.org/papers/incremental-views"

    removed = await edit(action="remove", kind="language", item="portuguese")
    assert "removed language Portuguese (Native)" in removed
    for _ in range(9):
        await call(undo_edit, ctx)
    assert await _text(session_factory, owner, resume_id) == original


async def test_edits_of_added_sections_are_refused_with_the_parsers_message(
    session_factory,
) -> None:
    owner = await new_account(session_factory, "mara")
    resume_id = await _resume(session_factory, owner)
    ctx = context(session_factory, owner)
    before = await _text(session_factory, owner, resume_id)

    no_title = (await call(edit_resume_item, ctx, action="add", kind="award",
                           fields={"issuer": "ACM"})).content
    assert "nothing was saved" in no_title and "Title" in no_title
    colon = (await call(edit_resume_item, ctx, action="add", kind="language",
                        fields={"name": "Klingon: fluent", "level": "B2"})).content
    assert "nothing was saved" in colon
    unknown = (await call(edit_resume_item, ctx, action="add", kind="skill_group",
                          fields={"name": "Cloud", "level": "expert"})).content
    assert "Unknown field(s) for a skill_group: level" in unknown
    missing = (await call(edit_resume_item, ctx, action="remove", kind="award",
                          item="ICPC")).content
    assert "The resume has no award to edit." in missing
    assert await _text(session_factory, owner, resume_id) == before
