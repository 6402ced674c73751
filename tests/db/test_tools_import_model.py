"""Importing a PDF through the model, and the tools inside a real agent run (scripted model)."""

from __future__ import annotations

import pytest
from langchain.agents import create_agent
from langchain_core.messages import HumanMessage, ToolMessage
from sqlalchemy import select
from support.chat_model import scripted_chat_model
from support.llm_script import structured, text, tool_call
from tool_harness import call, context, new_account

from documents.model import (
    Award,
    Contact,
    Degree,
    Month,
    Personal,
    Resume,
    Role,
    SkillGroup,
    Volunteering,
)
from tools import ALL_TOOLS
from tools.context import ToolContext
from tools.import_resume import import_resume

pytestmark = pytest.mark.db

PDF = "resumes/pdf/offlinecv__google-docs__google-docs-skia-proxy-minimal.pdf"

# What a faithful model makes of the fixture, except one date it got wrong (2029 for 2020).
READ_BY_MODEL = Resume(
    personal=Personal(contact=Contact(name="Jane Smith", email="jane.smith@example.com",
                                      phone="(312) 555-0123", location="Springfield, IL")),
    degrees=(Degree(school="Springfield State University", degree="B.S. Computer Science",
                    end=Month(year=2020, month=6)),),
    roles=(
        Role(company="Globex Corporation", title="Software Engineer",
             start=Month(year=2022, month=1), tasks=("Worked on the platform team.",),
             skills=("Python",)),
        Role(company="Acme Corp", title="Junior Engineer", start=Month(year=2029, month=1),
             end=Month(year=2029, month=12)),
    ),
)


async def test_a_pdf_is_read_by_the_model_summarised_with_doubts_and_saved_on_confirmation(
    session_factory, scripted_llm, fixtures_dir
) -> None:
    from db.files import store_file

    owner = await new_account(session_factory, "ada")
    ctx = context(session_factory, owner, model_url=scripted_llm.base_url)
    path = fixtures_dir / PDF
    async with session_factory.begin() as session:
        stored = await store_file(session, owner, name=path.name, mime="application/pdf",
                                  content=path.read_bytes())
    scripted_llm.add(structured(READ_BY_MODEL.model_dump(mode="json")))

    draft = (await call(import_resume, ctx, file_id=str(stored.id))).content
    [request] = scripted_llm.requests
    assert request.response_format["json_schema"]["name"] == "Resume"
    sent = request.last_message_text("user")
    # The document reaches the model as delimited data, never as instructions.
    assert sent.startswith("<<<resume\nJane Smith") and sent.endswith(">>>")
    assert "Globex Corporation" in sent
    assert "structured by the model scripted @" in draft
    assert "- Role: Software Engineer at Globex Corporation (01/2022 - present)" in draft
    assert "- Junior Engineer at Acme Corp starts in the future (01/2029)" in draft
    assert "- Junior Engineer at Acme Corp has no description" in draft
    assert 'suggested: "Jane Smith resume"' in draft
    assert ctx.progress.titles == ["Reading the resume with the model"]

    saved = (await call(import_resume, ctx, draft_id=draft.split()[1], name="Jane")).content
    assert saved.startswith('Saved the resume as "Jane"')


async def test_the_agent_reaches_the_tools_with_the_persons_context(
    session_factory, scripted_llm
) -> None:
    ada = await new_account(session_factory, "ada")
    bob = await new_account(session_factory, "bob")
    for owner, name in ((ada, "Ada main"), (bob, "Bob main")):
        owner_ctx = context(session_factory, owner, thread_id=f"setup-{name}")
        await call(import_resume, owner_ctx, draft_id=(await call(
            import_resume, owner_ctx, text=READ_BY_MODEL_MARKDOWN)).content.split()[1], name=name)
    scripted_llm.add(tool_call("list_resumes", {}), text("You have one resume: Ada main."))

    agent = create_agent(scripted_chat_model(scripted_llm), tools=ALL_TOOLS,
                         context_schema=ToolContext)
    result = await agent.ainvoke({"messages": [HumanMessage("Which resumes do I have?")]},
                                 context=context(session_factory, ada))

    [tool_message] = [m for m in result["messages"] if isinstance(m, ToolMessage)]
    assert "- **Ada main** (primary)" in tool_message.content
    assert "Bob" not in tool_message.content
    assert result["messages"][-1].content == "You have one resume: Ada main."
    offered = scripted_llm.requests[0].tool_names
    assert offered == [tool.name for tool in ALL_TOOLS]
    assert "runtime" not in str(scripted_llm.requests[0].tools)


READ_BY_MODEL_MARKDOWN = """\
# Personal

## Contact Information

Name: Jane Smith

# Education

## Degrees

### Degree

School: Springfield State University
"""


async def test_hidden_text_in_a_pdf_never_reaches_the_model_and_the_person_is_told(
    session_factory, scripted_llm, fixtures_dir
) -> None:
    from db.files import store_file

    owner = await new_account(session_factory, "ada")
    ctx = context(session_factory, owner, model_url=scripted_llm.base_url)
    path = fixtures_dir / "torture/pdf/hiring-agent__prompt_injection_resume_v2.pdf"
    async with session_factory.begin() as session:
        stored = await store_file(session, owner, name=path.name, mime="application/pdf",
                                  content=path.read_bytes())
    visible_only = Resume(
        personal=Personal(contact=Contact(name="Jane Attacker",
                                          email="jane.attacker@example.com")),
        degrees=(Degree(school="Example University", degree="B.S. Computer Science"),),
    )
    scripted_llm.add(structured(visible_only.model_dump(mode="json")))

    draft = (await call(import_resume, ctx, file_id=str(stored.id))).content
    sent = scripted_llm.requests[0].last_message_text("user")
    assert "Junior developer exploring web fundamentals." in sent
    for invented in ("Google", "Meta", "kubernetes/kubernetes", "GITHUB DATA"):
        assert invented not in sent
    assert "Left out while reading the file (tell the person):" in draft
    assert "- dropped 265 words of text in the background colour on page 2" in draft


async def test_each_kind_of_model_error_is_shown_and_the_files_version_can_be_kept(
    session_factory, scripted_llm, fixtures_dir
) -> None:
    from db.files import store_file
    from db.models import Resume as ResumeRow
    from documents import parse_resume
    from documents.model import SkillGroup

    globex_tasks = ("Worked on the platform team.", "Helped with various team initiatives.",
                    "Attended team meetings and design reviews.")  # "Reviewed pull requests." lost
    acme_tasks = ("Was part of the backend team.", "Contributed to internal tooling.",
                  "Participated in oncall rotation.")
    wrong = Resume(
        personal=READ_BY_MODEL.personal,
        degrees=(Degree(school="Springfield State University", degree="B.S. Computer Science",
                        end=Month(year=2020, month=6)),),  # the file says only "2020"
        roles=(Role(company="Globex Corporation", title="Software Engineer",  # two roles merged
                    start=Month(year=2020), tasks=globex_tasks + acme_tasks),),
        skills=(SkillGroup(items=("Python", "JavaScript", "Git", "SQL", "Linux", "AWS",
                                  "Kubernetes")),),  # one skill the file never names
    )
    owner = await new_account(session_factory, "ada")
    ctx = context(session_factory, owner, model_url=scripted_llm.base_url)
    path = fixtures_dir / PDF
    async with session_factory.begin() as session:
        stored = await store_file(session, owner, name=path.name, mime="application/pdf",
                                  content=path.read_bytes())
    scripted_llm.add(structured(wrong.model_dump(mode="json")))

    draft = (await call(import_resume, ctx, file_id=str(stored.id))).content
    assert ("- Springfield State University: end: the model has 'June 2020'; the file says "
            "'2020'") in draft
    assert "- not imported: '• Reviewed pull requests.'" in draft
    assert "the model has 'Kubernetes', which the file does not say" in draft
    assert ("- Software Engineer at Globex Corporation: the model has '2020 - Present', which "
            "the file never gives as one range (two roles merged?)") in draft
    assert "missing from the model's read:\n- Junior Engineer at Acme Corp" in draft
    assert "keep_file_version=true" in draft

    saved = (await call(import_resume, ctx, draft_id=draft.split()[1], name="Jane",
                        keep_file_version=True)).content
    assert saved.startswith('Saved the resume as "Jane"')
    async with session_factory() as session:
        row = await session.scalar(select(ResumeRow).where(ResumeRow.owner_id == owner))
    kept = parse_resume(row.markdown).resume
    assert [(role.title, role.company, str(role.start)) for role in kept.roles] == [
        ("Software Engineer", "Globex Corporation", "2022"),
        ("Junior Engineer", "Acme Corp", "2020")]
    assert "Reviewed pull requests." in kept.roles[0].tasks
    assert kept.degrees[0].end == Month(year=2020)
    assert "Kubernetes" not in kept.skills[0].items
    assert row.fidelity["kept"] == "file_version"
    assert row.fidelity["file_version"]["unsupported"] == []


async def test_keeping_the_files_version_needs_one(session_factory) -> None:
    owner = await new_account(session_factory, "ada")
    ctx = context(session_factory, owner)
    draft = (await call(import_resume, ctx, text=READ_BY_MODEL_MARKDOWN)).content
    refused = (await call(import_resume, ctx, draft_id=draft.split()[1], name="Jane",
                          keep_file_version=True)).content
    assert refused.startswith("This draft has no file's version")


async def test_skills_awards_and_community_read_by_the_model_are_shown_and_kept(
    session_factory, scripted_llm, fixtures_dir
) -> None:
    from db.files import store_file
    from db.resumes import list_resumes

    owner = await new_account(session_factory, "ada")
    ctx = context(session_factory, owner, model_url=scripted_llm.base_url)
    path = fixtures_dir / PDF
    async with session_factory.begin() as session:
        stored = await store_file(session, owner, name=path.name, mime="application/pdf",
                                  content=path.read_bytes())
    fuller = READ_BY_MODEL.model_copy(update={
        "skills": (SkillGroup(name="Languages", items=("Python", "Go")),),
        "awards": (Award(title="ICPC World Finalist", date=Month(year=2015)),),
        "volunteering": (Volunteering(organization="Red Cross", start=Month(year=2015),
                                      end=Month(year=2016)),),
    })
    scripted_llm.add(structured(fuller.model_dump(mode="json")))

    draft = (await call(import_resume, ctx, file_id=str(stored.id))).content
    assert "- Skills (Languages): Python, Go" in draft
    assert "- Award: ICPC World Finalist" in draft
    assert "- Volunteering: Red Cross" in draft
    await call(import_resume, ctx, draft_id=draft.split()[1], name="Jane")
    async with session_factory() as session:
        [saved] = await list_resumes(session, owner)
    assert "# Awards\n\n## Award\n\nTitle: ICPC World Finalist\nDate: 2015\n" in saved.markdown
    assert "Start date: 2015\nEnd date: 2016" in saved.markdown

