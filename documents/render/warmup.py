"""Export every format once so the first real export of a process is as fast as the later ones.

Typst loads fonts and parses the templates on the first compile; python-docx restyles its
template on first use. Both are cached for the life of the process (``pdf._compiler``,
``docx_common._base_document``), so exporting a fictional resume once at start moves that cost
off the person's first export.
"""

from __future__ import annotations

from documents.render.options import ExportOptions
from documents.render.pdf import render_pdf
from documents.render.samples import sample_resume
from documents.render.word import render_docx


def warm_up_exports() -> None:
    """Render the sample resume in both PDF looks and both Word layouts, discarding the files."""
    resume = sample_resume()
    for look in ("classic", "modern"):
        render_pdf(resume, ExportOptions(pdf_look=look))
    # Each paper size has its own Word template; the two layouts cover both.
    for layout, paper in (("ats", "letter"), ("plain", "a4")):
        render_docx(resume, ExportOptions(word_layout=layout, paper=paper))
