"""Markdown, text and JSON files, and the checks every upload goes through first."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from documents.importers import ACCEPTED_EXTENSIONS, ImportRefused, extract_text

RESUME = ("Zoë Müller\r\nSenior Engineer – Café Systems\r\n\r\n\r\n\r\nSkills:   \r\n"
          "“Python”, C#\r\n")
CLEAN = "Zoë Müller\nSenior Engineer – Café Systems\n\nSkills:\n“Python”, C#\n"


@pytest.mark.parametrize("encoded", [
    RESUME.encode("utf-8"),
    b"\xef\xbb\xbf" + RESUME.encode("utf-8"),
    RESUME.encode("utf-16"),  # with its byte-order mark, little-endian here
    b"\xfe\xff" + RESUME.encode("utf-16-be"),
    RESUME.encode("cp1252"),
    RESUME.replace("\r\n", "\r").encode("utf-8"),  # old Mac line ends
], ids=["utf8", "utf8-bom", "utf16-le", "utf16-be", "windows-1252", "cr-only"])
def test_text_in_any_common_encoding_arrives_clean(encoded: bytes) -> None:
    result = extract_text("resume.txt", encoded)
    assert result.text == CLEAN
    assert result.kind == "text"
    assert result.pages is None and result.warnings == []


def test_cyrillic_legacy_encoding_is_detected() -> None:
    text = "Иван Петров\nИнженер-программист, опыт работы с Python и PostgreSQL.\n"
    assert extract_text("cv.md", text.encode("cp1251")).text == text


@pytest.mark.parametrize("name", [
    "offlinecv__inline-links.md", "offlinecv__reference-links.md",
    "pandocresume__JohnnyCoder_template.md", "there4__sample_long.md", "there4__zhsample_zh.md",
])
def test_markdown_is_passed_on_as_written(fixtures_dir: Path, name: str) -> None:
    raw = (fixtures_dir / "resumes/markdown" / name).read_bytes()
    result = extract_text(name, raw)
    assert result.kind == "markdown"
    expected_lines = [line.rstrip() for line in raw.decode("utf-8-sig").splitlines()]
    assert [line for line in result.text.splitlines() if line] == [
        line for line in expected_lines if line
    ]


def test_markdown_extension_variants_are_markdown() -> None:
    assert extract_text("cv.markdown", b"# Ana").kind == "markdown"
    assert extract_text("CV.MD", b"# Ana").kind == "markdown"


def test_json_resume_is_passed_on(fixtures_dir: Path) -> None:
    raw = (fixtures_dir / "resumes/truth/resumematcher__master.json").read_bytes()
    result = extract_text("master.json", raw)
    assert result.kind == "json"
    assert json.loads(result.text) == json.loads(raw)


def test_broken_json_is_refused_with_its_position() -> None:
    with pytest.raises(ImportRefused, match=r"cv\.json is not valid JSON: .* at line 2, column"):
        extract_text("cv.json", b'{"basics": {"name": "Ana"}\n "work": []}')


@pytest.mark.parametrize("data", [b"", b"   \r\n\t\n", "\ufeff".encode()])
def test_empty_files_are_refused(data: bytes) -> None:
    with pytest.raises(ImportRefused, match=r"cv\.txt is empty\. Check that you chose the right"):
        extract_text("cv.txt", data)


def test_file_over_the_size_limit_is_refused_with_the_limit() -> None:
    with pytest.raises(ImportRefused) as refused:
        extract_text("cv.txt", b"a" * (2 * 1024 * 1024 + 1), max_bytes=2 * 1024 * 1024)
    assert "cv.txt is 2.0 MB; the limit is 2.0 MB." in refused.value.message


def test_unknown_extension_lists_the_accepted_ones() -> None:
    with pytest.raises(ImportRefused) as refused:
        extract_text("resume.odt", b"PK\x03\x04")
    assert refused.value.message == (
        "resume.odt: '.odt' files are not accepted. Upload one of: "
        ".pdf .docx .md .markdown .txt .json (or paste the text into the chat)."
    )
    assert set(ACCEPTED_EXTENSIONS) == {".pdf", ".docx", ".md", ".markdown", ".txt", ".json"}


def test_file_without_extension_is_refused() -> None:
    with pytest.raises(ImportRefused, match="files without an extension are not accepted"):
        extract_text("resume", b"Ana Lima")


@pytest.mark.parametrize(("name", "data", "contents"), [
    ("cv.md", b"PK\x03\x04\x14\x00", "a ZIP archive"),
    ("cv.txt", b"\x7fELF\x02\x01\x01\0\0\0", "a binary file"),
    ("cv.pdf", b"Ana Lima, engineer", "plain text"),
])
def test_contents_that_do_not_match_the_name_are_refused(name: str, data: bytes,
                                                        contents: str) -> None:
    with pytest.raises(ImportRefused, match=f"but its contents are {contents}"):
        extract_text(name, data)


def test_path_in_the_file_name_is_not_echoed() -> None:
    with pytest.raises(ImportRefused) as refused:
        extract_text("C:\\Users\\ana\\secret\\cv.txt", b"")
    assert refused.value.message.startswith("cv.txt is empty.")
