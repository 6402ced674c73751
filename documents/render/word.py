"""Word exports: one entry point per document kind, dispatching on the chosen layout."""

from __future__ import annotations

from documents.locale import Paper
from documents.model import CoverLetter, Resume
from documents.render.docx_ats import build_ats
from documents.render.docx_common import to_bytes
from documents.render.docx_letter import build_letter
from documents.render.docx_plain import build_plain
from documents.render.layout import letter_paper, prepare, resume_paper
from documents.render.options import ExportOptions, WordLayout

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def render_docx(resume: Resume, options: ExportOptions | None = None) -> bytes:
    """The resume as a .docx file in ``options.word_layout`` ("ats" or "plain")."""
    options = options or ExportOptions()
    exported = prepare(resume, options)
    build = build_plain if options.word_layout == "plain" else build_ats
    return to_bytes(build(exported, options, resume_paper(resume, options)))


def render_cover_letter_docx(
    letter: CoverLetter, layout: WordLayout = "plain", paper: Paper | None = None
) -> bytes:
    """The cover letter as a .docx file whose header matches the resume layout of that name;
    ``paper`` None follows the company's country or the letter's language."""
    return to_bytes(build_letter(letter, layout, letter_paper(letter, paper)))
