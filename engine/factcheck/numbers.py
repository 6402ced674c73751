"""Number claims, normalised so that equal amounts compare equal whatever their notation.

50,000 = 50k = 50 thousand; $1.2M = $1.2 million; 3x = tripled = 200% more. Each amount keeps its
currency and the time or area unit written with it, so "2 million a day" -> "2 million a second"
is told apart from a changed number. Years inside a line ("in 2018") are dates, not amounts.
Pure code: no database, model or network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
}
_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "million": 1e6, "b": 1e9, "bn": 1e9,
          "billion": 1e9}
_CURRENCY_SIGN = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_CURRENCY_WORD = {"usd": "USD", "dollars": "USD", "dollar": "USD", "eur": "EUR", "euros": "EUR",
                  "euro": "EUR", "gbp": "GBP", "pounds": "GBP"}
# Units a number can carry; synonyms share one key so only a change of kind differs.
_UNITS = {
    "second": "second", "seconds": "second", "sec": "second", "secs": "second",
    "minute": "minute", "minutes": "minute", "min": "minute", "mins": "minute",
    "hour": "hour", "hours": "hour", "hrs": "hour", "day": "day", "days": "day",
    "daily": "day", "night": "day", "nights": "day", "nightly": "day",
    "week": "week", "weeks": "week", "weekly": "week", "month": "month", "months": "month",
    "monthly": "month", "quarter": "quarter", "quarters": "quarter", "quarterly": "quarter",
    "semester": "semester", "semesters": "semester", "term": "semester", "terms": "semester",
    "year": "year", "years": "year", "annual": "year", "annually": "year", "yearly": "year",
    "sq": "sqft", "square": "square", "ft": "sqft", "feet": "sqft", "metres": "sqm",
    "meters": "sqm", "m2": "sqm", "sqm": "sqm", "acres": "acre", "acre": "acre",
}
# Words after which a number is a period: "a day", "per week", "each month".
_RATE_LEAD = frozenset({"a", "an", "per", "each", "every"})
_RATIO_WORDS = {"doubl": 2.0, "tripl": 3.0, "trebl": 3.0, "quadrupl": 4.0}
_RATIO_FORMS = r"(?:e|ed|es|ing)\b"
_NUMBER = re.compile(
    r"(?<![\w/.])(?<![A-Za-z]-)(?P<cur>[$€£¥])?(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)"
    r"(?P<suffix>\s?(?:k|K|M|MM|bn|B)\b|\s(?:thousand|million|billion)\b)?(?P<pct>%)?"
    r"(?P<x>x\b)?(?![\w/]|-[A-Za-z]+\d|\.\d)")
_TOKEN = re.compile(r"[A-Za-z0-9²]+")


@dataclass(frozen=True)
class Amount:
    value: float
    percent: bool
    currency: str | None
    unit: str | None  # the unit written right after the number (hours, sq ft, ...)
    is_year: bool
    start: int  # where it sits in the line
    end: int
    ratio: bool = False  # "3x"
    period: str | None = None  # "2 million requests a day": day


def _after(text: str, at: int, count: int = 3) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text[at:at + 40])][:count]


def _unit_after(text: str, at: int) -> tuple[str | None, str | None]:
    """(currency, unit) written after a number: '30 hours', '420,000 sq ft', '50 EUR'."""
    words = _after(text, at)
    currency = next((_CURRENCY_WORD[w] for w in words[:1] if w in _CURRENCY_WORD), None)
    word = words[0] if words else ""
    unit = _UNITS.get(word)
    if unit == "square":  # "square feet" or "square metres"
        nxt = words[1] if len(words) > 1 else ""
        unit = "sqm" if nxt.startswith(("met", "m2", "kilo")) else "sqft"
    return currency, unit


def amounts(text: str) -> list[Amount]:
    """Every amount in the text, with its value in plain units."""
    found: list[Amount] = []
    for m in _NUMBER.finditer(text):
        raw = m.group("num").replace(",", "")
        value = float(raw)
        suffix = (m.group("suffix") or "").strip().lower()
        if suffix:
            value *= _SCALE[suffix]
        is_year = (not suffix and not m.group("cur") and not m.group("pct")
                   and m.group("num").isdigit() and len(raw) == 4 and 1950 <= value <= 2100)
        currency = _CURRENCY_SIGN.get(m.group("cur") or "")
        word_currency, unit = _unit_after(text, m.end())
        found.append(Amount(value, bool(m.group("pct")), currency or word_currency,
                            None if is_year else unit, is_year, m.start(), m.end(),
                            ratio=bool(m.group("x")), period=_period_after(text, m.end())))
    return sorted(found, key=lambda a: a.start)


def _period_after(text: str, at: int) -> str | None:
    """The rate period written within a few words after a number, in its clause."""
    clause = re.split(r"[,;:()]|\.\s", text[at:], maxsplit=1)[0]
    found = periods(" ".join(_TOKEN.findall(clause)[:5]))
    return min(found) if len(found) == 1 else None


def periods(text: str) -> set[str]:
    """Rate periods of a line: 'a day', 'per week', 'annual', 'quarterly'."""
    words = [w.lower() for w in _TOKEN.findall(text)]
    found = set()
    for i, word in enumerate(words):
        unit = _UNITS.get(word)
        if unit is None or unit in ("sqft", "sqm", "square", "acre"):
            continue
        if word in ("daily", "nightly", "weekly", "monthly", "quarterly", "annual", "annually",
                    "yearly") or (i and words[i - 1] in _RATE_LEAD):
            found.add(unit)
    return found


def ratio_claims(text: str) -> list[float]:
    """Growth factors a line claims: 'tripled' = 3, '3x' = 3, '200% more' = 3."""
    lowered = text.lower()
    claims = [v for w, v in _RATIO_WORDS.items()
              if re.search(rf"(?<!more than )\b{w}{_RATIO_FORMS}", lowered)]
    claims += [a.value for a in amounts(text) if a.ratio]
    for m in re.finditer(r"(\d+(?:\.\d+)?)\s*%\s+(?:more|higher|increase|growth)", lowered):
        claims.append(1 + float(m.group(1)) / 100)
    return claims


def at_least_ratio_claims(text: str) -> list[float]:
    """'more than doubled' claims a factor above 2, not exactly 2."""
    return [v for w, v in _RATIO_WORDS.items()
            if re.search(rf"\bmore than {w}{_RATIO_FORMS}", text.lower())]


def derived(values: list[float]) -> set[float]:
    """Percentages and factors honestly derived from two numbers of a source line."""
    out: set[float] = set()
    for i, a in enumerate(values):
        for b in values[i + 1:]:
            if a and b:
                out |= {round(abs(b - a) / a * 100), round(abs(a - b) / b * 100)}
                out |= {round(b / a, 1), round(a / b, 1)}
    return out


def same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
