"""The one entry point: check a file is what its name says, then hand it to its reader."""

from __future__ import annotations

from pathlib import PurePosixPath

from documents.importers.errors import ImportRefused
from documents.importers.plaintext import check_json, decode_text
from documents.importers.result import DocumentKind, ExtractedText, normalise_text
from documents.importers.sniff import DESCRIPTIONS, Sniffed, sniff
from documents.markdown.comments import strip_html_comments

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
ACCEPTED_EXTENSIONS: dict[str, DocumentKind] = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".json": "json",
}
_ACCEPTED_LIST = " ".join(ACCEPTED_EXTENSIONS)
_EXPECTED: dict[DocumentKind, Sniffed] = {
    "pdf": "pdf", "docx": "zip", "markdown": "text", "text": "text", "json": "text",
}


def extract_text(
    filename: str, data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> ExtractedText:
    """Clean plain text of an uploaded resume, or ImportRefused saying why not and what to do."""
    name = PurePosixPath(filename.replace("\\", "/")).name or "the file"
    found = sniff(data)
    if found == "image":
        raise ImportRefused(_IMAGE.format(name=name))
    kind = _kind_from_bytes(name, found)
    if len(data) > max_bytes:
        raise ImportRefused(
            f"{name} is {_size(len(data))}; the limit is {_size(max_bytes)}. Upload a smaller "
            "file (export the resume again without large images)."
        )
    if not data.strip():
        raise ImportRefused(f"{name} is empty. Check that you chose the right file.")
    _check_contents_match(name, kind, found)
    if kind in ("pdf", "docx"):
        # Loaded with the first file of its kind (pypdf is ~10 MiB), not with the chat code.
        from documents.importers.docx import extract_docx
        from documents.importers.pdf import extract_pdf

        extracted = extract_pdf(data) if kind == "pdf" else extract_docx(data)
        suffix = PurePosixPath(name).suffix.lower()
        if suffix != f".{kind}":
            what = "a PDF" if kind == "pdf" else "a Word (.docx) document"
            extracted.warnings.insert(0, f"{name} is named {suffix or 'without an extension'} "
                                         f"but is {what}; it was read as {what}")
        return extracted
    text = normalise_text(decode_text(data, name))
    warnings: list[str] = []
    if kind == "markdown":
        # Like hidden text in a PDF: a preview never shows it, so it is not the person's resume.
        text, comment_lines = strip_html_comments(text)
        text = normalise_text(text)
        warnings += [f"left out an HTML comment (invisible in a preview) at line {line}"
                     for line in comment_lines]
    if not text:
        raise ImportRefused(f"{name} is empty. Check that you chose the right file.")
    if kind == "json":
        check_json(text, name)
    return ExtractedText(text=text, kind=kind, warnings=warnings)


_IMAGE = ("{name} is an image (a photo or a scanned page). Reading text from images needs OCR, "
          "which Tailor does not do. Upload the resume as a PDF or Word file exported from the "
          "program you wrote it in (not a scan), or paste its text into the chat.")
_DOCUMENT_SUFFIXES = frozenset({".pdf", ".docx", ".doc"})


def _kind_from_bytes(name: str, found: Sniffed) -> DocumentKind:
    """A PDF or a Word document is read as what its bytes are, whatever its name says."""
    suffix = PurePosixPath(name).suffix.lower()
    if found == "pdf":
        return "pdf"
    if found == "zip" and suffix in _DOCUMENT_SUFFIXES:
        return "docx"
    return _kind_from_name(name)


def _kind_from_name(name: str) -> DocumentKind:
    suffix = PurePosixPath(name).suffix.lower()
    if suffix == ".doc":
        raise ImportRefused(
            f"{name} is an old-format Word (.doc) file, which cannot be read. Open it in Word, "
            "LibreOffice or Google Docs, save it as .docx or PDF, and upload that file."
        )
    if suffix not in ACCEPTED_EXTENSIONS:
        shown = f"'{suffix}' files" if suffix else "files without an extension"
        raise ImportRefused(
            f"{name}: {shown} are not accepted. Upload one of: {_ACCEPTED_LIST} "
            "(or paste the text into the chat)."
        )
    return ACCEPTED_EXTENSIONS[suffix]


def _check_contents_match(name: str, kind: DocumentKind, found: Sniffed) -> None:
    if found == _EXPECTED[kind]:
        return
    if kind == "docx" and found == "ole":
        raise ImportRefused(
            f"{name} is an old-format Word (.doc) file or a password-protected Word document "
            "under a .docx name. Open it in Word, remove any password, save it as .docx, and "
            "upload that file."
        )
    if kind == "docx" and found == "empty-zip":
        raise ImportRefused(
            f"{name} is an empty ZIP archive, not a Word document. Open the resume in your word "
            "processor, save it as .docx, and upload that file."
        )
    suffix = PurePosixPath(name).suffix.lower()
    raise ImportRefused(
        f"{name} is named {suffix} but its contents are {DESCRIPTIONS[found]}. Rename it to "
        f"match what it is, or export the resume again as one of: {_ACCEPTED_LIST}."
    )


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MB"
    return f"{count / 1024:.0f} KB" if count >= 1024 else f"{count} bytes"
