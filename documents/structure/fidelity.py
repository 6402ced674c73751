"""Is every field of a resume in the file it was read from, and is every line of the file in it?

Pure. A string field must occur in the file's text (after normalising case, spacing, dashes,
ligatures and bullets). A bullet or summary line is found when at least BULLET_COVERAGE of its
word pairs occur in the file: a line break, a column break or a dropped glyph costs a pair or two
of a 10-20 word bullet, while a reworded or invented bullet loses most of them. Dates must be
written in the file at the precision the resume gives, and a role's start and end must appear
together as one range (two roles merged into one take the start of one and the end of another).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Literal

from documents.model import Month, Resume
from documents.structure.dates import POINT, RANGE, is_only_date, read_point
from documents.structure.headings import heading_section
from documents.structure.lines import SourceLine
from documents.structure.normalise import normalise, squash, tokens

BULLET_COVERAGE = 0.8
LINE_COVERAGE = 0.5  # a file line is "in the draft" when half its words are
FindingKind = Literal["not_in_file", "date_not_in_file", "date_precision", "range_not_in_file"]
_LIST_FIELDS = ("tasks", "summary", "situation", "description", "banner", "note")


@dataclass(frozen=True)
class Finding:
    path: str  # e.g. "roles[1].start"
    label: str  # for people: "Staff Engineer at Globex: start"
    wrote: str
    kind: FindingKind
    file_says: str | None = None
    file_date: tuple[int, int | None] | None = None  # the file's date, for a date finding

    def sentence(self, who: str = "the draft") -> str:
        if self.kind == "date_precision":
            return f"{self.label}: {who} has '{self.wrote}'; the file says '{self.file_says}'"
        if self.kind == "range_not_in_file":
            return (f"{self.label}: {who} has '{self.wrote}', which the file never gives as one "
                    "range (two roles merged?)")
        return f"{self.label}: {who} has '{self.wrote}', which the file does not say"


@dataclass
class FidelityReport:
    checked: int = 0
    unsupported: list[Finding] = field(default_factory=list)
    not_imported: list[str] = field(default_factory=list)  # lines of the file
    word_share: float = 1.0  # share of the file's words the draft carries

    @property
    def clean(self) -> bool:
        return not self.unsupported and not self.not_imported

    def to_json(self) -> dict:
        return asdict(self)


def check_fidelity(resume: Resume, source: str) -> FidelityReport:
    report = FidelityReport()
    flat = normalise(source)
    squashed = squash(source)
    pairs = _pairs(tokens(source))
    points = _points(source)
    ranges = _ranges(source)
    draft_words: list[str] = []
    for path, label, value in _strings(resume.model_dump()):
        report.checked += 1
        draft_words += tokens(value)
        if not _found(value, path, flat, squashed, pairs):
            report.unsupported.append(Finding(path, label, value, "not_in_file"))
    for path, label, month in _dates(resume):
        report.checked += 1
        finding = _date_finding(path, label, month, points)
        if finding:
            report.unsupported.append(finding)
    for index, role in enumerate(resume.roles):
        if role.start is None:
            continue  # nothing claimed, nothing to check
        finding = _range_finding(index, role.title, role.company, role.start, role.end, ranges)
        if finding:
            report.unsupported.append(finding)
    report.not_imported, report.word_share = _file_lines_missing(source, draft_words)
    return report


def _found(value: str, path: str, flat: str, squashed: str, pairs: set) -> bool:
    if normalise(value) in flat or squash(value) in squashed:
        return True
    if path.rsplit(".", 1)[-1].split("[")[0] not in _LIST_FIELDS:
        return False
    own = _pairs(tokens(value))
    if not own:
        return False
    return sum(1 for pair in own if pair in pairs) / len(own) >= BULLET_COVERAGE


def _pairs(words: list[str]) -> set[tuple[str, str]]:
    if len(words) == 1:
        return {(words[0], "")}
    return set(zip(words, words[1:], strict=False))


def _label(path: str, resume: dict) -> str:
    head = path.split(".")[0]
    if "[" not in head:
        return path
    section, index = head.rstrip("]").split("[")
    item = resume[section][int(index)]
    if isinstance(item, dict):
        name = " at ".join(str(item[key]) for key in ("title", "company") if item.get(key)) or (
            item.get("school") or item.get("name") or item.get("organization") or "")
        rest = path[len(head) + 1:]
        return f"{name}: {rest}" if rest else str(name)
    return section


def _strings(data: dict, prefix: str = "", root: dict | None = None):
    root = root if root is not None else data
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, str):
            yield path, _label(path, root), value
        elif isinstance(value, dict):
            if not _is_month(value):
                yield from _strings(value, path + ".", root)
        elif isinstance(value, list | tuple):
            for index, item in enumerate(value):
                item_path = f"{path}[{index}]"
                if isinstance(item, str):
                    yield item_path, _label(item_path, root), item
                elif isinstance(item, dict):
                    yield from _strings(item, item_path + ".", root)


def _is_month(value: dict) -> bool:
    return set(value) == {"year", "month"}


def _dates(resume: Resume):
    data = resume.model_dump()
    for section in ("roles", "degrees", "certifications", "projects", "awards", "volunteering",
                    "publications"):
        for index, item in enumerate(getattr(resume, section)):
            for name in ("start", "end", "issued", "expires", "date"):
                month = getattr(item, name, None)
                if isinstance(month, Month):
                    path = f"{section}[{index}].{name}"
                    yield path, _label(path, data), month


def _points(source: str) -> set[tuple[int, int | None]]:
    found: set[tuple[int, int | None]] = set()
    for match in POINT.finditer(source):
        point = read_point(match[1])
        if point:
            found.add((point.year, point.month))
    for match in RANGE.finditer(source):
        for group in (1, 2):
            point = read_point(match[group])
            if point:
                found.add((point.year, point.month))
    return found


def _ranges(source: str) -> set[tuple[tuple[int, int | None], tuple[int, int | None] | None]]:
    found = set()
    for match in RANGE.finditer(source):
        start, end = read_point(match[1]), read_point(match[2])
        if start:
            found.add(((start.year, start.month), (end.year, end.month) if end else None))
    return found


def _written(month: Month) -> str:
    return month.label


def _date_finding(path: str, label: str, month: Month, points: set) -> Finding | None:
    if (month.year, month.month) in points:
        return None
    same_year = sorted((p for p in points if p[0] == month.year), key=lambda p: p[1] or 0)
    if same_year:
        year, number = same_year[0]
        says = Month(year=year, month=number).label
        return Finding(path, label, _written(month), "date_precision", says, (year, number))
    return Finding(path, label, _written(month), "date_not_in_file")


def _range_finding(index: int, title: str, company: str, start: Month, end: Month | None,
                   ranges: set) -> Finding | None:
    wanted = ((start.year, start.month), (end.year, end.month) if end else None)
    if wanted in ranges or not ranges or start == end:
        return None  # one date alone ("2019") is checked as a date
    shown = f"{start.label} - {end.label if end else 'Present'}"
    return Finding(f"roles[{index}]", f"{title} at {company}", shown, "range_not_in_file")


def _content_lines(source: str) -> list[str]:
    """The file's lines that carry content: not headings, not a date on its own."""
    return [line for line in source.splitlines() if line.strip()
            and heading_section(SourceLine(line)) is None and not is_only_date(line)]


def _file_lines_missing(source: str, draft_words: list[str]) -> tuple[list[str], float]:
    carried = Counter(draft_words)
    lines = _content_lines(source)
    file_words = [word for line in lines for word in tokens(RANGE.sub(" ", line))]
    share = (sum((Counter(file_words) & carried).values()) / len(file_words)) if file_words else 1
    missing: list[str] = []
    vocabulary = set(carried)
    for line in lines:
        words = tokens(RANGE.sub(" ", line))
        if not words or len(words) == 1 and len(line.strip()) < 4:
            continue
        if sum(1 for word in words if word in vocabulary) / len(words) < LINE_COVERAGE:
            missing.append(" ".join(line.split()))
    return missing, round(share, 3)
