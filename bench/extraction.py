"""How much of a resume's ground truth survives PDF extraction, and how fast it runs.

Three figures, each printed per file and overall:

1. Recall: the share of ground-truth strings (name, email, phone, location, job titles,
   companies, degrees, institutions, skills) found in the extracted text after Unicode (NFKC),
   whitespace and case normalisation. Sources: the ten OfflineCV `*.truth.json` files and the
   rendercv YAML (with `**bold**` and `[text](url)` stripped). Strings are scored as a multiset:
   a title held twice must be found twice. Dates are left out: their forms differ by design.
2. Two-column reading order, for the files whose columns interleave under naive extraction.
   A role "stays together" when its title, company and first bullet appear in that order
   (title and company may share a line) within ROLE_SPAN lines, and no line between them
   belongs to the other column (holds one of that file's sidebar markers). Printed for our
   extraction and, as baselines, for pypdf's `extract_text()` in plain mode (content-stream
   order) and in layout mode (position order, which interleaves columns).
3. Speed: milliseconds per page, median of RUNS runs, for every resume PDF, against the
   100 ms/page target, beside pypdf's plain `extract_text()` on the same file as a yardstick
   (the machine may be shared; the ratio says more than the absolute figure).
"""

from __future__ import annotations

import io
import json
import re
import statistics
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml
from pypdf import PdfReader

from documents.importers import extract_text

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT.parent / "shared" / "fixtures"
PDFS = FIXTURES / "resumes" / "pdf"
TRUTH = FIXTURES / "resumes" / "truth"
TARGET_MS_PER_PAGE = 100.0
RUNS = 5
ROLE_SPAN = 6


@dataclass(frozen=True)
class Role:
    title: str
    company: str
    first_bullet: str


@dataclass(frozen=True)
class TwoColumnFile:
    name: str
    roles: tuple[Role, ...]
    other_column: tuple[str, ...]  # strings only the sidebar column holds


TWO_COLUMN_FILES = (
    TwoColumnFile(
        "offlinecv__unknown__chromium-two-column-sidebar.pdf",
        (
            Role("Sr. Engineering Manager", "Northwind Systems - Customer Experience",
                 "Manage user-facing sign-up and post-signup"),
            Role("Sr. Engineering Manager", "Globex Assistant, Assistant on Living-Room TV",
                 "Managed a successful team for the TV assistant"),
            Role("IC, Technical Lead, TLM", "Cloud Networking, Books, Accessibility",
                 "Individual contributor and technical lead"),
            Role("Sr Software Engineer", "Initech / Vandelay", "UI framework and webmail"),
            Role("Vendor Consultant", "Contoso", "Built a new soft keyboard"),
        ),
        ("STRENGTHS", "Leadership", "SKILLS", "ACHIEVEMENTS", "FOCUS AREAS", "Interviewing",
         "Mentored engineers", "Improved Yield", "Highly Scalable", "Roadmaps", "Filed and"),
    ),
    TwoColumnFile(
        "offlinecv__latex__deedy-resume-openfonts.pdf",
        (
            Role("KPCB Fellow + Software Engineering Intern", "COURSERA",
                 "52 out of 2500 applicants"),
            Role("Software Engineering Intern", "GOOGLE", "Worked on the YouTube Captions team"),
            Role("Open Source Contributor & Team Leader", "PHABRICATOR",
                 "Phabricator is used daily"),
            Role("Researcher", "CORNELL ROBOT LEARNING LAB", "Worked with Dr. A. Lee"),
        ),
        ("CORNELL UNIVERSITY", "COURSEWORK", "Machine Learning", "LINKS", "Github://",
         "PROGRAMMING", "Over 5000 lines", "Magna Cum Laude", "Operating Systems"),
    ),
    TwoColumnFile(
        "offlinecv__google-docs__google-docs-skia-proxy-two-column.pdf",
        (
            Role("Senior Software Engineer", "Acme Corp", "Led migration of three core"),
            Role("Software Engineer", "Globex Corporation", "Built an event-driven data"),
            Role("Junior Engineer", "Initech", "Implemented authentication and session"),
        ),
        ("CONTACT", "SKILLS", "EDUCATION", "AWARDS", "Kubernetes, Docker, Terraform",
         "Springfield State University", "gRPC, Kafka, GraphQL"),
    ),
    TwoColumnFile(
        "resumematcher__template_modern-two-column.pdf",
        (
            Role("Senior Software Engineer", "Stripe", "Designed and implemented real-time"),
            Role("Software Engineer", "Figma", "Built collaborative editing"),
            Role("Software Engineer", "Notion", "Developed API integrations framework"),
        ),
        ("EDUCATION", "SKILLS", "LINKS", "UC Berkeley", "Go Python Node.js", "Kafka Redis"),
    ),
)


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().casefold()


def _strip_markup(text: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"\*\*?([^*]+)\*\*?", r"\1", text)


def offlinecv_truth(path: Path) -> list[str]:
    truth = json.loads(path.read_text(encoding="utf-8"))
    contact = truth.get("contact", {})
    strings = [contact.get(key) for key in ("full_name", "email", "phone", "location")]
    for role in truth.get("experience", []):
        strings += [role.get("title"), role.get("company")]
    for school in truth.get("education", []):
        strings += [school.get("degree"), school.get("institution")]
    strings += truth.get("skills", [])
    return [s for s in strings if isinstance(s, str) and s.strip()]


def rendercv_truth(path: Path) -> list[str]:
    cv = yaml.safe_load(path.read_text(encoding="utf-8"))["cv"]
    strings = [cv.get("name"), cv.get("email"), cv.get("phone"), cv.get("location")]
    sections = cv["sections"]
    for role in sections.get("experience", []):
        strings += [role.get("position"), role.get("company")]
    for school in sections.get("education", []):
        strings += [school.get("degree"), school.get("institution")]
    for group in sections.get("skills", []):
        strings += [skill.strip() for skill in str(group.get("details", "")).split(",")]
    return [_strip_markup(s) for s in strings if isinstance(s, str) and s.strip()]


def truth_cases() -> list[tuple[Path, list[str]]]:
    cases = [
        (PDFS / path.name.replace(".truth.json", ".pdf"), offlinecv_truth(path))
        for path in sorted(TRUTH.glob("offlinecv__*.truth.json"))
    ]
    cases.append((PDFS / "rendercv__John_Doe_ClassicTheme_CV.pdf",
                  rendercv_truth(TRUTH / "rendercv__John_Doe_ClassicTheme_CV.yaml")))
    return cases


def recall(text: str, strings: list[str]) -> tuple[int, int, list[str]]:
    """(found, total, missing) with each distinct string needed as often as the truth has it."""
    haystack = normalise(text)
    found, missing = 0, []
    for string, wanted in Counter(normalise(s) for s in strings).items():
        present = min(wanted, haystack.count(string))
        found += present
        missing += [string] * (wanted - present)
    return found, len(strings), missing


def role_problems(text: str, layout: TwoColumnFile) -> list[str]:
    """Why roles of a two-column file do not stay together; an empty list means they do."""
    lines = text.splitlines()
    problems: list[str] = []
    for role in layout.roles:
        company = _first_line(lines, role.company, 0)
        if company is None:
            problems.append(f"{role.company}: company not found")
            continue
        title = _last_line(lines, role.title, max(company - ROLE_SPAN, 0), company)
        bullet = _first_line(lines, role.first_bullet, company)
        if title is None or bullet is None or bullet - title > ROLE_SPAN:
            problems.append(f"{role.company}: title or first bullet not within {ROLE_SPAN} lines")
            continue
        intruders = [line for line in lines[title:bullet + 1]
                     if any(marker in line for marker in layout.other_column)]
        if intruders:
            problems.append(f"{role.company}: other column in between: {intruders[0]!r}")
    return problems


def _first_line(lines: list[str], needle: str, start: int) -> int | None:
    return next((i for i in range(start, len(lines)) if needle in lines[i]), None)


def _last_line(lines: list[str], needle: str, start: int, end: int) -> int | None:
    return next((i for i in range(end, start - 1, -1) if needle in lines[i]), None)


def ms_per_page(path: Path) -> tuple[float, float, int]:
    """(ours, pypdf plain extract_text) in ms per page, medians of RUNS runs, and pages."""
    data = path.read_bytes()
    ours: list[float] = []
    theirs: list[float] = []
    pages = 1
    for _ in range(RUNS):
        started = time.perf_counter()
        pages = extract_text(path.name, data).pages or 1
        ours.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        _pypdf_text(data, "plain")
        theirs.append((time.perf_counter() - started) * 1000)
    return statistics.median(ours) / pages, statistics.median(theirs) / pages, pages


def _pypdf_text(data: bytes, mode: str) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text(extraction_mode=mode) for page in reader.pages)


def main() -> None:
    print("Recall of ground-truth strings (found/total)")
    found_all = total_all = 0
    for path, strings in truth_cases():
        found, total, missing = recall(extract_text(path.name, path.read_bytes()).text, strings)
        found_all, total_all = found_all + found, total_all + total
        note = f"  missing: {missing}" if missing else ""
        print(f"  {found:3d}/{total:3d} {found / total:6.1%}  {path.name}{note}")
    print(f"  overall {found_all}/{total_all} = {found_all / total_all:.1%}\n")

    print(f"Two-column roles kept together (title, company, first bullet within {ROLE_SPAN} "
          "lines, no sidebar line between)")
    for layout in TWO_COLUMN_FILES:
        data = (PDFS / layout.name).read_bytes()
        ours = role_problems(extract_text(layout.name, data).text, layout)
        plain = role_problems(_pypdf_text(data, "plain"), layout)
        positional = role_problems(_pypdf_text(data, "layout"), layout)
        roles = len(layout.roles)
        print(f"  ours {roles - len(ours)}/{roles}   pypdf plain {roles - len(plain)}/{roles}   "
              f"pypdf layout {roles - len(positional)}/{roles}   {layout.name}")
        for problem in ours:
            print(f"      {problem}")
    print()

    print(f"Milliseconds per page, median of {RUNS} runs (target {TARGET_MS_PER_PAGE:.0f}); "
          "pypdf plain extract_text beside it")
    ours_all: list[float] = []
    ratios: list[float] = []
    for path in sorted(PDFS.glob("*.pdf")):
        ours, theirs, pages = ms_per_page(path)
        ours_all.append(ours)
        ratios.append(ours / theirs)
        flag = "  OVER TARGET" if ours > TARGET_MS_PER_PAGE else ""
        print(f"  {ours:6.1f} ms/page (pypdf {theirs:6.1f}) x{pages}  {path.name}{flag}")
    over = sum(1 for figure in ours_all if figure > TARGET_MS_PER_PAGE)
    print(f"  median {statistics.median(ours_all):.1f} ms/page, slowest {max(ours_all):.1f}, "
          f"{over} of {len(ours_all)} files over {TARGET_MS_PER_PAGE:.0f} ms/page; "
          f"median ratio to pypdf plain {statistics.median(ratios):.2f}")


if __name__ == "__main__":
    main()
