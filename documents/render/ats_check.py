"""The ATS check: a rendered resume read back by independent extractors, the way an applicant
tracking system would, and every expected field looked for in what came back.

PDFs are read by pypdf and, when installed, poppler's ``pdftotext`` (a second engine with its own
idea of reading order); Word files by python-docx. A field counts as read back only when every
extractor returns it whole, inside its own item, and bullets in their order.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
import zipfile
from dataclasses import dataclass, field

import docx
from docx.opc.exceptions import PackageNotFoundError

from documents.model import Resume
from documents.render.ats_fields import Field, Item, expected_items, rendering_of
from documents.render.options import ExportOptions

PDFTOTEXT_SECONDS = 2  # a 3-page resume takes ~15 ms; a hung poppler must not hold the export
_SHOWN = 60  # characters of extracted text shown with a failure


@dataclass(frozen=True)
class Failure:
    field: Field
    extractor: str
    problem: str  # 'missing' or 'out of order'
    came_back: str  # what the extractor returned where the field should be


@dataclass(frozen=True)
class AtsReport:
    expected: int
    found: int
    extractors: tuple[str, ...]
    failures: tuple[Failure, ...] = field(default=())
    unreadable: str | None = None  # an extractor could not open the file at all

    @property
    def passed(self) -> bool:
        return self.unreadable is None and not self.failures


def check_export(resume: Resume, options: ExportOptions, fmt: str, content: bytes) -> AtsReport:
    """Read ``content`` (the file rendered from ``resume`` with ``options``) back and check it."""
    items = expected_items(resume, options, rendering_of(fmt, options))
    expected = sum(len(item.fields) for item in items)
    texts: dict[str, str] = {}
    # pypdf (~10 MiB) loads with the first export, not with the chat code.
    from pypdf.errors import PyPdfError

    try:
        texts = _extract(fmt, content)
    except (PyPdfError, zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        # Documented failures of pypdf / python-docx on a damaged file: nothing was read back.
        return AtsReport(expected, 0, (), unreadable=f"{type(exc).__name__}: {exc}")
    failures: list[Failure] = []
    for extractor, text in texts.items():
        failures += _check_text(items, normalise(text), extractor)
    failed = {id(failure.field) for failure in failures}
    found = sum(1 for item in items for one in item.fields if id(one) not in failed)
    return AtsReport(expected, found, tuple(texts), tuple(failures))


def _extract(fmt: str, content: bytes) -> dict[str, str]:
    if fmt == "docx":
        document = docx.Document(io.BytesIO(content))
        return {"python-docx": "\n".join(paragraph.text for paragraph in document.paragraphs)}
    from pypdf import PdfReader

    poppler = _start_pdftotext(content)  # runs beside pypdf: the two readings overlap in time
    try:
        texts = {"pypdf": "\n".join(page.extract_text() or ""
                                    for page in PdfReader(io.BytesIO(content)).pages)}
    finally:
        reading = _finish_pdftotext(poppler, content)
    if reading is not None:
        texts["pdftotext"] = reading
    return texts


def _start_pdftotext(content: bytes) -> subprocess.Popen | None:
    program = shutil.which("pdftotext")
    if program is None:
        return None  # optional second opinion; pypdf's reading still counts
    try:
        return subprocess.Popen([program, "-q", "-enc", "UTF-8", "-", "-"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL)
    except OSError:
        return None


def _finish_pdftotext(process: subprocess.Popen | None, content: bytes) -> str | None:
    """poppler's reading of the PDF, or None when it is missing, failed or did not finish."""
    if process is None:
        return None
    try:
        out, _ = process.communicate(content, timeout=PDFTOTEXT_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        return None
    except OSError:  # the pipe broke: poppler died on the input
        process.kill()
        process.wait()
        return None
    return out.decode("utf-8", "replace") if process.returncode == 0 else None


_DASHES = dict.fromkeys(map(ord, "\u00ad\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_BULLETS = re.compile(r"[\u2022\u25cf\u25aa\u25e6\u2023\u2043\u25a0\uf0b7]")
_LINE_END_HYPHEN = re.compile(r"(?<=\w)-[ \t]*\n\s*(?=\w)")
_WORD_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
_CJK = r"\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef"
_CJK_CHAR = re.compile(f"[{_CJK}]")
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Text as a parser compares it: ligatures, dashes, bullets, case and line breaks evened out.

    A hyphen inside a word is dropped on both sides, so a word the PDF hyphenated at a line end
    ("develop-/ment", "state-of-/the-art") still matches; a split word ("Engi neer") does not.
    """
    text = unicodedata.normalize("NFKC", text).translate(_DASHES)
    text = _BULLETS.sub(" ", text)
    text = _LINE_END_HYPHEN.sub("", text)
    text = _WORD_HYPHEN.sub("", text)
    text = _CJK_GAP.sub("", text)  # CJK lines wrap without a space between characters
    return _SPACE.sub(" ", text).strip().casefold()


def _check_text(items: list[Item], text: str, extractor: str) -> list[Failure]:
    failures: list[Failure] = []
    cursor = 0
    for item in items:
        start, end, after_bullet = cursor, cursor, cursor
        for one in item.fields:
            wanted = normalise(one.text)
            position = text.find(wanted, after_bullet if one.in_sequence else start)
            if position < 0:
                failures.append(_failure(one, extractor, text, wanted, start))
                continue
            end = max(end, position + len(wanted))
            if one.in_sequence:
                after_bullet = position + len(wanted)
        cursor = end
    return failures


def _failure(one: Field, extractor: str, text: str, wanted: str, start: int) -> Failure:
    if text.find(wanted) >= 0:
        return Failure(one, extractor, "out of order", _around(text, text.find(wanted)))
    # Show where its first words came back, if they did: that is what a parser saw instead.
    head = " ".join(wanted.split()[:2])[:20]
    position = text.find(head, start) if head else -1
    if position < 0:
        position = text.find(head) if head else -1
    return Failure(one, extractor, "missing", _around(text, position) if position >= 0 else "")


def _around(text: str, position: int) -> str:
    return text[position:position + _SHOWN]


def lost_cjk_text(report: AtsReport, fmt: str) -> bool:
    """True when a PDF lost fields written in Chinese, Japanese or Korean characters: Typst draws
    them as empty boxes when the server has no font for them, and the person should hear why."""
    return fmt == "pdf" and any(
        failure.problem == "missing" and _CJK_CHAR.search(failure.field.text)
        and not _CJK_CHAR.search(failure.came_back)
        for failure in report.failures)


def headline(report: AtsReport) -> str:
    """``ATS check: 42/42 fields read back (pypdf and pdftotext).``; no text of the person's."""
    if report.unreadable is not None:
        return "ATS check: the file could not be read back by its text extractor."
    readers = " and ".join(report.extractors)
    ending = "." if report.passed else "; these did not come back right:"
    return f"ATS check: {report.found}/{report.expected} fields read back ({readers}){ending}"
