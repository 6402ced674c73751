"""Reading order on the two layouts that broke it, made here with Typst (no committed binaries):
a full-width header over two columns, and a narrow rail of dates and labels beside the entries."""

from __future__ import annotations

from pathlib import Path

from support.layout_pdfs import DATE_RAIL, HEADER_OVER_COLUMNS, layout_pdf

from documents.importers import extract_text
from documents.structure import structure_text


def test_a_full_width_header_does_not_hide_the_columns_below_it(tmp_path: Path) -> None:
    text = extract_text("resume.pdf", layout_pdf(tmp_path, HEADER_OVER_COLUMNS)).text
    lines = text.splitlines()
    flat = " ".join(text.split())
    # Each bullet reads through, with no sidebar word glued into it.
    assert ("Grew merchant sign-ups by creating a market entry plan for three new regions and "
            "the tooling behind it") in flat
    assert "Cut card dispute handling time in half by automating the evidence collection" in flat
    # The sidebar comes as its own block, after the main column.
    assert lines.index("English") > next(i for i, line in enumerate(lines) if "squads" in line)


def test_a_rail_of_dates_stays_on_its_entries_lines(tmp_path: Path) -> None:
    text = extract_text("resume.pdf", layout_pdf(tmp_path, DATE_RAIL)).text
    rows = [" ".join(line.split()) for line in text.splitlines()]
    assert "2019 - 2024 Staff Engineer, Fabrikam AB" in rows
    assert "2015 - 2019 Software Engineer, Tailspin Toys" in rows
    roles = structure_text(text).resume.roles
    assert [(role.title, role.company, str(role.start), str(role.end)) for role in roles] == [
        ("Staff Engineer", "Fabrikam AB", "2019", "2024"),
        ("Software Engineer", "Tailspin Toys", "2015", "2019"),
        ("Junior Developer", "Litware Inc", "2012", "2015"),
    ]


def test_icon_glyph_names_soft_hyphens_and_unicode_hyphens_are_cleaned() -> None:
    from documents.importers.pdf_layout import clean_glyphs
    from documents.importers.result import normalise_text

    assert clean_glyphs("/map-marker Oakland, CA") == (" Oakland, CA", 1)
    assert clean_glyphs("/heartbeat") == ("", 1)
    assert clean_glyphs("TCP/IP and github.com/ana")[0] == "TCP/IP and github.com/ana"
    assert clean_glyphs("Mar. 2010 \u00ad Aug. 2017")[0] == "Mar. 2010 - Aug. 2017"
    assert normalise_text("(415) 555\u20100101\nre\u00adsume\n") == "(415) 555-0101\nresume\n"


def test_a_superscript_stays_on_its_line(tmp_path: Path) -> None:
    source = ('#set page(width: 400pt, height: 200pt, margin: 20pt)\n'
              '#set super(typographic: false, baseline: -0.5em)\n'
              'Ranked 47#super[th] of 3,000 entrants in the national final\n')
    text = extract_text("resume.pdf", layout_pdf(tmp_path, source)).text
    assert text.strip() == "Ranked 47th of 3,000 entrants in the national final"
