"""PDF exports through Typst (the ``typst`` wheel: no system packages, fonts embedded).

One ``typst.Compiler`` is built on first use and kept: it holds the parsed templates and loaded
fonts, so later exports recompile in about a millisecond instead of reloading fonts each time.
"""

from __future__ import annotations

import json
import threading
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import typst

from documents.locale import Paper
from documents.model import CoverLetter, Resume
from documents.render.layout import letter_paper, prepare, resume_paper
from documents.render.options import ExportOptions, PdfLook
from documents.render.pdf_data import letter_data, resume_data

TEMPLATES = Path(__file__).resolve().parent / "typst"
PDF_MEDIA_TYPE = "application/pdf"

# Compilation mutates the compiler's state (inputs, caches); one export at a time per process.
_compile_lock = threading.Lock()


def _bundled_font_folders() -> list[str]:
    # Typst ships serif fonts only; the modern look's sans comes from the font-source-sans-pro
    # wheel, so both looks render the same on every machine without any system font.
    return [str(files("font_source_sans_pro") / "files")]


@lru_cache(maxsize=1)
def _compiler() -> typst.Compiler:
    # System fonts are still loaded, only as a fallback for scripts the bundled fonts lack
    # (a Chinese name prints on a server with CJK fonts instead of as empty boxes).
    return typst.Compiler(
        str(TEMPLATES / "main.typ"),
        root=str(TEMPLATES),
        font_paths=_bundled_font_folders(),
    )


def _compile(data: dict) -> bytes:
    with _compile_lock:
        pdf = _compiler().compile(sys_inputs={"data": json.dumps(data)})
    assert isinstance(pdf, bytes), "Typst returned pages instead of one PDF"
    return pdf


def render_pdf(resume: Resume, options: ExportOptions | None = None) -> bytes:
    """The resume as a PDF in ``options.pdf_look`` ("classic" or "modern")."""
    options = options or ExportOptions()
    exported = prepare(resume, options)
    return _compile(resume_data(exported, options, options.pdf_look,
                                resume_paper(resume, options)))


def render_cover_letter_pdf(
    letter: CoverLetter, look: PdfLook = "classic", paper: Paper | None = None
) -> bytes:
    """The cover letter as a PDF with the header and fonts of the resume look of that name;
    ``paper`` None follows the company's country or the letter's language."""
    return _compile(letter_data(letter, look, letter_paper(letter, paper)))
