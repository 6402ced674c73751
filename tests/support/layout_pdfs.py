"""Resume PDFs in the two layouts that broke reading order, made with Typst on demand (no
committed binaries): used by the reading-order tests and by bench/import_accuracy.py."""

from __future__ import annotations

from pathlib import Path

import typst

HEADER_OVER_COLUMNS = r"""
#set page(width: 595pt, height: 842pt, margin: 40pt)
#set text(size: 10pt)
#align(center)[#text(size: 20pt)[Rosa Delgado] \ rosa\@example.com | (415) 555-0101 | Oakland, CA]
Product engineer who has shipped consumer payments products for a decade, leading small teams
through discovery, delivery and the long tail of operating what they built, in three countries
and for two regulated markets, with a habit of writing things down.

#grid(columns: (2fr, 1fr), column-gutter: 24pt,
[
  *EXPERIENCE* \
  *Senior Product Engineer*, Northwind Payments \
  Mar 2020 - Present
  - Grew merchant sign-ups by creating a market entry plan for three new regions and
    the tooling behind it
  - Rebuilt the onboarding flow so that most merchants finished it on the first day without support
  *Product Engineer*, Contoso Bank \
  Jan 2016 - Feb 2020
  - Cut card dispute handling time in half by automating the evidence collection for every case
  - Ran the weekly release train for the mobile banking application across four squads
],
[
  *LANGUAGES* \
  English \
  Spanish \
  Portuguese \
  *SKILLS* \
  Kotlin \
  Swift \
  PostgreSQL \
  Figma \
  *INTERESTS* \
  Climbing \
  Chess
])
"""

DATE_RAIL = r"""
#set page(width: 595pt, height: 842pt, margin: 40pt)
#set text(size: 10pt)
#text(size: 18pt)[Tomas Berg] \
tomas\@example.com | +46 70 555 01 02 | Malmö, Sweden

#grid(columns: (110pt, 1fr), column-gutter: 20pt, row-gutter: 8pt,
  [*EXPERIENCE*], [],
  [2019 - 2024], [Staff Engineer, Fabrikam AB],
  [], [Led the migration of the order system to event sourcing across six teams.],
  [2015 - 2019], [Software Engineer, Tailspin Toys],
  [], [Built the warehouse picking application used in twelve warehouses.],
  [2012 - 2015], [Junior Developer, Litware Inc],
  [], [Maintained the invoicing service and its reporting jobs.],
  [*EDUCATION*], [],
  [2008 - 2012], [M.Sc. in Computer Science, Lund University],
)
"""



# Each entry of the two layouts: its title, organisation and dates as the PDF shows them, and
# lines only the other column holds.
ENTRIES = {
    "header-over-columns": (
        [("Senior Product Engineer", "Northwind Payments", "Mar 2020 - Present"),
         ("Product Engineer", "Contoso Bank", "Jan 2016 - Feb 2020")],
        ("English", "Spanish", "Portuguese", "Kotlin", "Swift", "Figma", "Climbing", "Chess"),
    ),
    "date-rail": (
        [("Staff Engineer", "Fabrikam AB", "2019 - 2024"),
         ("Software Engineer", "Tailspin Toys", "2015 - 2019"),
         ("Junior Developer", "Litware Inc", "2012 - 2015")],
        (),
    ),
}
SOURCES = {"header-over-columns": HEADER_OVER_COLUMNS, "date-rail": DATE_RAIL}


def layout_pdf(folder: Path, source: str) -> bytes:
    path = folder / "resume.typ"
    path.write_text(source, encoding="utf-8")
    return typst.compile(str(path))
