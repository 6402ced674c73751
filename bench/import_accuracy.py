"""How well the deterministic structurer reads resumes, with the model switched off.

1. Field-level precision and recall, scored as multisets (one dropped role does not shift every
   later one): contact name/email/phone/location (exact after normalising case, spacing and
   dashes; phones by their digits), experience title/company/dates (dates compared as the
   (start, end) they mean, at the precision written), education degree/institution, skills.
   Truth: the ten OfflineCV `*.truth.json` files and the rendercv YAML in ../shared/fixtures.
   Two-column files are reported apart from single-column ones.
2. Reading order: for each role, its title, organisation and dates within ORDER_SPAN lines and no
   line from the other column between them. Ours, pypdf plain and `pdftotext -layout` on the same
   files (the fixtures whose columns interleave under naive extraction).
3. Milliseconds per page of structuring and the fidelity check, on top of extraction.

Run: .venv/bin/python bench/import_accuracy.py
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import yaml

from documents.importers import extract_text
from documents.model import Month, Resume
from documents.structure import structure_text
from documents.structure.dates import find_span
from documents.structure.fidelity import check_fidelity
from documents.structure.normalise import normalise

# `make bench` runs each script by path: the repository root (for bench.extraction) and the test
# folder (the Typst layouts live in tests/support; a site-packages `tests` package would shadow
# `tests.support`) go on the path.
_ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(_ROOT), str(_ROOT / "tests")]
from support.layout_pdfs import ENTRIES, SOURCES, layout_pdf  # noqa: E402

from bench.extraction import PDFS, TRUTH, TWO_COLUMN_FILES, _pypdf_text, _strip_markup  # noqa: E402

ORDER_SPAN = 6  # as bench.extraction: a title, a company line, a date line, a bullet
TARGET = 0.90
FAMILIES = ("contact", "experience", "education", "skills")
Item = tuple[str, ...]


def _norm(text: str | None) -> str:
    return normalise(_strip_markup(text or "")).strip(" .,")


def _phone(text: str | None) -> str:
    return re.sub(r"\D", "", text or "")


def _date_key(start: Month | None, end: Month | None, present: bool) -> str:
    def one(month: Month | None) -> str:
        return "" if month is None else month.iso
    return f"{one(start)}..{'present' if present else one(end)}"


def _dates_of_text(text: str | None) -> str:
    span = find_span(text or "")
    if span is None:
        return ""
    start = Month(year=span.start.year, month=span.start.month) if span.start else None
    end = Month(year=span.end.year, month=span.end.month) if span.end else None
    return _date_key(start, end, span.open_end)


def truth_of_offlinecv(path: Path) -> dict[str, list[Item]]:
    truth = json.loads(path.read_text(encoding="utf-8"))
    contact = truth.get("contact", {})
    return {
        "contact": _contact(contact.get("full_name"), contact.get("email"),
                            contact.get("phone"), contact.get("location")),
        "experience": [item for role in truth.get("experience", [])
                       for item in _role(role.get("title"), role.get("company"),
                                         _dates_of_text(role.get("dates"))
                                         if role.get("dates") else None)],
        "education": [item for school in truth.get("education", [])
                      for item in _school(school.get("degree"), school.get("institution"))],
        "skills": [("skill", _norm(skill)) for skill in truth.get("skills", [])],
    }


def truth_of_rendercv(path: Path) -> dict[str, list[Item]]:
    cv = yaml.safe_load(path.read_text(encoding="utf-8"))["cv"]
    sections = cv["sections"]

    def when(entry: dict) -> str:
        start = _yaml_month(entry.get("start_date"))
        end_text = str(entry.get("end_date") or "")
        return _date_key(start, _yaml_month(end_text), end_text.lower() == "present")

    return {
        "contact": _contact(cv.get("name"), cv.get("email"), cv.get("phone"), cv.get("location")),
        "experience": [item for role in sections.get("experience", [])
                       for item in _role(role.get("position"), role.get("company"), when(role))],
        "education": [item for school in sections.get("education", [])
                      for item in _school(school.get("degree"), school.get("institution"))],
        "skills": [("skill", _norm(skill)) for group in sections.get("skills", [])
                   for skill in str(group.get("details", "")).split(",")],
    }


def _yaml_month(value: object) -> Month | None:
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", str(value or ""))
    if not match:
        return None
    return Month(year=int(match[1]), month=int(match[2]) if match[2] else None)


def _contact(name, email, phone, location) -> list[Item]:
    items = [("name", _norm(name)), ("email", _norm(email)), ("phone", _phone(phone)),
             ("location", _norm(location))]
    return [item for item in items if item[1]]


def _role(title, company, dates: str | None) -> list[Item]:
    items = [("title", _norm(title)), ("company", _norm(company))]
    if dates is not None:
        items.append(("dates", dates))
    return [item for item in items if item[1]]


def _school(degree, institution) -> list[Item]:
    return [item for item in (("degree", _norm(degree)), ("institution", _norm(institution)))
            if item[1]]


def predicted(resume: Resume | None, dated_truth: bool = True) -> dict[str, list[Item]]:
    if resume is None:
        return {family: [] for family in FAMILIES}
    contact = resume.personal.contact if resume.personal else None
    roles = []
    for role in resume.roles:
        # A role stored without dates claims none (it is not "until present").
        roles += _role(role.title, role.company,
                       _date_key(role.start, role.end, role.is_current) if role.start else None)
    degrees = []
    for degree in resume.degrees:
        subject = ", ".join(filter(None, (degree.degree, degree.major)))
        degrees += _school(subject or None, degree.school)
    return {
        "contact": _contact(contact.name, contact.email, contact.phone, contact.location)
        if contact else [],
        "experience": roles,
        "education": degrees,
        "skills": [("skill", _norm(item)) for group in resume.skills for item in group.items],
    }


def _score(truth: list[Item], guess: list[Item]) -> tuple[int, int, int]:
    hits = sum((Counter(truth) & Counter(guess)).values())
    return hits, len(guess), len(truth)


def cases() -> list[tuple[Path, dict[str, list[Item]]]]:
    found = [(PDFS / path.name.replace(".truth.json", ".pdf"), truth_of_offlinecv(path))
             for path in sorted(TRUTH.glob("offlinecv__*.truth.json"))]
    found.append((PDFS / "rendercv__John_Doe_ClassicTheme_CV.pdf",
                  truth_of_rendercv(TRUTH / "rendercv__John_Doe_ClassicTheme_CV.yaml")))
    return found


def _is_two_column(text_ours: str, path: Path) -> bool:
    return path.name in {layout.name for layout in TWO_COLUMN_FILES}


def accuracy() -> None:
    groups: dict[str, dict[str, list[int]]] = {}
    print("Field-level precision / recall (multisets), model off")
    for path, truth in cases():
        text = extract_text(path.name, path.read_bytes()).text
        guess = predicted(structure_text(text).resume)
        group = "two-column" if _is_two_column(text, path) else "single-column"
        totals = groups.setdefault(group, {family: [0, 0, 0] for family in FAMILIES})
        cells = []
        for family in FAMILIES:
            hits, made, wanted = _score(truth[family], guess[family])
            for index, value in enumerate((hits, made, wanted)):
                totals[family][index] += value
            cells.append(f"{family[:4]} {hits}/{made}/{wanted}")
        print(f"  {'  '.join(cells)}  {path.name}")
    for group, totals in groups.items():
        print(f"  {group} ({'hits/predicted/truth'}):")
        for family, (hits, made, wanted) in totals.items():
            precision = hits / made if made else 1.0
            recall = hits / wanted if wanted else 1.0
            flag = "" if precision >= TARGET and recall >= TARGET else "  BELOW TARGET"
            print(f"    {family:10s} P {precision:5.1%}  R {recall:5.1%}  "
                  f"({hits}/{made}/{wanted}){flag}")
    if "two-column" not in groups:
        print("  two-column: none of the truth files has two columns; see the order check")


def _pdftotext(path: Path) -> str | None:
    if shutil.which("pdftotext") is None:
        return None
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          check=False, timeout=60)
    return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else None


def order_problems(text: str, entries: list[tuple[str, str, str]], other: tuple[str, ...]) -> int:
    """How many (title, organisation, first bullet) entries do not stay within ORDER_SPAN lines
    of their organisation's line, with no line of the other column between them."""
    lines = [line for line in text.splitlines() if line.strip()]
    broken = 0
    for title, company, bullet in entries:
        anchor = next((i for i, line in enumerate(lines) if company in line), None)
        if anchor is None:
            broken += 1
            continue
        near = range(max(anchor - ORDER_SPAN, 0), min(anchor + ORDER_SPAN + 1, len(lines)))
        spots = [min((i for i in near if part in lines[i]), key=lambda i: abs(i - anchor),
                     default=None) for part in (title, bullet)]
        if None in spots:
            broken += 1
            continue
        low, high = min(*spots, anchor), max(*spots, anchor)
        if any(marker in line for line in lines[low:high + 1] for marker in other):
            broken += 1
    return broken


def order() -> None:
    print(f"\nReading order: title, organisation and first bullet within {ORDER_SPAN} lines, "
          "no line of the other column between (entries kept / total)")
    print("  ours   pypdf-plain   pdftotext-layout   file")
    for layout in TWO_COLUMN_FILES:
        path = PDFS / layout.name
        data = path.read_bytes()
        entries = [(role.title, role.company, role.first_bullet) for role in layout.roles]
        total = len(entries)
        figures = []
        for text in (extract_text(path.name, data).text, _pypdf_text(data, "plain"),
                     _pdftotext(path)):
            figures.append("  n/a" if text is None else
                           f"{total - order_problems(text, entries, layout.other_column)}/{total}")
        print(f"  {figures[0]:>5}  {figures[1]:>11}  {figures[2]:>16}   {layout.name}")


def made_layouts() -> None:
    """The two layouts that broke reading order, made with Typst here: order with dates, and the
    experience entries read by the structurer."""
    print(f"\nMade here with Typst: title, organisation and dates within {ORDER_SPAN} lines "
          "(kept / total), and experience P/R of the structurer")
    print("  ours   pypdf-plain   pdftotext-layout   experience P/R   layout")
    with tempfile.TemporaryDirectory() as folder:
        for name, source in SOURCES.items():
            data = layout_pdf(Path(folder), source)
            path = Path(folder) / f"{name}.pdf"
            path.write_bytes(data)
            entries, other = ENTRIES[name]
            total = len(entries)
            ours = extract_text(path.name, data).text
            figures = [f"{total - order_problems(text, entries, other)}/{total}"
                       if text is not None else "n/a"
                       for text in (ours, _pypdf_text(data, "plain"), _pdftotext(path))]
            truth = [item for title, company, dates in entries
                     for item in _role(title, company, _dates_of_text(dates))]
            hits, made, wanted = _score(truth, predicted(structure_text(ours).resume)["experience"])
            quality = f"{hits / made if made else 1:.0%}/{hits / wanted:.0%}"
            print(f"  {figures[0]:>5}  {figures[1]:>11}  {figures[2]:>16}   {quality:>14}   {name}")


def speed() -> None:
    print("\nStructuring + fidelity check, ms per page on top of extraction (target < 20)")
    figures = []
    for path in sorted(PDFS.glob("*.pdf")):
        extracted = extract_text(path.name, path.read_bytes())
        started = time.perf_counter()
        for _ in range(3):
            structured = structure_text(extracted.text)
            if structured.resume is not None:
                check_fidelity(structured.resume, extracted.text)
        figures.append((time.perf_counter() - started) * 1000 / 3 / (extracted.pages or 1))
    figures.sort()
    print(f"  median {figures[len(figures) // 2]:.1f} ms/page, slowest {figures[-1]:.1f} ms/page "
          f"over {len(figures)} files")


def main() -> None:
    accuracy()
    order()
    made_layouts()
    speed()


if __name__ == "__main__":
    main()
