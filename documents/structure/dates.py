"""Dates as a resume line writes them, at the precision the line gives (a year stays a year)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import ValidationError

from documents.model import MONTH_NAMES, Month

_MONTH_WORD = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?:19|20)\d\d"
_POINT = (
    rf"(?:{_MONTH_WORD},?\s+{_YEAR}|\d{{1,2}}\s*/\s*{_YEAR}|{_YEAR}\s*-\s*\d{{1,2}}(?!\d)|{_YEAR})"
)
_OPEN = r"(?:present|current|now|today|ongoing|date)"
_DASH = r"\s*(?:-|–|—|‐|‑|to|until|till)\s*"
# Not inside a longer token: a DOI "10.1234/neurips.2023.1234" or a patent number has no date.
_BEFORE, _AFTER = r"(?<![\w/.])", r"(?![\w/]|\.\d)"
RANGE = re.compile(rf"{_BEFORE}({_POINT}){_DASH}({_POINT}|{_OPEN}){_AFTER}", re.IGNORECASE)
POINT = re.compile(rf"{_BEFORE}({_POINT}){_AFTER}", re.IGNORECASE)
_MONTHS = {name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, start=1)}


@dataclass(frozen=True)
class Written:
    """A date as written: a year, or a month and year; `text` is the span in the source."""

    year: int
    month: int | None
    text: str


@dataclass(frozen=True)
class Span:
    start: Written | None
    end: Written | None  # None with `open_end`: "Present"
    open_end: bool
    text: str  # the whole span as written, to cut out of the line


_YEAR_ONLY = re.compile(rf"({_YEAR})")
_SLASHED = re.compile(rf"(\d{{1,2}})\s*/\s*({_YEAR})")
_ISO = re.compile(rf"({_YEAR})\s*-\s*(\d{{1,2}})")
_NAMED = re.compile(r"([a-z]+)\s+(\d{4})")


def read_point(text: str) -> Written | None:
    raw = text.strip()
    lowered = raw.lower().replace(".", "").replace(",", "")
    if match := _YEAR_ONLY.fullmatch(lowered):
        return Written(int(match[1]), None, raw)
    if match := _SLASHED.fullmatch(lowered):
        month = int(match[1])
        return Written(int(match[2]), month, raw) if 1 <= month <= 12 else None
    if match := _ISO.fullmatch(lowered):
        month = int(match[2])
        return Written(int(match[1]), month, raw) if 1 <= month <= 12 else None
    if match := _NAMED.fullmatch(lowered):
        month = _MONTHS.get(match[1][:3])
        return Written(int(match[2]), month, raw) if month else None
    return None


def find_span(text: str) -> Span | None:
    """The first date range in the line, else a lone date; None when the line has no date."""
    if match := RANGE.search(text):
        start = read_point(match[1])
        end = read_point(match[2])
        if start is not None:
            return Span(start, end, end is None, match[0])
    if match := POINT.search(text):
        point = read_point(match[1])
        if point is not None:
            return Span(None, point, False, match[0])
    return None


def as_month(written: Written | None) -> Month | None:
    """Our model's date at the written precision; None when the model cannot hold it as written
    (a year alone, before the model knows year-only dates): never a month the file lacks."""
    if written is None:
        return None
    try:
        return Month(year=written.year, month=written.month)  # type: ignore[arg-type]
    except ValidationError:
        return None


def is_only_date(text: str) -> bool:
    span = find_span(text)
    if span is None:
        return False
    rest = text.replace(span.text, " ")
    return not re.sub(r"[\s()|,;:·•–—-]+", "", rest)
