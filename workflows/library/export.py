"""Exports: a resume or a version to Markdown, Word, PDF or JSON Resume, stored as a file.

The file goes to the files table (served to its owner at /files/{id}); the artifact tells the
chat layer which file to offer for download (and to preview when it is a PDF).
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import Mistake
from db.applications import record_export
from db.conversations import get_state
from db.files import store_file
from db.jobs import get_job
from db.models import GeneratedDocument
from db.models import Resume as ResumeRow
from db.resumes import get_resume
from db.versions import get_version, letter_data
from documents import CoverLetter, Resume, load_resume, parse_month, to_json_resume, write_resume
from documents.filenames import export_filename
from documents.inclusion import DateRange, ExportFilterError
from documents.locale import paper_for
from documents.markdown_text import md_text
from documents.model import Inclusion
from documents.render import (
    DOCX_MEDIA_TYPE,
    PDF_MEDIA_TYPE,
    ExportOptions,
    render_cover_letter_docx,
    render_cover_letter_pdf,
    render_docx,
    render_pdf,
)
from documents.render.ats_check import AtsReport, check_export, headline, lost_cjk_text
from documents.render.layout import prepare
from workflows.library.common import Scope, current_resume, owned_version

logger = logging.getLogger(__name__)

FORMATS = ("pdf", "docx", "markdown", "json")
EXTENSIONS = {"pdf": "pdf", "docx": "docx", "markdown": "md", "json": "json"}
MIMES = {
    "pdf": PDF_MEDIA_TYPE,
    "docx": DOCX_MEDIA_TYPE,
    "markdown": "text/markdown",
    "json": "application/json",
}


@dataclass(frozen=True)
class ExportRequest:
    """None means "not said": the resume's remembered export option (or the default) applies."""

    format: str
    version_id: str | None = None
    resume_id: str | None = None
    word_layout: str | None = None
    start: str | None = None  # "" says "no lower bound" even when one is remembered
    end: str | None = None
    pdf_look: str | None = None
    include_projects: bool | None = None
    projects_first: bool | None = None
    education_at_end: bool | None = None
    paper: str | None = None  # "a4", "letter" or "auto" (the job's country, else the person's)


@dataclass(frozen=True)
class _Subject:
    """What is being exported, read in one short transaction (rendering happens after it)."""

    label: str  # 'version 3' or 'resume "Main"', for the chat text
    kind: str  # "resume" or "cover_letter"
    markdown: str
    inclusion: dict[str, Inclusion]
    company: str | None
    job_location: str | None
    job_language: str | None
    letter: dict[str, Any] | None
    version_id: str | None
    remembered: dict[str, Any]  # the (source) resume's export options


async def export_document(scope: Scope, request: ExportRequest) -> tuple[str, dict[str, Any]]:
    """Render and store the file; returns the chat text and the artifact with the file."""
    fmt = request.format.strip().lower()
    if fmt not in FORMATS:
        raise Mistake(f"format must be one of: {', '.join(FORMATS)}.")
    async with scope.sessions() as session:
        subject = await _subject(session, scope, request)
    options = _options(request, subject)
    ats_text = ""
    if subject.kind == "cover_letter":
        content, person = _letter_file(subject, fmt, options)
        kind_label = "Cover-Letter"
    else:
        resume = load_resume(subject.markdown)
        options = _with_paper(options, subject, resume)
        content, person, kind_label = _resume_file(resume, options, fmt), resume.name, "Resume"
        if fmt in ("pdf", "docx"):
            # Reading the file back (pypdf, a pdftotext process) is tens of milliseconds of CPU:
            # off the event loop, as every other chat shares it.
            ats_text = await asyncio.to_thread(_ats_check_text, resume, options, fmt, content)
    name = export_filename(person, subject.company, kind_label, EXTENSIONS[fmt])
    recorded = ""
    async with scope.sessions.begin() as session:
        stored = await store_file(session, scope.owner_id, name=name, mime=MIMES[fmt],
                                  content=content, thread_id=scope.thread_id)
        # A job's version: the file is kept with the application ("what did I send?").
        if subject.version_id and await record_export(
                session, await get_version(session, scope.owner_id,
                                           uuid.UUID(subject.version_id)), stored):
            recorded = " It is recorded with its job."
    text = (f"Exported {md_text(subject.label)} as {md_text(name)} "
            f"({len(content) // 1024 + 1} KB); it is offered for download.{recorded}{ats_text}")
    artifact = {
        "files": [{"file_id": str(stored.id), "name": name, "mime": MIMES[fmt]}],
        "version_id": subject.version_id,
    }
    return text, artifact


async def _subject(session: AsyncSession, scope: Scope, request: ExportRequest) -> _Subject:
    version = await _chosen_version(session, scope, request)
    if version is None:
        resume = await current_resume(session, scope, request.resume_id)
        return _Subject(f'resume "{resume.name}"', "resume", resume.markdown,
                        _inclusion(resume), None, None, None, None, None,
                        dict(resume.export_options or {}))
    source = (await get_resume(session, scope.owner_id, version.source_resume_id)
              if version.source_resume_id else None)
    job = await get_job(session, scope.owner_id, version.job_id) if version.job_id else None
    letter = (await letter_data(session, scope.owner_id, version.id)
              if version.kind == "cover_letter" else None)
    remembered = dict(source.export_options or {}) if source is not None else {}
    return _Subject(f"version {version.version_number}", version.kind, version.markdown,
                    _inclusion(source), job.company if job else None,
                    job.location if job else None, job.language if job else None, letter,
                    str(version.id), remembered)


def _options(request: ExportRequest, subject: _Subject) -> ExportOptions:
    """What the request says, else what the resume remembers, else the renderer's default."""
    remembered = subject.remembered

    def chosen(name: str) -> Any:
        said = getattr(request, name)
        return said if said is not None else remembered.get(name)

    layout, look = chosen("word_layout") or "ats", chosen("pdf_look") or "classic"
    paper = chosen("paper") or "auto"
    if layout not in ("ats", "plain"):
        raise Mistake("word_layout must be 'ats' (for application forms) or 'plain' (for people).")
    if look not in ("classic", "modern"):
        raise Mistake("pdf_look must be 'classic' or 'modern'.")
    if paper not in ("auto", "a4", "letter"):
        raise Mistake("paper must be 'a4', 'letter' or 'auto' (the job's country decides).")
    flags = {name: chosen(name) for name in ("include_projects", "projects_first",
                                             "education_at_end")}
    return ExportOptions(
        inclusion=subject.inclusion,
        date_range=_date_range(chosen("start"), chosen("end")),
        word_layout=layout,
        pdf_look=look,
        paper=paper,
        **{name: value for name, value in flags.items() if value is not None},
    )


def _inclusion(resume: ResumeRow | None) -> dict[str, Inclusion]:
    # Item keys are identity-based, so the source resume's choices apply to its versions too.
    stored = resume.inclusion if resume is not None else {}
    return {key: Inclusion(value) for key, value in (stored or {}).items()}


async def _chosen_version(
    session: AsyncSession, scope: Scope, request: ExportRequest
) -> GeneratedDocument | None:
    if request.version_id and request.version_id.strip().lower() == "latest":
        state = await get_state(session, scope.owner_id, scope.thread_id)
        if state is None or state.last_version_id is None:
            raise Mistake("No version was generated in this conversation yet; export a resume "
                          "instead (leave version_id out) or generate one first.")
        version = await get_version(session, scope.owner_id, state.last_version_id)
        if version is None:
            raise Mistake("The latest version no longer exists; call show_versions.")
        return version
    if request.version_id:
        return await owned_version(session, scope, request.version_id)
    return None


def _date_range(start: str | None, end: str | None) -> DateRange | None:
    if not start and not end:
        return None
    try:
        low = parse_month(start) if start else None
        high = parse_month(end) if end else None
    except ValueError as exc:
        raise Mistake(f"The date range cannot be read: {exc}. Use MM/YYYY.") from None
    # A year alone bounds the range by its whole year, as it always did.
    return (low.earliest if low else None, high.latest if high else None)


def _resume_file(resume: Resume, options: ExportOptions, fmt: str) -> bytes:
    try:
        if fmt == "pdf":
            return render_pdf(resume, options)
        if fmt == "docx":
            return render_docx(resume, options)
        filtered = prepare(resume, options)  # Markdown and JSON drop projects too when asked
    except ExportFilterError as exc:
        raise Mistake(str(exc)) from None
    if fmt == "json":
        return json.dumps(to_json_resume(filtered), ensure_ascii=False, indent=2).encode()
    return write_resume(filtered).encode("utf-8")


MAX_SHOWN_FAILURES = 10
CJK_FONT_MISSING = (
    "This server has no font for Chinese, Japanese or Korean characters, so the PDF shows them as"
    " empty boxes. Export Word (docx) instead, whose text the reader's computer draws, or ask your"
    " administrator to install such a font (on Debian: fonts-noto-cjk).")


def _ats_check_text(resume: Resume, options: ExportOptions, fmt: str, content: bytes) -> str:
    """The ATS check's result as Markdown; the export never fails because of the check."""
    try:
        report = check_export(resume, options, fmt, content)
    except Exception:
        # A bug in the check must not cost the person their file: it is logged and said plainly.
        logger.exception("ATS check failed on a %s export", fmt)
        return "\n\nATS check: could not run this time (the error is logged); the file was made."
    return "\n\n" + "\n".join(_ats_lines(report, fmt))


def _ats_lines(report: AtsReport, fmt: str) -> list[str]:
    lines = [headline(report)]
    if report.unreadable is not None:
        lines[0] += f" ({md_text(report.unreadable)}) Try exporting the {fmt} again."
    for failure in report.failures[:MAX_SHOWN_FAILURES]:
        got = (f'came back as "{md_text(failure.came_back)}"' if failure.came_back
               else "nothing like it came back")
        lines.append(f"- {md_text(failure.field.label)} \"{md_text(failure.field.text)}\": "
                     f"{failure.problem} in {failure.extractor}; {got}")
    if len(report.failures) > MAX_SHOWN_FAILURES:
        lines.append(f"- and {len(report.failures) - MAX_SHOWN_FAILURES} more")
    if lost_cjk_text(report, fmt):
        lines.append(CJK_FONT_MISSING)
    return lines


def _with_paper(options: ExportOptions, subject: _Subject, resume: Resume) -> ExportOptions:
    """"auto" made concrete: the job's country or language, else the person's own country."""
    contact = resume.personal.contact if resume.personal else None
    paper = paper_for(options.paper, job_location=subject.job_location,
                      job_language=subject.job_language,
                      own_location=contact.location if contact else None)
    return options.model_copy(update={"paper": paper})


def _letter_file(
    subject: _Subject, fmt: str, options: ExportOptions
) -> tuple[bytes, str | None]:
    if fmt == "json":
        raise Mistake("A cover letter exports as pdf, docx or markdown, not JSON Resume.")
    if subject.letter is None:
        # A letter stored without its structure (an old row) can still go out as its text.
        if fmt != "markdown":
            raise Mistake("This cover letter can only be exported as markdown.")
        return subject.markdown.encode("utf-8"), None
    letter = CoverLetter.model_validate(subject.letter)
    if letter.language is None and subject.job_language:
        # Letters saved before they carried their language: the job's is the one they were
        # written in.
        letter = letter.model_copy(update={"language": subject.job_language})
    paper = None if options.paper == "auto" else options.paper
    if fmt == "pdf":
        return render_cover_letter_pdf(letter, paper=paper), letter.sender_name
    if fmt == "docx":
        return (render_cover_letter_docx(letter, options.word_layout, paper),
                letter.sender_name)
    return subject.markdown.encode("utf-8"), letter.sender_name


FORMAT_WORDS = {"pdf": "pdf", "docx": "docx", "word": "docx", "md": "markdown",
                "markdown": "markdown", "json": "json"}
EXPORT_USAGE = (
    "Use `/export pdf|docx|md|json [latest|resume|<version id>]`, e.g. `/export docx` for the "
    "newest version in this conversation or `/export pdf resume` for your active resume."
)


async def export_command(scope: Scope, argument: str) -> str | tuple[str, dict[str, Any]]:
    """`/export`: the newest version here (default), the active resume, or an id; no model."""
    words = argument.lower().split()
    fmt = FORMAT_WORDS.get(words[0], "") if words else "pdf"
    target = words[1] if len(words) > 1 else "latest"
    if not fmt or len(words) > 2:
        return EXPORT_USAGE
    version_id = None if target == "resume" else target
    try:
        return await export_document(scope, ExportRequest(format=fmt, version_id=version_id))
    except Mistake as mistake:
        return f"{mistake.message}\n\n{EXPORT_USAGE}"
