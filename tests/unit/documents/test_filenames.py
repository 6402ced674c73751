"""Download names: readable, ASCII, safe on every desktop system, never empty."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from documents.filenames import export_filename

SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*(\.[a-z0-9]+)?$")
WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {
    f"{device}{n}" for device in ("COM", "LPT") for n in range(10)
}


def test_typical_name() -> None:
    assert (
        export_filename("Priya Natarajan", "Riverbend Logistics, Inc.", "Resume", "pdf")
        == "Priya-Natarajan_Riverbend-Logistics-Inc_Resume.pdf"
    )


def test_accents_and_ligatures_fold_to_ascii() -> None:
    assert (
        export_filename("Zoë Łukasiewicz-Ærø", "Müller & Söhne GmbH", "Cover letter", ".DOCX")
        == "Zoe-Lukasiewicz-AEro_Muller-Sohne-GmbH_Cover-letter.docx"
    )


def test_nothing_usable_still_gives_a_name() -> None:
    assert export_filename("李小龍", "", "", "pdf") == "Document.pdf"
    assert export_filename(None, None, "Resume", "md") == "Resume.md"


def test_reserved_device_names_are_avoided() -> None:
    assert export_filename("con", None, "", "pdf") == "con_Document.pdf"
    assert export_filename(None, None, "NUL", "txt") == "NUL_Document.txt"


def test_path_tricks_cannot_escape() -> None:
    name = export_filename("../../etc/passwd", "C:\\Windows", "..", "pdf/../x")
    assert "/" not in name and "\\" not in name and ".." not in name and ":" not in name


@given(st.text(), st.text(), st.text(), st.text(max_size=12))
def test_any_input_gives_a_safe_bounded_name(name: str, company: str, kind: str, ext: str) -> None:
    filename = export_filename(name, company, kind, ext)
    assert SAFE.match(filename), filename
    assert len(filename) <= 120
    assert filename.split(".")[0].upper() not in WINDOWS_RESERVED
    assert export_filename(name, company, kind, ext) == filename


@given(st.from_regex(r"[A-Za-z]{1,10}( [A-Za-z]{1,10}){0,2}", fullmatch=True))
def test_plain_ascii_names_keep_their_words(name: str) -> None:
    expected = "-".join(name.split()) + "_Acme_Resume.pdf"
    assert export_filename(name, "Acme", "Resume", "pdf") == expected
