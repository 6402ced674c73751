"""The warm-up the app starts at start is what the person's first export then reuses.

It runs in a fresh interpreter, because the pytest process has usually exported already and is
warm either way. On this box loading the fonts is quick (first export ~25 ms cold, ~12 ms warm),
too close for a timing assertion that holds under load, so the test checks what makes exports
fast: the compiler (fonts, templates) and the styled Word template are built once, by the
warm-up thread, and reused by the export that follows.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

FIRST_EXPORT = """
import json, threading
import documents.render.warmup as warmup
ran_on = []
real_warm_up = warmup.warm_up_exports
def watched():
    ran_on.append(threading.get_ident())
    real_warm_up()
warmup.warm_up_exports = watched
from assistant.warmup import start_export_warm_up
from documents.render import ExportOptions, render_docx, render_pdf
from documents.render import docx_common, pdf
from documents.render.samples import two_page_resume

resume = two_page_resume()
thread = start_export_warm_up()
thread.join(timeout=120)
built_by_warm_up = pdf._compiler.cache_info().misses
warmed = pdf._compiler()
render_pdf(resume, ExportOptions(pdf_look="modern"))
render_docx(resume, ExportOptions(word_layout="plain"))
print(json.dumps({
    "finished": not thread.is_alive(),
    "warmed_on_another_thread": ran_on != [] and threading.get_ident() not in ran_on,
    "compilers_built_by_warm_up": built_by_warm_up,
    "compilers_built_in_all": pdf._compiler.cache_info().misses,
    "same_compiler": pdf._compiler() is warmed,
    "word_templates_built": docx_common._base_document.cache_info().misses,
}))
"""


def test_the_start_warm_up_builds_the_exporters_that_later_exports_reuse() -> None:
    result = subprocess.run([sys.executable, "-c", FIRST_EXPORT], cwd=ROOT,
                            capture_output=True, text=True, timeout=180, check=True)
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["finished"], "the warm-up thread did not finish"
    assert seen["compilers_built_by_warm_up"] == 1, "the warm-up did not load the fonts"
    assert seen["compilers_built_in_all"] == 1, "the first export loaded the fonts again"
    assert seen["same_compiler"]
    assert seen["word_templates_built"] == 2, "one Word template per paper size, built once"
    # Start does not wait for the fonts: the work runs on the warm-up thread, not the caller's.
    assert seen["warmed_on_another_thread"]
