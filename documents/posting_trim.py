"""A very long pasted job posting cut down to the posting, with a note of what was cut.

Selecting a whole job page in a browser and pasting it brings the page's furniture along: menus,
the cookie notice, adverts, share buttons, a newsletter box, "similar jobs", the footer. A 50 KB
paste of that once went to the model as is. Lines that are page furniture by their words, runs
of menu-like short lines, "similar jobs" lists (a heading and the short lines after it) and
repeated lines are cut; what remains is the posting. Each cut is counted by kind for the note.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

# Only pastes longer than this are trimmed: a long real posting is 10-20 thousand characters.
TRIM_ABOVE_CHARS = 15_000
# What may be kept after trimming (about twice the longest real postings).
MAX_POSTING_CHARS = 40_000

# Each pattern names furniture in words a posting (or a resume pasted at length) would not use
# for itself: "cookies" alone may be a bakery's job, "Contact" alone a resume's heading.
_FURNITURE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cookie notice", re.compile(
        r"\b(we|this (web)?site|our site) uses? cookies\b|\bcookie (settings|preferences|"
        r"policy|consent|banner)\b|\baccept (all )?cookies\b|\bour \d+ partners\b|"
        r"^\s*(accept( all)?|reject( all)?|only necessary|necessary only|manage "
        r"(preferences|cookies|consent)|privacy (settings|preferences))\s*$", re.I)),
    ("adverts", re.compile(r"^\s*(advertisement|sponsored|anzeige|publicité)\s*$", re.I)),
    ("sign-in and newsletter prompts", re.compile(
        r"^\s*(sign in|log in|login|register|join now|sign up|subscribe)\s*$|"
        r"\bsubscribe to our newsletter\b|\bjob alerts?\b|\bnever miss a job\b", re.I)),
    ("share buttons", re.compile(r"^\s*share( this (job|page|posting))?\s*:?\s*$|"
                                 r"^\s*share this (job|page|posting)\b", re.I)),
    ("footer", re.compile(
        r"^\s*©|\ball rights reserved\b|^\s*(imprint|impressum|terms of (use|service)|"
        r"privacy policy|contact us|sitemap|cookie policy)\s*$", re.I)),
)
# Lines at least this long that repeat are furniture (cards, "Apply now" blocks); a shorter
# one may be a skill named under two roles.
_REPEAT_MIN_CHARS = 25
_OTHER_JOBS = re.compile(
    r"^\s*(similar|related|recommended|more|other|recently viewed)\s+(jobs|positions|"
    r"vacancies|openings|roles)\b|^\s*people (also|who) viewed\b|^\s*jobs you (may|might) "
    r"(like|be interested in)\b|^\s*you (may|might) also like\b", re.I)
_MENU_RUN = 6  # this many short lines in a row are a menu (a job's header block has fewer)
_NAV_WORDS = re.compile(
    r"^\s*(home|jobs|find jobs|search|companies|salaries|career( guide| advice)?|for employers|"
    r"employers|post a job|log ?in|sign ?in|sign up|register|about( us)?|contact( us)?|help|"
    r"blog|menu|news|events|products|pricing|my account|saved jobs)\b", re.I)
_NAV_MIN = 2  # a run needs this many menu words: a resume's header lines have none or one
_PROSE_WORDS = 10  # a line this long is a sentence of the posting, not a menu item
_BULLET = re.compile(r"^\s*([-*•·▪●◦–]|\d+[.)])\s")


@dataclass
class Trimmed:
    text: str
    cut: Counter[str] = field(default_factory=Counter)  # kind -> characters cut
    before_chars: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.cut)

    def note(self) -> str:
        """What was cut, for the person: sizes by kind, largest first."""
        if not self.cut:
            return ""
        kinds = ", ".join(f"{kind} ({chars:,} characters)" for kind, chars in
                          self.cut.most_common())
        return (f"Your paste was {self.before_chars:,} characters; I kept the posting "
                f"({len(self.text):,} characters) and cut what was page furniture: {kinds}.")


def trim_posting(text: str) -> Trimmed:
    """``text`` without page furniture; unchanged when it is not longer than TRIM_ABOVE_CHARS."""
    result = Trimmed(text=text, before_chars=len(text))
    if len(text) <= TRIM_ABOVE_CHARS:
        return result
    lines = text.splitlines()
    keep = [True] * len(lines)
    _cut_other_jobs(lines, keep, result.cut)
    seen: set[str] = set()
    after_advert = False
    for number, line in enumerate(lines):
        if not keep[number] or not line.strip():
            continue
        key = " ".join(line.split()).lower()
        kind = next((name for name, pattern in _FURNITURE
                     if len(key) < 300 and pattern.search(line)), None)
        if kind is None and after_advert and len(line) < 120:
            kind = "adverts"  # the advert's own line, under its "Advertisement" label
        after_advert = kind == "adverts" and not after_advert
        if kind is None and key in seen and len(key) >= _REPEAT_MIN_CHARS:
            kind = "repeated lines"
        seen.add(key)
        if kind is not None:
            keep[number] = False
            result.cut[kind] += len(line) + 1
    _cut_menus(lines, keep, result.cut)
    kept = "\n".join(line for line, wanted in zip(lines, keep, strict=True) if wanted)
    result.text = re.sub(r"\n{3,}", "\n\n", kept).strip()
    return result


def _short(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= 4 and not _BULLET.match(line) and not line.rstrip().endswith(
        (".", ":", "!", "?"))


def _cut_other_jobs(lines: list[str], keep: list[bool], cut: Counter[str]) -> None:
    """A "similar jobs" heading and the listing lines under it (short, or job-card-like)."""
    number = 0
    while number < len(lines):
        if len(lines[number].split()) > 6 or not _OTHER_JOBS.search(lines[number]):
            number += 1
            continue
        keep[number] = False
        cut["similar jobs"] += len(lines[number]) + 1
        number += 1
        while number < len(lines) and (not lines[number].strip() or len(lines[number]) < 120):
            keep[number] = False
            cut["similar jobs"] += len(lines[number]) + 1
            number += 1


def _cut_menus(lines: list[str], keep: list[bool], cut: Counter[str]) -> None:
    """Runs of short lines above the first sentence or below the last one, as far as their menu
    words reach: menus sit at a page's top and bottom, and the job's own header lines (title,
    company, place) right under a menu have no menu words. Short lines between sentences are a
    posting's (or resume's) own headings and lists. Lines already cut ("Log in") count too."""
    prose = [n for n, line in enumerate(lines) if keep[n] and len(line.split()) >= _PROSE_WORDS]
    if not prose:
        return
    run: list[int] = []  # line numbers of short lines, cut ones included
    for number in [*range(len(lines)), None]:
        if number is not None and not lines[number].strip():
            continue
        if number is not None and (not keep[number] or (
                _short(lines[number]) and not prose[0] < number < prose[-1])):
            run.append(number)
            continue
        _cut_run(lines, keep, cut, run, above=bool(run) and run[0] < prose[0])
        run = []


def _cut_run(lines: list[str], keep: list[bool], cut: Counter[str], run: list[int],
             above: bool) -> None:
    menu = [n for n in run if _NAV_WORDS.match(lines[n]) and len(lines[n].split()) <= 4]
    if len(run) < _MENU_RUN or len(menu) < _NAV_MIN:
        return
    # Above the text the menu ends at its last menu word; below, it starts at its first.
    span = [n for n in run if n <= menu[-1]] if above else [n for n in run if n >= menu[0]]
    for index in span:
        if keep[index]:
            keep[index] = False
            cut["menus and navigation"] += len(lines[index]) + 1
