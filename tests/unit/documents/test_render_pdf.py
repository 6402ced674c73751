"""PDF exports through Typst: literal text, embedded fonts, working links, and page images.

The page images land in test-artifacts/render/ for a person to look at.
"""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from documents.model import Contact, Personal, Project, Resume, Role
from documents.render import ExportOptions, render_pdf
from documents.render.samples import Month, sample_resume, two_page_resume

LOOKS = ["classic", "modern"]
MARKUP_TRAPS = [
    "C# & F# dev #1 with $5 budgets $x^2$",
    "*not bold* _not italic_ `not code` ~tilde~",
    "@not-a-reference <not-a-label> [not content] {not code}",
    "back\\slash \\n and // not a comment /* nor this */",
    "= not a heading",
    "- not a list",
    "+ not numbered",
    '"straight quotes" and \'single\' -- double-dash ... ellipsis',
    "#set text(fill: red) #panic(\"x\")",
]


def _reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in _reader(data).pages)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _trap_resume() -> Resume:
    return Resume(
        personal=Personal(contact=Contact(name="Ana #Lopez_$ <x>", email="a_b*c@example.org"),
                          banner=tuple(MARKUP_TRAPS[:3])),
        roles=(Role(company="[Acme] *Corp* #1", title="Dev_Ops @ $scale", start=Month(year=2020,
                    month=1), tasks=tuple(MARKUP_TRAPS), skills=("C#", "$x$")),),
        projects=(Project(title="// tools \\ stuff", description=("<b>html</b> & #emph[x]",)),),
    )


@pytest.mark.parametrize("look", LOOKS)
def test_markup_characters_render_literally(look: str) -> None:
    resume = _trap_resume()
    text = _flat(_text(render_pdf(resume, ExportOptions(pdf_look=look))))
    expected = [resume.name, resume.personal.contact.email, resume.roles[0].company,
                resume.roles[0].title, *MARKUP_TRAPS, resume.projects[0].title,
                *resume.projects[0].description, "Skills: C#, $x$"]
    for literal in expected:
        assert _flat(literal) in text, literal


def _fonts(data: bytes) -> list[tuple[str, bool]]:
    """(base font name, has an embedded font file) for every font the pages use."""
    found = []
    for page in _reader(data).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            descriptor = described["/FontDescriptor"].get_object()
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found.append((str(font["/BaseFont"]), embedded))
    return found


@pytest.mark.parametrize(("look", "family"), [("classic", "Libertinus"), ("modern", "SourceSans")])
def test_fonts_are_embedded_and_match_the_look(look: str, family: str) -> None:
    fonts = _fonts(render_pdf(sample_resume(), ExportOptions(pdf_look=look)))
    assert fonts and all(embedded for _name, embedded in fonts)
    assert all(family in name for name, _embedded in fonts), fonts


@pytest.mark.parametrize("look", LOOKS)
def test_links_are_clickable_and_metadata_names_the_person(look: str) -> None:
    reader = _reader(render_pdf(sample_resume(), ExportOptions(pdf_look=look)))
    uris = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if annotation.get_object().get("/Subtype") == "/Link"
    ]
    assert "https://github.com/pnatarajan-example" in uris
    assert "https://github.com/pnatarajan-example/transit-validator" in uris
    assert reader.metadata.title == "Priya Natarajan - Resume"
    assert reader.metadata.author == "Priya Natarajan"


def test_looks_differ_but_say_the_same() -> None:
    classic = render_pdf(sample_resume(), ExportOptions(pdf_look="classic"))
    modern = render_pdf(sample_resume(), ExportOptions(pdf_look="modern"))
    assert classic != modern
    # The modern look capitalises headings; otherwise the words are the same.
    assert _flat(_text(classic)).lower() == _flat(_text(modern)).lower()


def test_pages_as_images(artifacts_dir: Path) -> None:
    out = artifacts_dir / "render"
    out.mkdir(exist_ok=True)
    for look in LOOKS:
        for name, resume in (("short", sample_resume()), ("two-page", two_page_resume())):
            pdf = out / f"resume-{name}-{look}.pdf"
            pdf.write_bytes(render_pdf(resume, ExportOptions(pdf_look=look)))
            for old in out.glob(f"{pdf.stem}-*.png"):
                old.unlink()
            subprocess.run(["pdftoppm", "-r", "70", "-png", str(pdf), str(out / pdf.stem)],
                           check=True, timeout=60)
            pages = len(_reader(pdf.read_bytes()).pages)
            images = sorted(out.glob(f"{pdf.stem}-*.png"))
            assert len(images) == pages == (1 if name == "short" else 2)
            assert all(image.stat().st_size > 10_000 for image in images)


@pytest.mark.parametrize("look", LOOKS)
def test_accented_greek_and_cyrillic_names_print(look: str) -> None:
    name = "Zoë Łukasiewicz-Ærø Δημήτρης Дмитрий"
    resume = Resume(personal=Personal(contact=Contact(name=name, location="Kraków, Polska")))
    text = _flat(_text(render_pdf(resume, ExportOptions(pdf_look=look))))
    assert name in text and "Kraków, Polska" in text
