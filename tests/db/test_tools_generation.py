"""The engine-backed tools end to end: real database, real engine, the scripted model server."""

from __future__ import annotations

import io
import uuid

import pypdf
import pytest
from sqlalchemy import select
from support.llm_script import RecordedRequest, Reply, message_text, structured
from test_tools_library import RESUME_MD
from tool_harness import call, context, new_account
from unit.generation.scripts import ROLE_SCHEMAS

from core.errors import UserFacingError
from db.conversations import get_state
from db.files import get_file
from db.models import GeneratedDocument
from tools.analyze_job import analyze_job
from tools.export_document import export_document
from tools.import_resume import import_resume
from tools.match_report import match_report
from tools.refine_document import refine_document
from tools.save_job import save_job
from tools.tailor_resume import tailor_resume
from tools.write_cover_letter import write_cover_letter
from workflows.generation.analysis import prompt_version

pytestmark = pytest.mark.db

POSTING = """\
Data Engineer, Riverbend Logistics (Lisbon)

Requirements:
- Airflow
- dbt
- Kubernetes

Nice to have:
- Terraform
"""
ANALYSIS = {
    "company": "Riverbend Logistics", "title": "Data Engineer", "location": "Lisbon",
    "seniority": "mid", "language": "en", "hiring_manager": None,
    "required_skills": ["Airflow", "dbt", "Kubernetes"], "preferred_skills": ["Terraform"],
    "responsibilities": ["Build pipelines"], "keywords": ["data"], "special_instructions": [],
}
LETTER = [
    "I would like to join Riverbend Logistics as a Data Engineer.",
    "At Riverbend Logistics I built the nightly Airflow pipelines that feed the billing "
    "warehouse.",
]
DROPPED = "Maintained the monthly risk reports in SQL"


def _schema(request: RecordedRequest) -> str | None:
    if request.response_format:
        return request.response_format.get("json_schema", {}).get("name")
    return request.forced_tool


def engine(request: RecordedRequest, analysis: dict | None = None) -> Reply | None:
    """Answers by what was asked: the engine tailors roles concurrently, so order is unknown."""
    asked = "\n".join(message_text(m) for m in request.messages if m.get("role") == "user")
    name = _schema(request)
    if name == "JobAnalysis":
        return structured(analysis or ANALYSIS)
    if name in ROLE_SCHEMAS and "at Riverbend Logistics," in asked:
        return structured({"bullets": [
            "[2] Cut dashboard load time by 40% with dbt incremental models",
            "[1] Built the nightly Airflow pipelines that feed the billing warehouse"]})
    if name in ROLE_SCHEMAS:
        return structured({"bullets": [f"[1] {DROPPED}"]})
    if name == "TailoredBanner":
        return structured({"lines": ["[1] Data engineer building Airflow pipelines."]})
    if name == "LetterBody":
        return structured({"paragraphs": LETTER})
    if name == "EditList":
        return structured({"edits": [{"target": "role 2 bullet 1", "original": DROPPED,
                                      "replacement": "", "reason": "shorter"}]})
    return None


async def _ready(sessions, base_url: str, *, company: str | None = "Riverbend Logistics"):
    owner = await new_account(sessions, "ada")
    ctx = context(sessions, owner, model_url=base_url)
    draft = (await call(import_resume, ctx, text=RESUME_MD)).content
    await call(import_resume, ctx, draft_id=draft.split()[1], name="Main")
    await call(save_job, ctx, posting_text=POSTING, company=company, title="Data Engineer")
    return owner, ctx


async def test_the_whole_generation_journey_keeps_every_version_with_provenance(
    session_factory, scripted_llm
) -> None:
    scripted_llm.add_rule(engine)
    owner, ctx = await _ready(session_factory, scripted_llm.base_url)

    before = await call(match_report, ctx)
    assert "(requirements from the posting text)" in before.content
    assert before.artifact["match_card"]["origin"] == "posting text"
    analysed = (await call(analyze_job, ctx)).content
    assert "- Required skills: Airflow; dbt; Kubernetes" in analysed
    matched = await call(match_report, ctx)
    card = matched.artifact["match_card"]
    assert "(requirements from the analysis)" in matched.content
    assert {(i["text"], i["tag"]) for i in card["matched"] + card["missing"]} >= {
        ("Kubernetes", "required")}
    # The score is the card's to show: the model gets no number it could retype.
    assert f"{card['score']}/100" not in matched.content and "Kubernetes" not in matched.content

    tailored = await call(tailor_resume, ctx)
    assert tailored.content.startswith("Tailored resume v1 for Data Engineer at Riverbend")
    assert "Match score" in tailored.content and "Fact check" in tailored.content
    assert tailored.artifact["actions"] == ["download_pdf", "download_docx", "download_md",
                                            "cover_letter", "refine"]
    resume_v1 = tailored.artifact["version_id"]
    titles = ctx.progress.titles
    assert "Tailoring: Data Engineer at Riverbend Logistics" in titles and "Fact check" in titles

    letter = await call(write_cover_letter, ctx, tone="warm")
    assert letter.content.startswith("Cover letter v1 for Data Engineer at Riverbend Logistics")
    exported = await call(export_document, ctx, format="pdf", version_id="latest")
    [pdf_file] = exported.artifact["files"]
    assert pdf_file["name"] == "Mara-Quillon_Riverbend-Logistics_Cover-Letter.pdf"
    async with session_factory() as session:
        pdf = await get_file(session, owner, uuid.UUID(pdf_file["file_id"]))
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Dear Riverbend Logistics hiring team" in " ".join(text.split())

    refined = await call(refine_document, ctx, instruction="make it shorter",
                         version_id=resume_v1)
    assert refined.content.startswith("Version 2 saved")
    assert f"~~{DROPPED}~~" in refined.content

    async with session_factory() as session:
        versions = list(await session.scalars(
            select(GeneratedDocument).order_by(GeneratedDocument.created_at)))
        state = await get_state(session, owner, ctx.thread_id)
    first, cover, second = versions
    assert [(v.kind, v.version_number) for v in versions] == [
        ("resume", 1), ("cover_letter", 1), ("resume", 2)]
    assert first.source_resume_id == second.source_resume_id is not None
    assert (second.parent_id, second.instruction) == (first.id, "make it shorter")
    assert first.model == "scripted @ " + scripted_llm.base_url
    assert first.prompt_version == f"{prompt_version('tailor_role')}+{prompt_version('banner')}"
    assert second.prompt_version == prompt_version("refine")
    assert first.fact_check is not None and "score" in first.match_score
    assert DROPPED in first.markdown and DROPPED not in second.markdown
    # What each bullet rests on is kept with the version, and carried by the refinement.
    cited = [{"text": line, "sources": [line], "decision": None} for line in (
        "Cut dashboard load time by 40% with dbt incremental models",
        "Built the nightly Airflow pipelines that feed the billing warehouse")]
    assert first.provenance["roles"][0]["bullets"] == cited
    assert second.provenance["roles"][0]["bullets"] == cited
    assert [p["text"] for p in cover.provenance["paragraphs"]] == LETTER
    assert "Data engineer building Airflow pipelines." in first.markdown
    assert state.last_version_id == second.id

    word = await call(export_document, ctx, format="markdown", version_id="latest")
    async with session_factory() as session:
        md = await get_file(session, owner, uuid.UUID(word.artifact["files"][0]["file_id"]))
    assert md.content.decode() == second.markdown


async def test_without_a_model_the_person_is_told_how_to_set_one(session_factory) -> None:
    owner = await new_account(session_factory, "ada")
    ctx = context(session_factory, owner)
    await call(import_resume, ctx, draft_id=(await call(import_resume, ctx, text=RESUME_MD))
               .content.split()[1], name="Main")
    await call(save_job, ctx, posting_text=POSTING, company="Riverbend", title="Data Engineer")
    for tool in (analyze_job, tailor_resume, write_cover_letter):
        with pytest.raises(UserFacingError, match="No language model is configured"):
            await call(tool, ctx)
    # The score needs no model at all.
    assert "score" in (await call(match_report, ctx)).artifact["match_card"]


async def test_generation_error_paths_are_readable(session_factory, scripted_llm) -> None:
    no_company = dict(ANALYSIS, company=None)
    scripted_llm.add_rule(lambda request: engine(request, no_company))
    lonely = await new_account(session_factory, "zoe")
    lonely_ctx = context(session_factory, lonely, thread_id="zoe", model_url=scripted_llm.base_url)
    assert "has no resume yet" in (await call(match_report, lonely_ctx)).content
    assert "Nothing was generated in this conversation yet" in (
        await call(refine_document, lonely_ctx, instruction="shorter")).content

    owner, ctx = await _ready(session_factory, scripted_llm.base_url, company=None)
    letter = await call(write_cover_letter, ctx)
    assert letter.content.startswith("The company of this job is unknown")
    assert letter.artifact == {}

    theirs = await call(tailor_resume, ctx)
    stranger = str(uuid.uuid4())
    for version_id in (theirs.artifact["version_id"], stranger):
        refused = await call(refine_document, lonely_ctx, instruction="shorter",
                             version_id=version_id)
        assert refused.content == f"There is no version with id {version_id}. " \
            "Call show_versions to see the versions and their ids."
    draft = (await call(import_resume, lonely_ctx, text=RESUME_MD)).content
    await call(import_resume, lonely_ctx, draft_id=draft.split()[1], name="Mine")
    async with session_factory() as session:
        owners_job = (await get_state(session, owner, ctx.thread_id)).active_job_id
    for job_id in (str(owners_job), stranger):
        other_job = await call(tailor_resume, lonely_ctx, job_id=job_id)
        assert other_job.content.startswith(f"There is no job with id {job_id}. Call save_job")
    blank = await call(refine_document, ctx, instruction="   ")
    assert "Say what to change" in blank.content


async def test_skills_the_model_did_not_quote_are_dropped_and_said(
    session_factory, scripted_llm
) -> None:
    invented = dict(ANALYSIS, required_skills=["Airflow", "Distributed systems at scale"],
                    preferred_skills=["Terraform", "Snowflake"])
    scripted_llm.add_rule(lambda request: engine(request, invented))
    owner, ctx = await _ready(session_factory, scripted_llm.base_url)
    analysed = (await call(analyze_job, ctx)).content
    assert "- Required skills: Airflow\n" in analysed
    assert ("Dropped 2 skill(s) the posting does not contain word for word: "
            "Distributed systems at scale; Snowflake") in analysed
    matched = await call(match_report, ctx)
    assert "(requirements from the analysis)" in matched.content
    card = matched.artifact["match_card"]
    shown = " ".join(i["text"] for i in card["matched"] + card["missing"])
    assert "Airflow" in shown
    assert "Snowflake" not in shown and "Distributed systems" not in shown
