"""How long exporting a two-page resume takes, and how Typst compares with WeasyPrint.

Two pages: 6 roles of 5 bullets, 2 projects, 2 degrees, 2 certifications
(documents.render.samples.two_page_resume). Prints the median of repeated runs for Word (both
layouts) and PDF (both looks) against the 50 ms target, then renders the same resume from
equivalent HTML through WeasyPrint in the same process and prints the ratio. WeasyPrint is only
in the `bench` extra; without it the comparison is skipped with a message.

It also times the first PDF export of a fresh process (median of 5 processes), with and without
the warm-up the app starts in the background at start (documents.render.warmup), against the
100 ms target for the first export after start.
"""

from __future__ import annotations

import html
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

from documents.model import Resume
from documents.render import ExportOptions, render_docx, render_pdf
from documents.render.layout import numeric_span, worded_span
from documents.render.samples import two_page_resume

TARGET_MS = 50.0
RUNS = 25
WANTED_SPEEDUP = 10.0
FIRST_EXPORT_TARGET_MS = 100.0
FRESH_PROCESSES = 5

# Run in a fresh interpreter: imports the renderer (as the app does before start), optionally
# warms up and waits for it (as if the person's first export came after the background warm-up
# finished), then prints how long the first PDF export took in milliseconds.
FIRST_EXPORT_SCRIPT = """
import sys, time
from documents.render import ExportOptions, render_pdf
from documents.render.samples import two_page_resume
from documents.render.warmup import warm_up_exports
resume = two_page_resume()
if sys.argv[1] == "warm":
    warm_up_exports()
start = time.perf_counter()
render_pdf(resume, ExportOptions(pdf_look="classic"))
print((time.perf_counter() - start) * 1000)
"""


def first_export_ms(warm: bool) -> float:
    """Milliseconds of the first PDF export in a new Python process."""
    result = subprocess.run(
        [sys.executable, "-c", FIRST_EXPORT_SCRIPT, "warm" if warm else "cold"],
        capture_output=True, text=True, check=True,
    )
    return float(result.stdout.strip().splitlines()[-1])


def report_first_export() -> None:
    print(f"First PDF export in a fresh process (median of {FRESH_PROCESSES} processes):")
    for warm in (False, True):
        ms = statistics.median(first_export_ms(warm) for _ in range(FRESH_PROCESSES))
        label = "after warm-up" if warm else "without warm-up"
        verdict = "ok" if ms <= FIRST_EXPORT_TARGET_MS else "OVER TARGET"
        print(f"  {label:<22} {ms:6.1f} ms  (target {FIRST_EXPORT_TARGET_MS:.0f} ms: {verdict})")


def median_ms(work: Callable[[], object], runs: int = RUNS) -> float:
    work()  # warm caches (fonts, templates) the way a running server has them
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def resume_html(resume: Resume) -> str:
    """The same content and structure as the classic PDF, as a single-column HTML page."""
    e = html.escape
    contact = resume.personal.contact
    parts = [
        "<html><head><style>@page{size:letter;margin:0.5in}"
        "body{font-family:serif;font-size:10.5pt}h1{text-align:center;font-weight:normal}"
        "h2{font-size:11.5pt;border-bottom:0.6pt solid black}.r{float:right}"
        "ul{margin:2pt 0}</style></head><body>",
        f"<h1>{e(contact.name)}</h1>",
        "<p style='text-align:center'>"
        + e(" | ".join(filter(None, [contact.email, contact.phone, contact.location])))
        + "</p>",
        *(f"<p>{e(line)}</p>" for line in resume.personal.banner),
        "<h2>Education</h2>",
    ]
    for degree in resume.degrees:
        parts.append(f"<p><b>{e(degree.school)}</b><span class=r>"
                     f"{e(worded_span(degree.start, degree.end))}</span><br>"
                     f"<i>{e(degree.degree or '')}, {e(degree.major or '')}</i></p>")
    parts.append("<h2>Certifications</h2>")
    for cert in resume.certifications:
        parts.append(f"<p><b>{e(cert.name)}</b><br><i>{e(cert.issuer or '')}</i></p>")
    parts.append("<h2>Work History</h2>")
    for role in resume.roles:
        bullets = "".join(f"<li>{e(task)}</li>" for task in role.tasks)
        parts.append(
            f"<p><b>{e(role.title)}</b> ({e(role.employment_type or '')})<span class=r>"
            f"{e(role.company)}</span><br><i>{e(worded_span(role.start, role.end))}</i>"
            f"<span class=r>{e(role.location or '')}</span></p><ul>{bullets}</ul>"
            f"<p><small><i>Skills: {e(', '.join(role.skills))}</i></small></p>"
        )
    parts.append("<h2>Projects</h2>")
    for project in resume.projects:
        lines = "<br>".join(e(line) for line in project.description)
        parts.append(f"<p><b>{e(project.title)}</b><span class=r>"
                     f"{e(numeric_span(project.start, project.end))}</span><br>{lines}</p>")
    parts.append("</body></html>")
    return "".join(parts)


def main() -> int:
    resume = two_page_resume()
    print(f"Two-page resume: {len(resume.roles)} roles x {len(resume.roles[0].tasks)} bullets, "
          f"{len(resume.projects)} projects, {len(resume.degrees)} degrees, "
          f"{len(resume.certifications)} certifications; median of {RUNS} warm runs")

    start = time.perf_counter()
    render_pdf(resume, ExportOptions(pdf_look="classic"))
    first_ms = (time.perf_counter() - start) * 1000
    print(f"  first PDF in this process (loads fonts): {first_ms:6.1f} ms")

    def docx(layout: str) -> Callable[[], bytes]:
        return lambda: render_docx(resume, ExportOptions(word_layout=layout))

    def pdf(look: str) -> Callable[[], bytes]:
        return lambda: render_pdf(resume, ExportOptions(pdf_look=look))

    results = {
        "Word ATS_FRIENDLY": median_ms(docx("ats")),
        "Word PLAIN": median_ms(docx("plain")),
        "PDF classic (Typst)": median_ms(pdf("classic")),
        "PDF modern (Typst)": median_ms(pdf("modern")),
    }
    for name, ms in results.items():
        verdict = "ok" if ms <= TARGET_MS else "OVER TARGET"
        print(f"  {name:<22} {ms:6.1f} ms  (target {TARGET_MS:.0f} ms: {verdict})")
    report_first_export()

    try:
        import weasyprint
    except ImportError:
        print("WeasyPrint is not installed; skipping the comparison "
              "(install it with: .venv/bin/pip install -e '.[bench]').")
        return 0
    page = resume_html(resume)
    weasy_ms = median_ms(lambda: weasyprint.HTML(string=page).write_pdf(), runs=max(5, RUNS // 3))
    typst_ms = results["PDF classic (Typst)"]
    ratio = weasy_ms / typst_ms
    verdict = "ok" if ratio >= WANTED_SPEEDUP else "BELOW WANTED"
    print(f"  {'PDF via WeasyPrint':<22} {weasy_ms:6.1f} ms")
    print(f"  Typst is {ratio:.1f}x faster than WeasyPrint "
          f"(wanted >= {WANTED_SPEEDUP:.0f}x: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
