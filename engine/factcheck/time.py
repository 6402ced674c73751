"""Claims about time: tools named in roles that ended before the tool existed, and "N years of X"
claims that the dated roles showing X do not cover.

The release years are package data (release_years.json), one entry per tool with the
source to verify it against. A role "shows" X when its title, lines or skills name it; spans of
such roles are merged. The current role runs to `today`. Pure code.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from documents.model import Month, Role
from engine.factcheck.numbers import WORD_NUMBERS
from engine.requirements_vocab import fold

# Amounts of slack: a claim is inflated only when it exceeds the covered span by over a year,
# so a month's rounding or the reading of year-only dates never flips a verdict.
_SLACK_MONTHS = 12
_YEARS = re.compile(
    r"\b(?P<n>\d+|" + "|".join(WORD_NUMBERS) + r")\+?\s*(?:full\s+)?years?(?:'|’)?\b"
    r"(?P<rest>(?:(?!\b(?:\d+|" + "|".join(WORD_NUMBERS) + r")\+?\s*years?\b)[^.;:!?])*)",
    re.I)
# Where the subject of "N years of X ..." ends: "who builds ...", "experience in a ...".
_SUBJECT_END = re.compile(r"\b(?:who|that|which|with|in|at|for|on|across|from|to|while|where|"
                          r"building|experience)\b|[,(]", re.I)
_STOP_TEXT = ("of as a an the in on at with and or for i have has had been my experience years "
              "year work working hands-on professional including across over more than plus")
_STOP = frozenset(_STOP_TEXT.split())
_WORD = re.compile(r"[A-Za-z][\w+#./-]*")


@dataclass(frozen=True)
class Release:
    name: str
    year: int
    pattern: re.Pattern[str]


@cache
def releases() -> tuple[Release, ...]:
    # Next to this module wherever it lives (the layer move must carry the file along).
    text = resources.files(__package__).joinpath(
        "release_years.json").read_text(encoding="utf-8")
    out = []
    for entry in json.loads(text):
        names = [entry["name"], *entry.get("aliases", [])]
        alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        out.append(Release(entry["name"], int(entry["first_public_release"]),
                           re.compile(rf"(?<![\w/])(?:{alternatives})(?![\w/])")))
    return tuple(out)


def anachronisms(line: str, role: Role) -> list[Release]:
    """Tools the line names that were first released after the role ended."""
    if role.end is None:
        return []
    return [r for r in releases() if r.year > role.end.year and r.pattern.search(line)]


def _months(role: Role, today: dt.date) -> tuple[int, int]:
    # A year given alone covers all of it that it can: no honest claim is refused for the
    # month the file did not say.
    assert role.start is not None, "undated roles cover no months"
    start = role.start.earliest
    end = role.end.latest if role.end else Month.of(today)
    assert start.month is not None and end.month is not None
    return start.year * 12 + start.month - 1, end.year * 12 + end.month - 1


def _stem(word: str) -> str:
    word = fold(word).strip(".-/")
    for ending in ("ing", "ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= (3 if ending == "s" else 4):
            return word[: -len(ending)]
    return word


def _role_stems(role: Role) -> set[str]:
    text = " ".join([role.title, *role.summary, *role.situation, *role.tasks, *role.skills])
    return {_stem(w) for w in _WORD.findall(text)}


def covered_months(roles: Sequence[Role], today: dt.date) -> int:
    # A role without dates covers no months that could be counted.
    spans = sorted(_months(r, today) for r in roles if r.start is not None)
    total, until = 0, -1
    for start, end in spans:
        start = max(start, until + 1)
        if end >= start:
            total += end - start + 1
            until = end
    return total


@dataclass(frozen=True)
class YearsClaim:
    years: int
    subject: str
    covered: float  # years the showing roles cover


def years_claims(line: str, roles: Sequence[Role], today: dt.date) -> list[YearsClaim]:
    """Every "N years of X" in the line that the roles showing X do not cover (with slack)."""
    inflated = []
    stems = [(_role_stems(r), r) for r in roles]
    for m in _YEARS.finditer(line):
        raw = m.group("n").lower()
        years = int(raw) if raw.isdigit() else WORD_NUMBERS[raw]
        rest = m.group("rest")
        lines = _showing_lines(rest, roles)
        if not re.match(r"\s*(?:of|as|in)\b", rest, re.I) and lines:
            shown = [lines]  # "For eight years I have coached ...": the roles with that work
        else:
            rest = _SUBJECT_END.split(re.sub(r"^\s*(?:of|as an?|in)\s+", "", rest), 1)[0]
            words = [_stem(w) for w in _WORD.findall(rest) if fold(w) not in _STOP]
            shown = [[r for s, r in stems if w in s] for w in words]
            shown = [r for r in shown if r]
        if shown:
            months = min(covered_months(r, today) for r in shown)
        else:  # nothing names it: the whole career is the most that can be true
            months = covered_months([r for _, r in stems], today)
        if years * 12 > months + _SLACK_MONTHS:
            inflated.append(YearsClaim(years, rest.strip(), round(months / 12, 1)))
    return inflated


def _showing_lines(text: str, roles: Sequence[Role]) -> list[Role]:
    """The roles with a line that says what `text` says (most of its words)."""
    words = {_stem(w) for w in _WORD.findall(text) if fold(w) not in _STOP}
    if len(words) < 2:
        return []
    found = []
    for role in roles:
        for line in [*role.summary, *role.situation, *role.tasks]:
            if len(words & {_stem(w) for w in _WORD.findall(line)}) >= 0.75 * len(words):
                found.append(role)
                break
    return found


def years_spans(line: str) -> list[tuple[int, int]]:
    """Where years claims sit in the line, so their numbers are not checked as amounts."""
    return [(m.start(), m.start() + len(m.group(0)) - len(m.group("rest"))) for m in
            _YEARS.finditer(line)]
