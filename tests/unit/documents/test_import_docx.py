"""Word files: every word a person typed arrives, in order, and nothing they deleted or hid."""

from __future__ import annotations

import html
import io
import re
import zipfile
from pathlib import Path

import pytest

from documents.importers import ImportRefused, extract_text

TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
REL_TRANSITIONAL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships"


def make_docx(body: str, *, namespace: str = TRANSITIONAL, rel_base: str = REL_TRANSITIONAL,
              parts: dict[str, str] | None = None, bom: bool = False) -> bytes:
    """A minimal but valid .docx whose body is `body` (WordprocessingML with prefix w:)."""
    extra = parts or {}
    relations = "".join(
        f'<Relationship Id="r{i}" Type="{rel_base}/{_part_kind(name)}"'
        f' Target="{name.removeprefix("word/")}"/>'
        for i, name in enumerate(extra)
    )
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{namespace}" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml">'
        f"<w:body>{body}</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel_base}/officeDocument" '
            'Target="word/document.xml"/></Relationships>',
        )
        archive.writestr(
            "word/document.xml", (b"\xef\xbb\xbf" if bom else b"") + document.encode("utf-8")
        )
        archive.writestr(
            "word/_rels/document.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f"{relations}</Relationships>",
        )
        for name, xml in extra.items():
            archive.writestr(name, xml)
    return buffer.getvalue()


def _part_kind(name: str) -> str:
    """word/header1.xml -> header (the last segment of the relationship type)."""
    return re.sub(r"\d*\.xml$", "", name.rsplit("/", 1)[-1])


def paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def words_in_xml(data: bytes, part: str = "word/document.xml") -> list[str]:
    """Every word of every paragraph's <w:t> text, read with regexes, not with the importer."""
    xml = zipfile.ZipFile(io.BytesIO(data)).read(part).decode("utf-8")
    xml = re.sub(r"<w:del\b.*?</w:del>", "", xml, flags=re.S)
    xml = re.sub(r"<w:(?:tab|br|cr)/>", "<w:t> </w:t>", xml)
    words: list[str] = []
    for chunk in xml.split("</w:p>"):
        texts = re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", chunk)
        words += re.findall(r"\w+", html.unescape("".join(texts)))
    return words


@pytest.mark.parametrize("name", [
    "vacancyds__CV10_googledocs_table.docx",
    "vacancyds__CV3_table_header_footer.docx",
    "vacancyds__CV32_twocol_images.docx",
])
def test_every_word_of_tables_and_columns_arrives(fixtures_dir: Path, name: str) -> None:
    data = (fixtures_dir / "resumes" / "docx" / name).read_bytes()
    result = extract_text(name, data)
    found = set(re.findall(r"\w+", result.text))
    missing = [word for word in words_in_xml(data) if word not in found]
    assert result.kind == "docx"
    assert missing == []


def test_table_cells_keep_their_order(fixtures_dir: Path) -> None:
    data = (fixtures_dir / "resumes/docx/vacancyds__CV3_table_header_footer.docx").read_bytes()
    text = extract_text("cv.docx", data).text
    assert text.index("SKILLS SUMMARY") < text.index("EXPERIENCE")
    assert text.index("Naya Technologies") < text.index("Inetex Ltd.")


def test_headers_and_footers_arrive_once_around_the_body() -> None:
    header = f'<w:hdr xmlns:w="{TRANSITIONAL}">{paragraph("Jordan Avery · Resume")}</w:hdr>'
    footer = f'<w:ftr xmlns:w="{TRANSITIONAL}">{paragraph("jordan@example.com")}</w:ftr>'
    data = make_docx(
        paragraph("Experience") + paragraph("Senior QA Engineer"),
        # Two sections repeat the same header, as Word does.
        parts={"word/header1.xml": header, "word/header2.xml": header,
               "word/footer1.xml": footer},
    )
    text = extract_text("cv.docx", data).text
    assert text.count("Jordan Avery · Resume") == 1
    assert text.index("Jordan Avery") < text.index("Senior QA Engineer")
    assert text.rstrip().endswith("jordan@example.com")


def test_text_box_text_arrives_once_without_vml_duplicate() -> None:
    box = (
        "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:wsp>"
        f"<wps:txbx><w:txbxContent>{paragraph('Kubernetes, Terraform, Go')}</w:txbxContent>"
        "</wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>"
        f"<w:txbxContent>{paragraph('Kubernetes, Terraform, Go')}</w:txbxContent>"
        "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    text = extract_text("box.docx", make_docx(box)).text
    assert text.count("Kubernetes, Terraform, Go") == 1


def test_tracked_insertions_kept_and_deletions_dropped() -> None:
    body = (
        "<w:p><w:r><w:t xml:space=\"preserve\">Led a team of </w:t></w:r>"
        "<w:del w:id=\"1\" w:author=\"A\"><w:r><w:delText>twelve</w:delText></w:r></w:del>"
        "<w:ins w:id=\"2\" w:author=\"A\"><w:r><w:t>five</w:t></w:r></w:ins>"
        "<w:r><w:t xml:space=\"preserve\"> engineers</w:t></w:r></w:p>"
    )
    text = extract_text("cv.docx", make_docx(body)).text
    assert "Led a team of five engineers" in text
    assert "twelve" not in text


def test_strict_ooxml_is_read() -> None:
    body = paragraph("Strict Summary") + (
        "<w:tbl><w:tr><w:tc>" + paragraph("Python") + "</w:tc><w:tc>" + paragraph("8 years")
        + "</w:tc></w:tr></w:tbl>"
    )
    data = make_docx(body, namespace=STRICT, rel_base=REL_STRICT)
    text = extract_text("strict.docx", data).text
    assert "Strict Summary" in text
    assert "Python | 8 years" in text


def test_byte_order_mark_in_xml_is_read() -> None:
    text = extract_text("bom.docx", make_docx(paragraph("Résumé of Ana"), bom=True)).text
    assert text == "Résumé of Ana\n"


def test_upper_case_extension_is_accepted() -> None:
    assert extract_text("CV.DOCX", make_docx(paragraph("Ana Lima"))).text == "Ana Lima\n"


def test_entities_are_not_expanded() -> None:
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;">]>'
        f'<w:document xmlns:w="{TRANSITIONAL}"><w:body>'
        "<w:p><w:r><w:t>Ana &b; Lima</w:t></w:r></w:p></w:body></w:document>"
    )
    data = make_docx("")
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            content = laughs.encode() if item.filename == "word/document.xml" else source.read(item)
            target.writestr(item, content)
    text = extract_text("cv.docx", buffer.getvalue()).text
    assert "haha" not in text
    assert "Ana" in text and "Lima" in text


def test_empty_document_is_refused() -> None:
    with pytest.raises(ImportRefused, match="This Word document is empty"):
        extract_text("empty.docx", make_docx("<w:p/>"))


def test_empty_zip_named_docx_is_refused() -> None:
    buffer = io.BytesIO()
    zipfile.ZipFile(buffer, "w").close()
    with pytest.raises(ImportRefused, match="empty ZIP archive, not a Word document"):
        extract_text("cv.docx", buffer.getvalue())


def test_zip_without_a_word_document_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    with pytest.raises(ImportRefused, match=r"holds no Word document .*save it as \.docx"):
        extract_text("cv.docx", buffer.getvalue())


def test_zip_bomb_is_refused_before_inflating() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (40 * 1024 * 1024))
    data = buffer.getvalue()
    assert len(data) < 100 * 1024  # a small upload that would expand to 40 MB
    with pytest.raises(ImportRefused, match="looks like a zip bomb"):
        extract_text("cv.docx", data)


def test_zip_that_lies_about_its_sizes_is_stopped_while_inflating() -> None:
    data = bytearray(make_docx(paragraph("x" * 5000)))
    # Shrink the declared size of document.xml in the central directory: the real data is larger.
    marker = data.rfind(b"PK\x01\x02", 0, data.find(b"word/document.xml", data.find(b"PK\x01\x02")))
    data[marker + 24:marker + 28] = (10).to_bytes(4, "little")
    with pytest.raises(ImportRefused):
        extract_text("cv.docx", bytes(data))


def test_pdf_named_docx_is_read_as_a_pdf_saying_so(fixtures_dir: Path) -> None:
    data = (fixtures_dir / "resumes/pdf/rendercv__John_Doe_ClassicTheme_CV.pdf").read_bytes()
    extracted = extract_text("cv.docx", data)
    assert extracted.kind == "pdf"
    assert "John Doe" in extracted.text
    assert extracted.warnings[0] == "cv.docx is named .docx but is a PDF; it was read as a PDF"


def test_real_docx_named_doc_is_read_saying_so() -> None:
    extracted = extract_text("cv.doc", make_docx(paragraph("Ana Lima, engineer")))
    assert extracted.kind == "docx"
    assert "Ana Lima, engineer" in extracted.text
    assert "cv.doc is named .doc but is a Word (.docx) document" in extracted.warnings[0]


@pytest.mark.parametrize("name", ["scan.jpg", "photo.png", "scan.pdf", "cv.docx"])
@pytest.mark.parametrize("magic", [b"\xff\xd8\xff\xe0\0\x10JFIF", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"])
def test_an_image_under_any_name_gets_the_ocr_message(name: str, magic: bytes) -> None:
    with pytest.raises(ImportRefused) as refused:
        extract_text(name, magic + b"\0" * 64)
    assert refused.value.message.startswith(f"{name} is an image (a photo or a scanned page).")
    assert "needs OCR, which Tailor does not do" in refused.value.message


def test_legacy_doc_is_refused_by_name_and_by_contents() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    with pytest.raises(ImportRefused, match=r"old-format Word \(\.doc\) file.*save it as \.docx"):
        extract_text("cv.doc", ole)
    with pytest.raises(ImportRefused, match="old-format Word .* or a password-protected Word"):
        extract_text("cv.docx", ole)


def test_truncated_docx_is_refused() -> None:
    data = make_docx(paragraph("Ana Lima " * 200))
    with pytest.raises(ImportRefused, match="damaged"):
        extract_text("cv.docx", data[: len(data) // 2])


def _styled(text: str, style: str, *, listed: bool = False) -> str:
    numbering = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>' if listed else ""
    return (f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{numbering}</w:pPr>'
            f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>')


def test_word_paragraph_styles_guide_the_structurer() -> None:
    from documents.structure.read import read_extracted

    body = "".join([
        _styled("Ana Lima", "Title"), paragraph("ana@example.com"),
        _styled("Experience in Data", "Heading1"),  # a heading only by its style
        paragraph("Data Analyst, Contoso Ltd, 09/2019 - 05/2021"),
        _styled("Built the weekly dashboard", "Normal", listed=True),
        _styled("Cut the report time in half", "ListBullet"),
    ])
    extracted = extract_text("cv.docx", make_docx(body))
    assert extracted.line_styles["Built the weekly dashboard"] == "List (Normal)"
    read = read_extracted(extracted)
    role = read.structured.resume.roles[0]
    assert (role.title, role.company) == ("Data Analyst", "Contoso Ltd")
    assert role.tasks == ("Built the weekly dashboard", "Cut the report time in half")
