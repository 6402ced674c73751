"""PDF bytes to reading-order text, leaving out what a reader of the page cannot see."""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import replace

from pypdf import PdfReader, apply_configuration
from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

from documents.importers.errors import ImportRefused
from documents.importers.pdf_content import TextRun, page_text_runs
from documents.importers.pdf_layout import clean_glyphs, page_lines
from documents.importers.result import ExtractedText, normalise_text

MAX_PAGES = 50
# pypdf's own limits allow 75 MB per stream and copy it several times (about 145 MB peak for one
# hostile page); a resume's page content is a few hundred kilobytes, so far lower limits cost a
# real file nothing. The page-tree limit backs up the declared-count check when /Count lies.
_PARSER_LIMITS = {
    "zlib_maximum_output_length": 8_000_000,
    "lzw_maximum_output_length": 8_000_000,
    "run_length_maximum_output_length": 8_000_000,
    "array_based_stream_maximum_output_length": 8_000_000,
    "stream_decoding_work_maximum_length": 40_000_000,
    "page_tree_maximum_page_entries": 20 * MAX_PAGES,
}
HIDDEN_RESUME_WORDS = 20
# pypdf raises its own errors, and on malformed objects a few builtins (even AssertionError on
# a bad object stream), when a file is broken, including its safety limits (LimitReachedError);
# they mean "broken file", not a bug here.
_PARSER_ERRORS = (PyPdfError, ValueError, KeyError, TypeError, IndexError, AttributeError,
                  AssertionError, RecursionError, NotImplementedError, ZeroDivisionError,
                  OverflowError)

_PROTECTED = ("This PDF is password-protected; remove the password (open it and print it to a new "
              "PDF) and upload it again.")
_CORRUPT = ("This PDF is damaged and cannot be read ({detail}). Open it in a PDF viewer and save "
            "or print it to a new PDF, or export the resume from the program you wrote it in, "
            "and upload it again.")
_TRUNCATED = ("This PDF is incomplete: it stops before its end, as if the upload or download was "
              "cut off. Download or export the PDF again and upload the complete file.")
_TOO_MANY = ("This PDF has {count} pages; resumes of up to " + str(MAX_PAGES) + " pages are "
             "accepted. Upload the resume on its own, not a whole portfolio or book.")
_EOF_WINDOW = 2048  # writers may put a little padding after the end-of-file marker
_ALL_HIDDEN = ("All the text in this PDF is hidden from a reader (white on white, clipped, off "
               "the page or invisible), so there is nothing to import. Export your resume to PDF "
               "again from the program you wrote it in, or paste the text instead.")
_SCANNED = ("This PDF is a scan with no text layer; OCR is not supported. Export the text version "
            "of your resume (from Word, Google Docs or similar) or paste the text instead.")


def extract_pdf(data: bytes) -> ExtractedText:
    if b"%%EOF" not in data[-_EOF_WINDOW:]:
        # pypdf would rebuild what it can of a cut-off file; half a resume is worse than none.
        raise ImportRefused(_TRUNCATED)
    with apply_configuration(**_PARSER_LIMITS):
        return _extract(data)


def _extract(data: bytes) -> ExtractedText:
    reader = _open(data)
    _refuse_declared_page_count(reader)
    try:
        page_count = len(reader.pages)
    except _PARSER_ERRORS as error:
        raise ImportRefused(_CORRUPT.format(detail=_describe(error))) from error
    if page_count == 0:
        raise ImportRefused("This PDF has no pages. Check that you chose the right file.")
    if page_count > MAX_PAGES:
        raise ImportRefused(_TOO_MANY.format(count=page_count))
    page_texts: list[str] = []
    warnings: list[str] = []
    hidden_words = 0
    for number in range(1, page_count + 1):
        try:
            runs = page_text_runs(reader, reader.pages[number - 1])
        except _PARSER_ERRORS as error:
            raise ImportRefused(
                _CORRUPT.format(detail=f"page {number}: {_describe(error)}")
            ) from error
        visible, page_warnings = _visible_runs(runs, number)
        warnings += page_warnings
        hidden_words += sum(len(run.text.split()) for run in runs if run.hidden_because)
        page_texts.append("\n".join(page_lines(visible)))
    text = normalise_text("\n\n".join(page_texts))
    if not text.strip():
        # A scan may carry a stray hidden label ("Background" off the page); a resume's worth of
        # hidden words is a different problem with a different fix.
        raise ImportRefused(_ALL_HIDDEN if hidden_words >= HIDDEN_RESUME_WORDS else _SCANNED)
    return ExtractedText(text=text, kind="pdf", pages=page_count, warnings=warnings)


def _refuse_declared_page_count(reader: PdfReader) -> None:
    """Counting the pages walks the whole page tree (seconds for thousands of pages); the count
    the file declares is free, and a real resume's is right."""
    try:
        declared = reader.trailer["/Root"]["/Pages"]["/Count"]
    except _PARSER_ERRORS:
        return  # a broken tree is reported by the full count below
    if isinstance(declared, int) and declared > MAX_PAGES:
        raise ImportRefused(_TOO_MANY.format(count=declared))


def _open(data: bytes) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(data))
        encrypted = reader.is_encrypted
    except _PARSER_ERRORS as error:
        raise ImportRefused(_CORRUPT.format(detail=_describe(error))) from error
    if encrypted:
        # Many generators encrypt with an empty user password just to set permissions; such a
        # file opens in every viewer without a prompt, so it is imported like any other.
        try:
            opened = reader.decrypt("")
        except (FileNotDecryptedError, DependencyError, NotImplementedError) as error:
            raise ImportRefused(_PROTECTED) from error
        except _PARSER_ERRORS as error:
            raise ImportRefused(_CORRUPT.format(detail=_describe(error))) from error
        if not opened:
            raise ImportRefused(_PROTECTED)
    return reader


def _visible_runs(runs: list[TextRun], page_number: int) -> tuple[list[TextRun], list[str]]:
    hidden_words: Counter[str] = Counter()
    junk_glyphs = 0
    visible: list[TextRun] = []
    for run in runs:
        if run.hidden_because is not None:
            hidden_words[run.hidden_because] += len(run.text.split())
            continue
        text, dropped = clean_glyphs(run.text)
        junk_glyphs += dropped
        if text.strip():
            visible.append(replace(run, text=text))
    warnings = [
        f"dropped {count} words of {reason} on page {page_number}"
        for reason, count in hidden_words.items()
        if count
    ]
    if junk_glyphs:
        warnings.append(f"dropped {junk_glyphs} icon or unreadable glyphs on page {page_number}")
    return visible, warnings


def _describe(error: BaseException) -> str:
    detail = str(error).strip() or type(error).__name__
    return detail if len(detail) <= 120 else detail[:117] + "..."
