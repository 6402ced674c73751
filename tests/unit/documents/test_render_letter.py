"""Cover letters in Word and PDF: every part of the letter, in order, in the resume's style."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from documents.model import CoverLetter
from documents.render import render_cover_letter_docx, render_cover_letter_pdf
from documents.render.samples import sample_cover_letter


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _expected(letter: CoverLetter) -> list[str]:
    return [
        letter.sender_name, letter.sender_email, letter.sender_phone, letter.sender_location,
        "March 14, 2026", letter.recipient_name, letter.company, letter.company_location,
        letter.greeting, *letter.paragraphs, letter.closing, letter.signature,
    ]


def _assert_in_order(text: str, expected: list[str]) -> None:
    flat, position = _flat(text), 0
    for item in expected:
        found = flat.find(_flat(item), position)
        assert found >= 0, f"{item!r} missing or out of order"
        position = found + len(item)


@pytest.mark.parametrize("layout", ["ats", "plain"])
def test_docx_letter_reads_in_order(layout: str) -> None:
    letter = sample_cover_letter()
    document = docx.Document(io.BytesIO(render_cover_letter_docx(letter, layout)))
    _assert_in_order("\n".join(p.text for p in document.paragraphs), _expected(letter))
    title = document.paragraphs[0]
    assert (title.text, title.style.name) == ("Priya Natarajan", "Title")
    assert document.styles["Normal"].font.name == "Calibri"


@pytest.mark.parametrize(("look", "family"), [("classic", "Libertinus"), ("modern", "SourceSans")])
def test_pdf_letter_reads_in_order_in_the_looks_font(
    look: str, family: str, artifacts_dir: Path
) -> None:
    letter = sample_cover_letter()
    data = render_cover_letter_pdf(letter, look)
    reader = PdfReader(io.BytesIO(data))
    _assert_in_order("\n".join(page.extract_text() for page in reader.pages), _expected(letter))
    used = reader.pages[0]["/Resources"]["/Font"].values()
    fonts = [str(font.get_object()["/BaseFont"]) for font in used]
    assert all(family in name for name in fonts)
    assert reader.metadata.title == "Priya Natarajan - Cover letter to Northgate Insurance Group"

    out = artifacts_dir / "render"
    out.mkdir(exist_ok=True)
    pdf = out / f"letter-{look}.pdf"
    pdf.write_bytes(data)
    subprocess.run(["pdftoppm", "-r", "70", "-png", str(pdf), str(out / pdf.stem)],
                   check=True, timeout=60)
    assert len(list(out.glob(f"{pdf.stem}-*.png"))) == len(reader.pages) == 1


def test_letter_without_optional_parts() -> None:
    letter = sample_cover_letter().model_copy(update={
        "sender_email": None, "sender_phone": None, "sender_location": None,
        "recipient_name": None, "company_location": None,
    })
    text = _flat("\n".join(
        page.extract_text()
        for page in PdfReader(io.BytesIO(render_cover_letter_pdf(letter, "modern"))).pages
    ))
    assert "Northgate Insurance Group" in text and " | " not in text
