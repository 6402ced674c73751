"""Page counts of every export: is each Word layout within one page of the PDF?

For the sample resumes (short, two-page, full, unusual three-page) and the fixture resumes read
by the structurer, prints the pages of both PDF looks (Typst, read by pypdf) and of both Word
layouts (converted to PDF by LibreOffice, the way a recruiter opening the file sees its pages),
and the ATS check's result and time for each export. Needs LibreOffice (`soffice`) for the Word
pages; without it those columns say so. Fixtures come from ../shared/fixtures when present.
"""

from __future__ import annotations

import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

from documents.model import Resume
from documents.render import ExportOptions, render_docx, render_pdf
from documents.render.ats_check import check_export
from documents.render.samples import full_resume, sample_resume, two_page_resume
from documents.structure.build import structure_text

FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "resumes" / "markdown"
EXPORTS = {
    "pdf-classic": ("pdf", ExportOptions(pdf_look="classic")),
    "pdf-modern": ("pdf", ExportOptions(pdf_look="modern")),
    "docx-ats": ("docx", ExportOptions(word_layout="ats")),
    "docx-plain": ("docx", ExportOptions(word_layout="plain")),
}


def _resumes() -> dict[str, Resume]:
    resumes = {"sample": sample_resume(), "two-page": two_page_resume(), "full": full_resume()}
    for path in sorted(FIXTURES.glob("*.md")) if FIXTURES.is_dir() else []:
        structured = structure_text(path.read_text())
        if structured.resume is not None:
            resumes[path.stem[:24]] = structured.resume
    return resumes


def _pdf_pages(content: bytes) -> int:
    return len(PdfReader(io.BytesIO(content)).pages)


def _docx_pages(content: bytes, soffice: str) -> int:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "resume.docx"
        source.write_bytes(content)
        subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", folder,
                        str(source)], check=True, capture_output=True, timeout=120)
        return _pdf_pages((Path(folder) / "resume.pdf").read_bytes())


def main() -> int:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("LibreOffice (soffice) is not installed: Word page counts are not measured.")
    check_ms: list[float] = []
    worst_gap, unread = 0, 0
    print(f"{'resume':26}" + "".join(f"{name:>13}" for name in EXPORTS) + "   ATS check")
    for label, resume in _resumes().items():
        pages: dict[str, int | None] = {}
        fields = []
        for name, (fmt, options) in EXPORTS.items():
            content = render_pdf(resume, options) if fmt == "pdf" else render_docx(resume, options)
            start = time.perf_counter()
            report = check_export(resume, options, fmt, content)
            check_ms.append((time.perf_counter() - start) * 1000)
            fields.append(f"{report.found}/{report.expected}")
            unread += report.expected - report.found
            if fmt == "pdf":
                pages[name] = _pdf_pages(content)
            else:
                pages[name] = _docx_pages(content, soffice) if soffice else None
        pdf_most = max(pages["pdf-classic"], pages["pdf-modern"])
        for name in ("docx-ats", "docx-plain"):
            if pages[name] is not None:
                worst_gap = max(worst_gap, pages[name] - pdf_most)
        print(f"{label:26}" + "".join(f"{pages[n] if pages[n] is not None else '-':>13}"
                                      for n in EXPORTS) + "   " + " ".join(fields))
    print(f"\nWord pages minus PDF pages, worst case: {worst_gap} (target: at most 1)")
    print(f"fields not read back, all exports: {unread} (target: 0)")
    print(f"ATS check per export: median {statistics.median(check_ms):.1f} ms, "
          f"slowest {max(check_ms):.1f} ms (target: under 50 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
