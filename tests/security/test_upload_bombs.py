"""Hostile uploads are refused quickly, with bounded memory, and by content rather than name.

Each file is imported in its own child process so its peak memory can be measured; the figures
are printed (run with -s to see them) and bounded here.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import docx
import pypdf
import pytest
from pypdf.generic import NameObject, NumberObject

PROBE = Path(__file__).with_name("upload_probe.py")
ROOT = Path(__file__).resolve().parents[2]
MAX_SECONDS = 3.0
MAX_EXTRA_MB = 120
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _word_package(document_xml: bytes | None = None, *, extra: int = 0) -> bytes:
    """A real .docx from python-docx, with its main part replaced and `extra` empty parts."""
    base = io.BytesIO()
    page = docx.Document()
    page.add_paragraph("Mara Quillon, Data Engineer")
    page.save(base)
    out = io.BytesIO()
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "word/document.xml" and document_xml is not None:
                content = document_xml
            zf.writestr(item.filename, content)
        for number in range(extra):
            zf.writestr(f"extra/part{number}.xml", b"")
    return out.getvalue()


def _body(inner: str) -> bytes:
    return f'<w:document {W}><w:body>{inner}</w:body></w:document>'.encode()


def _honest_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_word_package())) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for item in source.infolist():
            if item.filename == "word/document.xml":
                with zf.open(item.filename, "w", force_zip64=True) as member:
                    member.write(_body("<w:p><w:r><w:t>"))
                    for _ in range(100):
                        member.write(b" " * (1024 * 1024))
                    member.write(b"</w:t></w:r></w:p></w:body></w:document>")
            else:
                zf.writestr(item.filename, source.read(item))
    return out.getvalue()


def _lying_bomb() -> bytes:
    """50 MB of XML whose local and central headers both claim 2,000 bytes."""
    text = _body("<w:p><w:r><w:t>" + "A" * (50 * 1024 * 1024) + "</w:t></w:r></w:p>")
    data = bytearray(_word_package(text))
    real = len(text).to_bytes(4, "little")
    fake = (2000).to_bytes(4, "little")
    assert data.count(real) == 2
    return bytes(data.replace(real, fake))


def _deep(levels: int) -> bytes:
    opening = "<w:sdt><w:sdtContent>" * levels
    closing = "</w:sdtContent></w:sdt>" * levels
    return _word_package(_body(opening + "<w:p><w:r><w:t>deep</w:t></w:r></w:p>" + closing))


def _deep_tables(levels: int) -> bytes:
    opening = "<w:tbl><w:tr><w:tc>" * levels
    closing = "</w:tc></w:tr></w:tbl>" * levels
    return _word_package(_body(opening + "<w:p><w:r><w:t>cell</w:t></w:r></w:p>" + closing))


def _laughs() -> bytes:
    entities = '<!ENTITY a0 "ha">' + "".join(
        f'<!ENTITY a{i} "&a{i - 1};&a{i - 1};&a{i - 1};&a{i - 1};&a{i - 1};">'
        for i in range(1, 30))
    xml = (f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]>'
           f'<w:document {W}><w:body><w:p><w:r><w:t>&a29;</w:t></w:r></w:p></w:body>'
           "</w:document>")
    return _word_package(xml.encode())


def _pdf(pages: int, *, declared: int | None = None) -> bytes:
    writer = pypdf.PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(612, 792)
    if declared is not None:
        writer._root_object["/Pages"].get_object()[NameObject("/Count")] = NumberObject(declared)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _pdf_claiming(count: int) -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(612, 792)
    writer._root_object["/Pages"].get_object()[NameObject("/Count")] = NumberObject(count)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _pdf_stream_bomb() -> bytes:
    """One page whose content stream inflates to 300 MB of spaces."""
    writer = pypdf.PdfWriter()
    page = writer.add_blank_page(612, 792)
    import zlib

    squeeze = zlib.compressobj(9)
    packed = squeeze.compress(b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET\n")
    chunk = b" " * (1024 * 1024)
    packed += b"".join(squeeze.compress(chunk) for _ in range(300)) + squeeze.flush()
    stream = pypdf.generic.StreamObject()
    stream._data = packed
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _pdf_page_tree_loop() -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(612, 792)
    reference = writer._root_object.raw_get("/Pages")
    pages = reference.get_object()
    pages[NameObject("/Kids")].append(reference)  # the tree contains itself
    pages[NameObject("/Count")] = NumberObject(2)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _cases(fixtures_dir: Path) -> dict[str, tuple[str, bytes, str]]:
    """label -> (upload name, bytes, what must happen: 'refused' or 'accepted')."""
    pdf = (fixtures_dir / "torture/pdf/pypdf-samples__crazyones-pdfa.pdf").read_bytes()
    return {
        "zip bomb, honest sizes (100 MB XML)": ("cv.docx", _honest_bomb(), "refused"),
        "zip bomb, headers lie (50 MB as 2 KB)": ("cv.docx", _lying_bomb(), "refused"),
        "docx with 5,000 parts": ("cv.docx", _word_package(extra=5000), "refused"),
        "docx XML nested 20,000 deep": ("cv.docx", _deep(20_000), "refused"),
        "docx tables nested 80 deep": ("cv.docx", _deep_tables(80), "accepted"),
        "docx entity expansion (5^29 laughs)": ("cv.docx", _laughs(), "either"),
        "oversized text (11 MB)": ("cv.md", b"# Resume\n" + b"x" * (11 * 1024 * 1024), "refused"),
        "PDF claiming a billion pages": ("cv.pdf", _pdf_claiming(10**9), "refused"),
        "PDF with 5,000 real pages": ("cv.pdf", _pdf(5000), "refused"),
        "PDF with 5,000 pages declaring 1": ("cv.pdf", _pdf(5000, declared=1), "refused"),
        "PDF stream inflating to 300 MB": ("cv.pdf", _pdf_stream_bomb(), "either"),
        "PDF page tree containing itself": ("cv.pdf", _pdf_page_tree_loop(), "either"),
        # A file's kind comes from its bytes: a PDF under another name is read as a PDF, with
        # every limit of the PDF reader (the warning says what it was).
        "PDF named .docx": ("cv.docx", pdf, "accepted"),
        "PDF named .md": ("cv.md", pdf, "accepted"),
        "ELF program named .pdf": ("cv.pdf", b"\x7fELF\x02\x01\x01" + bytes(4000), "refused"),
        "JPEG named .txt": ("cv.txt", b"\xff\xd8\xff\xe0" + bytes(2000), "refused"),
        "plain ZIP named .docx": ("cv.docx", _zip_of_text(), "refused"),
        "HTML named .json": ("cv.json", b"<html><script>alert(1)</script></html>", "refused"),
    }


def _zip_of_text() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("notes.txt", "Mara Quillon")
    return out.getvalue()


def _probe(name: str, path: Path) -> dict:
    result = subprocess.run([sys.executable, str(PROBE), name, str(path)], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, f"{path.name} crashed the importer:\n{result.stderr[-2000:]}"
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.timeout(180)
def test_hostile_uploads_are_refused_quickly_with_bounded_memory(
    fixtures_dir: Path, tmp_path: Path
) -> None:
    cases = _cases(fixtures_dir)
    paths = {}
    for number, (label, (_name, data, _)) in enumerate(cases.items()):
        paths[label] = tmp_path / f"case{number}"
        paths[label].write_bytes(data)
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = dict(zip(cases, pool.map(lambda label: _probe(cases[label][0], paths[label]),
                                           cases), strict=True))
    print("\nupload attack | size | outcome | seconds | Python peak MB | RSS rise MB")
    problems = []
    for label, (_name, data, expected) in cases.items():
        got = results[label]
        print(f"{label} | {len(data) / 1024:.0f} KB | {got['outcome']} | {got['seconds']} | "
              f"{got['python_peak_mb']} | {got['rss_rise_mb']}")
        if expected != "either" and got["outcome"] != expected:
            problems.append(f"{label}: {got['outcome']}: {got['message'][:150]}")
        memory = max(got["python_peak_mb"], got["rss_rise_mb"])
        if got["seconds"] > MAX_SECONDS or memory > MAX_EXTRA_MB:
            problems.append(f"{label}: {got['seconds']} s, {memory} MB")
        if got["outcome"] == "refused":
            assert "Traceback" not in got["message"] and len(got["message"]) > 30, label
            print(f"    -> {got['message_full'][:110]}")
    assert not problems, "\n".join(problems)
