"""A posting in French, for a job in Lyon: the letter is dated in French and both the letter
and the tailored resume print on A4; the person's own paper choice still wins."""

from __future__ import annotations

import io
import uuid

import pypdf
import pytest
from support.llm_script import RecordedRequest, Reply
from test_tools_generation import ANALYSIS, engine
from test_tools_library import RESUME_MD
from tool_harness import TODAY, call, context, new_account

from db.files import get_file
from documents.locale import long_date
from tools.analyze_job import analyze_job
from tools.export_document import export_document
from tools.import_resume import import_resume
from tools.save_job import save_job
from tools.set_export_options import set_export_options
from tools.tailor_resume import tailor_resume
from tools.write_cover_letter import write_cover_letter

pytestmark = pytest.mark.db

POSTING = """\
Ingénieur données, Riverbend Logistics (Lyon, France)

Profil recherché :
- Airflow
- dbt
"""
A4, LETTER = (595, 842), (612, 792)


def french(request: RecordedRequest) -> Reply | None:
    return engine(request, {**ANALYSIS, "language": "fr", "location": "Lyon, France",
                            "title": "Ingénieur données"})


async def _pdf(sessions, owner: uuid.UUID, exported) -> pypdf.PdfReader:
    [file] = exported.artifact["files"]
    async with sessions() as session:
        stored = await get_file(session, owner, uuid.UUID(file["file_id"]))
    return pypdf.PdfReader(io.BytesIO(stored.content))


def _size(reader: pypdf.PdfReader) -> tuple[int, int]:
    box = reader.pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


async def test_a_french_posting_gives_a_french_dated_letter_and_a4_pages(
    session_factory, scripted_llm
) -> None:
    scripted_llm.add_rule(french)
    owner = await new_account(session_factory, "ada")
    ctx = context(session_factory, owner, model_url=scripted_llm.base_url)
    draft = (await call(import_resume, ctx, text=RESUME_MD)).content
    await call(import_resume, ctx, draft_id=draft.split()[1], name="Main")
    await call(save_job, ctx, posting_text=POSTING, company="Riverbend Logistics",
               title="Ingénieur données", location="Lyon, France")
    await call(analyze_job, ctx)

    await call(tailor_resume, ctx)
    resume_pdf = await _pdf(session_factory, owner,
                            await call(export_document, ctx, format="pdf", version_id="latest"))
    assert _size(resume_pdf) == A4

    await call(write_cover_letter, ctx)
    markdown = await call(export_document, ctx, format="markdown", version_id="latest")
    [file] = markdown.artifact["files"]
    async with session_factory() as session:
        saved = (await get_file(session, owner, uuid.UUID(file["file_id"]))).content.decode()
    assert long_date(TODAY, "fr") == "21 novembre 2026" and "21 novembre 2026" in saved
    letter_pdf = await _pdf(session_factory, owner,
                            await call(export_document, ctx, format="pdf", version_id="latest"))
    text = " ".join(letter_pdf.pages[0].extract_text().split())
    assert "21 novembre 2026" in text and "November" not in text
    assert _size(letter_pdf) == A4

    # The person asks for US Letter: it is remembered and wins over the job's country.
    await call(set_export_options, ctx, paper="letter")
    chosen = await _pdf(session_factory, owner,
                        await call(export_document, ctx, format="pdf", version_id="latest"))
    assert _size(chosen) == LETTER
