"""Structured resume edits through the tools, as the agent calls them, on a real database."""

from __future__ import annotations

import uuid

import psycopg
import pytest
from tool_harness import call, context, new_account

from core.errors import Mistake
from db.resumes import create_resume, get_resume
from documents import load_resume
from engine.resume_edits import edit_personal as personal_edit
from tools.edit_personal import edit_personal
from tools.edit_resume_item import edit_resume_item
from tools.show_resume import show_resume
from tools.undo_edit import undo_edit
from workflows.resume_edit.edit import save_edit

pytestmark = pytest.mark.db

RESUME_MD = """\
# Personal

## Contact Information

Name: Mara Quillon
Email: mara.quillon@example.org
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

#### Skills

* Airflow

### Role

#### Basics

Company: Old Harbour Bank
Title: Analyst
Start date: 01/2016
End date: 02/2021

#### Responsibilities

* Maintained the monthly risk reports in SQL

### Role

#### Basics

Company: Initech
Title: Intern
Start date: 06/2009
End date: 08/2009
"""


async def _resume(sessions, owner: uuid.UUID, name: str = "Main") -> uuid.UUID:
    async with sessions.begin() as session:
        resume = await create_resume(session, owner, name=name, markdown=RESUME_MD,
                                     source_kind="markdown")
        return resume.id


async def _text(sessions, owner: uuid.UUID, resume_id: uuid.UUID) -> str:
    async with sessions() as session:
        resume = await get_resume(session, owner, resume_id)
        assert resume is not None
        return resume.markdown


async def test_each_edit_kind_is_saved_with_a_diff_and_undo_restores_the_exact_text(
    session_factory,
) -> None:
    owner = await new_account(session_factory, "mara")
    resume_id = await _resume(session_factory, owner)
    ctx = context(session_factory, owner)
    original = await _text(session_factory, owner, resume_id)

    phone = (await call(edit_personal, ctx, changes={"phone": "+351 555 0100"})).content
    assert phone.startswith('Saved: set phone in "Main"') and "**Phone: +351 555 0100**" in phone
    assert 'Say "undo that"' in phone

    cert = (await call(edit_resume_item, ctx, action="add", kind="certification", fields={
        "name": "AWS Certified Solutions Architect", "issuer": "Amazon Web Services",
        "issued": "March 2023"})).content
    assert "added certification AWS Certified Solutions Architect (03/2023)" in cert

    moved = (await call(edit_resume_item, ctx, action="move", kind="role", item="Old Harbour",
                        before="Riverbend")).content
    assert "moved role Analyst at Old Harbour Bank" in moved
    removed = (await call(edit_resume_item, ctx, action="remove", kind="role",
                          item="2009 intern")).content
    assert "removed role Intern at Initech (06/2009 - 08/2009)" in removed
    changed = (await call(edit_resume_item, ctx, action="change", kind="role", item="Riverbend",
                          fields={"skills": ["Airflow", "dbt"], "location": "Lisbon"})).content
    assert "changed role Data Engineer at Riverbend Logistics" in changed
    degree = (await call(edit_resume_item, ctx, action="add", kind="degree", fields={
        "school": "University of Porto", "degree": "BSc", "start": "2012-09",
        "end": "2015-07"})).content
    assert "added degree BSc at University of Porto" in degree

    resume = load_resume(await _text(session_factory, owner, resume_id))
    assert resume.personal and resume.personal.contact
    assert resume.personal.contact.phone == "+351 555 0100"
    assert [r.company for r in resume.roles] == ["Old Harbour Bank", "Riverbend Logistics"]
    assert resume.roles[1].skills == ("Airflow", "dbt")
    assert resume.roles[1].location == "Lisbon"
    assert resume.certifications[0].issued and str(resume.certifications[0].issued) == "03/2023"
    assert resume.degrees[0].school == "University of Porto"

    undone = (await call(undo_edit, ctx)).content
    assert undone.startswith("Undone: added degree BSc at University of Porto")
    assert "University of Porto" not in await _text(session_factory, owner, resume_id)
    for _ in range(5):
        await call(undo_edit, ctx)
    # Six edits, six undos: the stored text is exactly what it was, byte for byte.
    assert await _text(session_factory, owner, resume_id) == original
    assert "has no edit to undo" in (await call(undo_edit, ctx)).content


async def test_invalid_edits_are_refused_with_the_parsers_message_and_nothing_is_saved(
    session_factory,
) -> None:
    owner = await new_account(session_factory, "mara")
    resume_id = await _resume(session_factory, owner)
    ctx = context(session_factory, owner)
    before = await _text(session_factory, owner, resume_id)

    backwards = (await call(edit_resume_item, ctx, action="change", kind="role",
                            item="Old Harbour", fields={"end": "05/2015"})).content
    assert "The edit was refused and nothing was saved" in backwards
    assert "`End date: 05/2015` is before `Start date: 01/2016`" in backwards
    no_company = (await call(edit_resume_item, ctx, action="add", kind="role",
                             fields={"title": "Engineer", "start": "01/2024"})).content
    assert "`#### Basics` is missing `Company:`" in no_company
    bad_date = (await call(edit_personal, ctx, changes={"require_sponsorship": "maybe"})).content
    assert "nothing was saved" in bad_date
    ambiguous = (await call(edit_resume_item, ctx, action="remove", kind="role",
                            item="2021")).content
    assert "matches several" in ambiguous and "1. role Data Engineer at Riverbend" in ambiguous

    assert await _text(session_factory, owner, resume_id) == before
    assert "has no edit to undo" in (await call(undo_edit, ctx)).content


async def test_another_persons_resume_is_answered_like_an_unknown_id(session_factory) -> None:
    mara = await new_account(session_factory, "mara")
    theirs = await _resume(session_factory, mara)
    eve_ctx = context(session_factory, await new_account(session_factory, "eve"))
    await _resume(session_factory, eve_ctx.account_id, name="Eve's")
    stranger = uuid.uuid4()

    for tool, args in ((edit_personal, {"changes": {"phone": "1"}}),
                       (edit_resume_item, {"action": "remove", "kind": "role", "item": "1"}),
                       (undo_edit, {})):
        answers = [(await call(tool, eve_ctx, resume_id=str(rid), **args)).content
                   for rid in (theirs, stranger)]
        assert answers[0].replace(str(theirs), "ID") == answers[1].replace(str(stranger), "ID")
        assert answers[0].startswith("There is no resume with id")
    assert await _text(session_factory, mara, theirs) == RESUME_MD


async def test_a_second_tab_is_told_the_resume_changed_and_shown_the_difference(
    session_factory,
) -> None:
    owner = await new_account(session_factory, "mara")
    resume_id = await _resume(session_factory, owner)
    tab_one = context(session_factory, owner, thread_id="tab-one")
    tab_two = context(session_factory, owner, thread_id="tab-two")
    await call(edit_personal, tab_one, changes={"phone": "+351 555 0100"})
    await call(edit_personal, tab_two, changes={"location": "Porto, Portugal"})
    after_tab_two = await _text(session_factory, owner, resume_id)

    stale = (await call(edit_personal, tab_one, changes={"email": "mara@example.net"})).content
    assert "was changed elsewhere" in stale and "nothing was saved" in stale
    assert "~~Lisbon,~~ **Porto,**" in stale
    assert await _text(session_factory, owner, resume_id) == after_tab_two

    # Having been shown the change, the tab may edit the current text.
    again = (await call(edit_personal, tab_one, changes={"email": "mara@example.net"})).content
    assert again.startswith("Saved: set email")
    final = load_resume(await _text(session_factory, owner, resume_id))
    assert final.personal and final.personal.contact
    assert final.personal.contact.location == "Porto, Portugal"
    assert final.personal.contact.email == "mara@example.net"


async def test_a_tab_that_read_the_resume_is_refused_after_another_tab_edits_it(
    session_factory,
) -> None:
    owner = await new_account(session_factory, "mara")
    resume_id = await _resume(session_factory, owner)
    reader = context(session_factory, owner, thread_id="reader")
    writer = context(session_factory, owner, thread_id="writer")

    shown = (await call(show_resume, reader)).content
    assert shown.startswith('"Main" (id ') and "Company: Old Harbour Bank" in shown
    await call(edit_resume_item, writer, action="remove", kind="role", item="Old Harbour")
    refused = (await call(edit_personal, reader, changes={"phone": "1"})).content
    assert "was changed elsewhere" in refused and "~~Company: Old Harbour Bank~~" in refused
    assert "Phone:" not in await _text(session_factory, owner, resume_id)


async def test_a_save_that_loses_the_race_on_the_row_is_refused_with_the_difference(
    session_factory, migrated_db_url: str,
) -> None:
    owner = await new_account(session_factory, "mara")
    resume_id = await _resume(session_factory, owner)
    ctx = context(session_factory, owner)
    dsn = migrated_db_url.replace("postgresql+psycopg://", "postgresql://")

    def edit_while_another_tab_saves(resume):
        # Between this edit's read and its write, another tab commits its own save.
        with psycopg.connect(dsn, autocommit=True) as other_tab:
            other_tab.execute(
                "UPDATE resumes SET markdown = replace(markdown, 'Lisbon', 'Porto'), "
                "version = version + 1 WHERE id = %s", (resume_id,))
        return personal_edit(resume, {"phone": "+351 555 0100"})

    with pytest.raises(Mistake) as refused:
        await save_edit(ctx.scope, str(resume_id), edit_while_another_tab_saves)
    assert "was changed elsewhere" in refused.value.message
    assert "~~Lisbon,~~ **Porto,**" in refused.value.message
    stored = await _text(session_factory, owner, resume_id)
    assert "Porto" in stored and "Phone:" not in stored


async def test_projects_links_banner_and_clearing_a_field(session_factory) -> None:
    owner = await new_account(session_factory, "mara")
    resume_id = await _resume(session_factory, owner)
    ctx = context(session_factory, owner)

    added = (await call(edit_resume_item, ctx, action="add", kind="project", fields={
        "title": "Transit Feed Validator", "start": "03/2022",
        "description": ["Checks public transit feeds for schedule gaps."],
        "skills": ["Python"]})).content
    assert "added project Transit Feed Validator (03/2022)" in added
    await call(edit_resume_item, ctx, action="change", kind="project", item="transit",
               fields={"url": "https://example.org/validator", "skills": ["Python", "pytest"]})
    await call(edit_personal, ctx, changes={
        "github": "https://github.com/mara-example", "email": None,
        "banner": ["Data engineer who turns messy data into reliable pipelines."]})
    no_description = (await call(edit_resume_item, ctx, action="change", kind="project",
                                 item="transit", fields={"description": []})).content
    assert "nothing was saved" in no_description and "Description" in no_description

    resume = load_resume(await _text(session_factory, owner, resume_id))
    [project] = resume.projects
    assert project.url == "https://example.org/validator" and project.skills == ("Python",
                                                                                  "pytest")
    assert resume.personal and resume.personal.contact and resume.personal.websites
    assert resume.personal.contact.email is None
    assert resume.personal.websites.github == "https://github.com/mara-example"
    assert resume.personal.banner == ("Data engineer who turns messy data into reliable "
                                      "pipelines.",)
    removed = (await call(edit_resume_item, ctx, action="remove", kind="project",
                          item="1")).content
    assert "removed project Transit Feed Validator" in removed
    assert "Transit" not in await _text(session_factory, owner, resume_id)


async def test_a_rename_that_loses_the_race_to_a_text_edit_is_reapplied_not_lost(
    session_factory, migrated_db_url: str,
) -> None:
    from workflows.library.common import current_resume
    from workflows.resume_edit.manage import change_resume_metadata

    owner = await new_account(session_factory, "mara")
    resume_id = await _resume(session_factory, owner)
    ctx = context(session_factory, owner)
    dsn = migrated_db_url.replace("postgresql+psycopg://", "postgresql://")
    attempts = []

    async def rename_while_another_tab_saves(session):
        resume = await current_resume(session, ctx.scope, str(resume_id))
        if not attempts:
            with psycopg.connect(dsn, autocommit=True) as other_tab:
                other_tab.execute(
                    "UPDATE resumes SET markdown = replace(markdown, 'Lisbon', 'Porto'), "
                    "version = version + 1 WHERE id = %s", (resume_id,))
        attempts.append(resume.version)
        resume.name = "Renamed"
        await session.flush()
        return resume.name

    assert await change_resume_metadata(ctx.scope, rename_while_another_tab_saves) == "Renamed"
    assert len(attempts) == 2 and attempts[1] == attempts[0] + 1
    async with session_factory() as session:
        stored = await get_resume(session, owner, resume_id)
    assert stored.name == "Renamed" and "Porto" in stored.markdown
