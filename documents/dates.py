"""Dates as people write them on resumes (RESUME_FORMAT.md section 5, docs/resume-format.md).

Canonical forms are `MM/YYYY` and, for a year alone, `YYYY`. Accepted: `MM/YYYY`, `M/YYYY`,
`YYYY-MM`, `Month YYYY`, `Mon YYYY` (English), and `YYYY`, which stays a year (`Month.month` is
None) instead of being guessed to a month. `Present`, `Current` and `Now` mean "no end".
"""

from __future__ import annotations

import re
from typing import Literal

from documents.model import MONTH_NAMES, Month
from documents.problems import Problem

PRESENT_WORDS = frozenset({"present", "current", "now"})
# Kept so callers written before year-only dates still work; a year is no longer guessed.
YearOnly = Literal["start", "end"]

_MONTHS_BY_NAME: dict[str, int] = {}
for _number, _name in enumerate(MONTH_NAMES, start=1):
    _MONTHS_BY_NAME[_name.lower()] = _number
    _MONTHS_BY_NAME[_name[:3].lower()] = _number
_MONTHS_BY_NAME["sept"] = 9

# ASCII digits only: `\d` would also take Arabic-Indic and other digits.
_SLASHED = re.compile(r"([0-9]{1,2})\s*/\s*([0-9]{4})")
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})")
_ISO_DAY = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_NAMED = re.compile(r"([A-Za-z]+)\.?,?\s+([0-9]{4})")
_YEAR = re.compile(r"[0-9]{4}")

_MIN_YEAR, _MAX_YEAR = 1900, 2200


def is_present(text: str) -> bool:
    return text.strip().lower() in PRESENT_WORDS


def _month_from(year: int, month: int) -> Month | None:
    if not (1 <= month <= 12 and _MIN_YEAR <= year <= _MAX_YEAR):
        return None
    return Month(year=year, month=month)


def _exact_month(text: str) -> Month | None:
    """A month written with both month and year in one of the accepted forms, else None."""
    if match := _SLASHED.fullmatch(text):
        return _month_from(int(match[2]), int(match[1]))
    if match := _ISO.fullmatch(text):
        return _month_from(int(match[1]), int(match[2]))
    if match := _NAMED.fullmatch(text):
        number = _MONTHS_BY_NAME.get(match[1].lower())
        return _month_from(int(match[2]), number) if number else None
    return None


def read_month(
    value: str,
    *,
    source: str,
    line: int | None,
    year_only: YearOnly = "start",
    allow_present: bool = False,
) -> tuple[Month | None, list[Problem]]:
    """Read one date field; `source` names it in messages (e.g. "`End date: 13/2020`").

    Returns (month, problems). A month of None with no error means "no end" (Present).
    A year alone is kept as a year (no warning): "2014 - 2014" spans the year because span
    checks read a year-only start as January and a year-only end as December (`ends_before`).
    `year_only` is ignored; it stays for callers written before year-only dates existed.
    """
    text = value.strip()
    if is_present(text):
        if allow_present:
            return None, []
        message = f"{source}: only an end date may be Present; use MM/YYYY"
        return None, [Problem(line, "error", message)]
    month = _exact_month(text)
    if month is not None:
        return month, []
    if _YEAR.fullmatch(text) and _MIN_YEAR <= int(text) <= _MAX_YEAR:
        return Month(year=int(text)), []
    return None, [Problem(line, "error", f"{source} is not a month; use MM/YYYY")]


def parse_month(text: str, *, year_only: YearOnly = "start") -> Month | None:
    """The simple form for importers: a Month, None for Present, or ValueError saying why."""
    month, problems = read_month(
        text, source=f"`{text.strip()}`", line=None, year_only=year_only, allow_present=True
    )
    errors = [p for p in problems if p.is_error]
    if errors:
        raise ValueError(errors[0].message)
    return month


def read_iso_month(
    value: str, *, source: str, year_only: YearOnly = "start", allow_present: bool = False
) -> tuple[Month | None, list[Problem]]:
    """JSON Resume dates: `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (kept as a year); day dropped."""
    text = value.strip()
    if match := _ISO_DAY.fullmatch(text):
        month = _month_from(int(match[1]), int(match[2]))
        if month is not None and 1 <= int(match[3]) <= 31:
            return month, []
        return None, [Problem(None, "error", f"{source} is not a date; use YYYY-MM")]
    if match := _ISO.fullmatch(text):
        month = _month_from(int(match[1]), int(match[2]))
        if month is not None:
            return month, []
        return None, [Problem(None, "error", f"{source} is not a date; use YYYY-MM")]
    # Exports from other tools often carry the Markdown forms ("Jan 2021", "Present") too.
    month, problems = read_month(
        text, source=source, line=None, year_only=year_only, allow_present=allow_present
    )
    if any(p.is_error for p in problems) and not is_present(text):
        return None, [Problem(None, "error", f"{source} is not a date; use YYYY-MM")]
    return month, problems
