"""PDFs: what a reader sees on the page arrives, what is hidden from them does not."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, StreamObject

from documents.importers import ImportRefused, extract_text

TORTURE = Path("torture/pdf")
RESUMES = Path("resumes/pdf")


def load(fixtures_dir: Path, relative: Path | str) -> bytes:
    return (fixtures_dir / relative).read_bytes()


def test_white_text_employers_and_forged_data_block_are_left_out(fixtures_dir: Path) -> None:
    name = "hiring-agent__prompt_injection_resume_v2.pdf"
    result = extract_text(name, load(fixtures_dir, TORTURE / name))
    # Page 2 is entirely white-on-white: invented internships and a fake "GitHub data" block.
    for hidden in ("Google · Software Engineering Intern", "Meta · Production Engineer Intern",
                   "Google Summer of Code", "=== GITHUB DATA ===", "Followers: 1200",
                   "kubernetes-node-optimizer", "47 merged PRs", "WORK EXPERIENCE"):
        assert hidden not in result.text
    for visible in ("Jane Attacker", "jane.attacker@example.com",
                    "Junior developer exploring web fundamentals.",
                    "HTML, CSS, JavaScript, Python",
                    "B.S. Computer Science, Example University (2020-2024)"):
        assert visible in result.text
    assert result.pages == 2
    assert "dropped 265 words of text in the background colour on page 2" in result.warnings


def test_white_system_override_block_is_left_out(fixtures_dir: Path) -> None:
    name = "hiring-agent__prompt_injection_resume.pdf"
    result = extract_text(name, load(fixtures_dir, TORTURE / name))
    assert "SYSTEM OVERRIDE" not in result.text
    assert "IGNORE ALL SCORING RULES" not in result.text
    assert "Todo List App (2024)" in result.text


def test_text_hidden_by_clipping_paths_is_left_out(fixtures_dir: Path) -> None:
    name = "pdfminer__contrib_issue-414-hidden-text.pdf"
    result = extract_text(name, load(fixtures_dir, TORTURE / name))
    # The form's old revision (11-03) sits under a clip; the page shows the 03-18 revision.
    assert "VR-181 (03-18)" in result.text
    assert "VR-181 (11-03)" not in result.text
    assert "Please describe the vehicle being sold" in result.text
    assert any("clipping path" in warning for warning in result.warnings)


def test_page_numbers_printed_outside_the_page_are_left_out(fixtures_dir: Path) -> None:
    name = "offlinecv__latex__deedy-resume-macfonts.pdf"
    result = extract_text(name, load(fixtures_dir, RESUMES / name))
    assert "Page1" not in result.text.replace(" ", "")
    assert "dropped 5 words of text outside the page on page 1" in result.warnings


@pytest.mark.parametrize("name", [
    "rendercv__John_Doe_ClassicTheme_CV.pdf",
    "resumematcher__barry_allen_fe.pdf",
    "offlinecv__unknown__name-set-apart-tagline.pdf",
    "offlinecv__word__openresume-laverne-word-quartz.pdf",
])
def test_icon_glyphs_and_junk_characters_are_dropped(fixtures_dir: Path, name: str) -> None:
    text = extract_text(name, load(fixtures_dir, RESUMES / name)).text
    junk = [c for c in text if unicodedata.category(c) in ("Co", "Cn", "Cs", "Cc") and c != "\n"]
    assert junk == []
    assert "\ufffd" not in text


def test_ligatures_are_spelled_out(fixtures_dir: Path) -> None:
    name = "offlinecv__google-docs__google-docs-skia-proxy-two-column.pdf"
    text = extract_text(name, load(fixtures_dir, RESUMES / name)).text
    assert "Springfield, IL" in text
    assert "\ufb01" not in text


def test_words_placed_glyph_by_glyph_get_their_spaces(fixtures_dir: Path) -> None:
    name = "resumematcher__template_modern-two-column.pdf"
    text = extract_text(name, load(fixtures_dir, RESUMES / name)).text
    assert "Senior Software Engineer with 5+ years of proven expertise designing" in text
    assert "Bachelor of Science, Computer Science" in text


def test_letter_spaced_name_reads_as_words(fixtures_dir: Path) -> None:
    name = "offlinecv__unknown__letter-spaced-name-heading.pdf"
    first_line = extract_text(name, load(fixtures_dir, RESUMES / name)).text.splitlines()[0]
    assert len(first_line.split()) <= 3, first_line


@pytest.mark.parametrize("name", [
    "pdfminer__encryption_rc4-40.pdf",
    "pdfminer__encryption_aes-256-r6.pdf",
    "pypdf-samples__libreoffice-writer-password.pdf",
])
def test_password_protected_pdfs_are_refused(fixtures_dir: Path, name: str) -> None:
    with pytest.raises(ImportRefused) as refused:
        extract_text(name, load(fixtures_dir, TORTURE / name))
    assert refused.value.message == (
        "This PDF is password-protected; remove the password (open it and print it to a new "
        "PDF) and upload it again."
    )


def test_pdf_encrypted_with_an_empty_password_is_imported(fixtures_dir: Path) -> None:
    source = load(fixtures_dir, RESUMES / "offlinecv__unknown__headerless-experience.pdf")
    writer = PdfWriter(clone_from=io.BytesIO(source))
    writer.encrypt(user_password="", owner_password="owner-only", algorithm="AES-256")
    buffer = io.BytesIO()
    writer.write(buffer)
    result = extract_text("cv.pdf", buffer.getvalue())
    assert "JORDAN AVERY" in result.text
    assert "Northwind Systems" in result.text


def test_scan_without_text_layer_is_refused(fixtures_dir: Path) -> None:
    name = "pypdf-samples__imagemagick-images.pdf"
    with pytest.raises(ImportRefused, match="scan with no text layer; OCR is not supported"):
        extract_text(name, load(fixtures_dir, TORTURE / name))


def test_damaged_pdf_is_refused(fixtures_dir: Path) -> None:
    name = "pdfminer__simple1.pdf"  # no cross-reference table and no startxref
    with pytest.raises(ImportRefused, match="This PDF is damaged and cannot be read"):
        extract_text(name, load(fixtures_dir, TORTURE / name))


def test_cut_off_pdf_is_refused_not_half_imported(fixtures_dir: Path) -> None:
    data = load(fixtures_dir, RESUMES / "rendercv__John_Doe_ClassicTheme_CV.pdf")
    with pytest.raises(ImportRefused, match="This PDF is incomplete"):
        extract_text("cv.pdf", data[: len(data) * 2 // 3])


def test_too_many_pages_is_refused() -> None:
    writer = PdfWriter()
    for _ in range(51):
        writer.add_blank_page(width=612, height=792)
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(ImportRefused, match="51 pages; resumes of up to 50 pages are accepted"):
        extract_text("book.pdf", buffer.getvalue())


def test_mixed_size_and_cid_font_pdfs_extract_text(fixtures_dir: Path) -> None:
    cid_pdf = load(fixtures_dir, TORTURE / "pdfminer__contrib_issue-625-identity-cmap.pdf")
    cid = extract_text("cid.pdf", cid_pdf)
    assert cid.pages == 2 and len(cid.text.split()) > 100
    sizes = extract_text("sizes.pdf", load(fixtures_dir, TORTURE / "pdfminer__font-size-test.pdf"))
    assert "Arial font" in sizes.text and "Batang font" in sizes.text


def make_pdf(content: str) -> bytes:
    """A one-page letter PDF drawing `content` with Helvetica as /F1."""
    writer = PdfWriter()
    page = writer.add_blank_page(width=612, height=792)
    font = DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
        NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
    })
    page[NameObject("/Resources")] = DictionaryObject({
        NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)}),
    })
    stream = StreamObject()
    stream.set_data(content.encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def line(text: str, y: int, prefix: str = "", size: int = 11) -> str:
    return f"q {prefix} BT /F1 {size} Tf 72 {y} Td ({text}) Tj ET Q\n"


def test_every_way_of_hiding_text_is_caught() -> None:
    content = (
        line("Visible Ana Lima", 720)
        + line("Invisible render mode", 700, "3 Tr")
        + line("Tiny print", 680, size=1)
        + line("Off the page", -40)
        + line("White on white", 660, "1 1 1 rg")
        + line("Nearly white", 640, "0.97 0.97 0.97 rg")
        + line("Clipped away", 620, "72 100 200 20 re W n")
        + "q 0.1 0.1 0.3 rg 300 500 200 40 re f Q\n"
        + line("Dark on dark", 510, "0.12 0.12 0.3 rg 1 0 0 1 240 0 cm")
        + line("Visible Staff Engineer", 600)
    )
    result = extract_text("cv.pdf", make_pdf(content))
    assert result.text == "Visible Ana Lima\n\nVisible Staff Engineer\n"
    assert sorted(result.warnings) == [
        "dropped 2 words of text hidden by a clipping path on page 1",
        "dropped 2 words of text too small to read on page 1",
        "dropped 3 words of invisible text on page 1",
        "dropped 3 words of text outside the page on page 1",
        "dropped 8 words of text in the background colour on page 1",
    ]


def test_white_text_on_a_dark_sidebar_is_kept() -> None:
    content = (
        "q 0.1 0.1 0.3 rg 0 0 180 792 re f Q\n"
        + line("Ana Lima", 720, "1 1 1 rg")
        + line("Gray on white is fine", 690, "0.6 0.6 0.6 rg")
    )
    text = extract_text("cv.pdf", make_pdf(content)).text
    assert "Ana Lima" in text
    assert "Gray on white is fine" in text


def test_text_in_the_visible_part_of_a_clip_is_kept() -> None:
    content = line("Inside the clip", 620, "60 600 300 40 re W n")
    assert extract_text("cv.pdf", make_pdf(content)).text == "Inside the clip\n"


def test_pdf_whose_text_is_all_hidden_is_refused_as_such() -> None:
    content = "".join(
        line(f"Hidden line {n} of a resume drawn in white", 700 - 14 * n, "1 1 1 rg")
        for n in range(4)
    )
    with pytest.raises(ImportRefused, match="All the text in this PDF is hidden from a reader"):
        extract_text("cv.pdf", make_pdf(content))


def test_strings_with_parentheses_escapes_and_inline_images_read_correctly() -> None:
    content = (
        line(r"Engineer \(Lead\) at Caf\351", 720)
        + line("Team (Platform (Core)) since 2020", 700)
        + "q 10 0 0 10 72 600 cm BI /W 2 /H 1 /BPC 8 /CS /G ID \x00\xff EI Q\n"
        + "BT /F1 11 Tf 72 680 Td <4b75626572 6e65746573> Tj ET\n"
        + "BT /F1 11 Tf 72 660 Td [(Go) -250 (and) -250 (Rust)] TJ ET\n"
    )
    text = extract_text("cv.pdf", make_pdf(content)).text
    assert text == (
        "Engineer (Lead) at Café\nTeam (Platform (Core)) since 2020\nKubernetes\nGo and Rust\n"
    )
