"""Reading one line of a posting's requirement parts into requirements with cited spans.

A line is cut into clauses (sentences, and each parenthetical on its own, masked in place so the
offsets stay those of the posting). Whether a clause is required or preferred comes from the part
it sits in and from its own wording ("a plus", "not required"); a parenthetical that only says
"(not required)" applies to the clause around it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from engine import requirements_kinds as kinds
from engine.requirements_phrases import skill_phrases
from engine.requirements_segments import Line
from engine.requirements_tools import tool_hits
from engine.requirements_vocab import TermHit, canonical, find_term_spans
from engine.scoring_evidence import key_terms

Span = tuple[int, int]

_PREFERRED_WORDING = re.compile(
    r"\b(nice[- ]to[- ]have|preferred|preferably|a plus|is a plus|plus\b|bonus|ideally|"
    r"desirable|desired|good to have|would be great|an advantage|advantageous|helpful|"
    r"not required|not mandatory|optional|un plus|vrai plus|atout|souhaité|apprécié|"
    r"deseable|valorable|se valorará|valorará|wünschenswert|von vorteil|idealerweise)\b",
    re.I)
_INLINE_PREFERRED = re.compile(
    r"\b(bonus( points)?|nice[- ]to[- ]have|preferred|a plus|pluses|un plus|atouts?)\s*:", re.I)
# "one of" makes a list alternatives whatever its joining words; "such as" only when the list is
# not joined by "and" ("such as React, Vue or Angular" yes; "like HTML, CSS and JS" no).
_ONE_OF_CUE = re.compile(r"\b(one of|any of|either|l'un des|uno de|eine[rs]? der)\W*$", re.I)
_EXAMPLE_CUE = re.compile(
    r"\b(such as|e\.g\.|eg\.|for example|for instance|like|similar|equivalent|comparable|"
    r"tels? que|como|wie z\. ?b\.|z\. ?b\.)\W*$", re.I)
_AND_GAP = re.compile(r"\band\b|&|\bet\b|\by\b|\bund\b", re.I)
_LIST_GAP = re.compile(r"^\s*(,|/|\bor\b|\band\b|,\s*(or|and)\b|\band/or\b|&|\bou\b|\bo\b|\by\b|"
                       r"\bet\b|\bund\b|\boder\b)\s*$", re.I)
# A slash joins as often as it separates ("Python/Django", "Git/SVN"): it makes no group.
_OR_GAP = re.compile(r"\bor\b|\bou\b|\bo\b|\boder\b", re.I)


def _clauses(posting: str, start: int, end: int) -> Iterator[tuple[int, str, bool | None]]:
    """(offset, clause text masked to posting offsets, forced preferred?) for one line."""
    line = posting[start:end]
    inline = _INLINE_PREFERRED.search(line)
    pieces = [(0, inline.start(), None), (inline.end(), len(line), True)] if inline else \
        [(0, len(line), None)]
    for a, b, forced in pieces:
        piece = line[a:b]
        for sentence in re.finditer(r"[^.;!?]+(?:[.;!?](?!\w)|$)|[^.;!?]*\.\w[^.;!?]*", piece):
            text = sentence.group(0)
            offset = start + a + sentence.start()
            asides = list(re.finditer(r"\(([^()]*)\)", text))
            main = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), text)
            aside_pref = any(_PREFERRED_WORDING.search(x.group(1)) and not find_term_spans(
                x.group(1)) for x in asides)
            yield offset, main, True if (forced or aside_pref) else None
            for aside in asides:
                yield offset + aside.start(1), aside.group(1), forced


def read_clause(posting: str, start: int, end: int, part: str, blocked: Sequence[Span],
                intro_names: frozenset[str], whole_bullets: bool = False):
    """Requirements in one line. With `whole_bullets` (a posting with headings), a bullet that
    yields nothing else is one skill requirement in its own words ("Invoice validation")."""
    found = list(_read_line(posting, start, end, part, blocked, intro_names))
    yield from found
    if whole_bullets and not found:
        bullet = _bullet(posting, start, end, part, blocked)
        if bullet is not None:
            yield bullet


_BULLET = re.compile(r"^\s*(?:[-•*–·▪●◦]|\d{1,2}[.)])?\s*(?P<body>[^():]{3,}?)\s*[.;]?\s*$")
MAX_BULLET_WORDS = 10


def _bullet(posting: str, start: int, end: int, part: str, blocked: Sequence[Span]):
    from engine.requirements import Requirement

    line = posting[start:end]
    cut = re.search(r"[(:]", line)
    m = _BULLET.match(line[: cut.start()] if cut else line)
    if not m or len(m.group("body").split()) > MAX_BULLET_WORDS:
        return None
    span = (start + m.start("body"), start + m.end("body"))
    if _inside(span, blocked) or len(key_terms(m.group("body"))) < 1:
        return None
    preferred = part == "preferred" or bool(_PREFERRED_WORDING.search(line))
    return Requirement(posting[span[0]:span[1]], not preferred, "skill", (span,),
                       part="preferred" if preferred else part)


def _read_line(posting: str, start: int, end: int, part: str, blocked: Sequence[Span],
               intro_names: frozenset[str]):
    from engine.requirements import Requirement

    for offset, clause, forced in _clauses(posting, start, end):
        if not clause.strip():
            continue
        preferred = part == "preferred" or bool(forced) or bool(_PREFERRED_WORDING.search(clause))
        # Tools named in the responsibilities are needed too; they weigh less in the score.
        required = not preferred
        where = "preferred" if preferred else part

        def make(text: str, kind: str, spans: tuple[Span, ...], alternatives=(), years=None,
                 *, required: bool = required, where: str = where):
            return Requirement(text, required, kind, spans, tuple(alternatives), where, years)

        taken: list[Span] = []
        finders = [kinds.degrees, kinds.certifications, kinds.years, kinds.languages,
                   kinds.domains]
        if part != "duties":  # "clearance from operations" in a duty is not a visa
            finders.append(kinds.authorisation)
        for kind_finder in finders:
            for found in kind_finder(clause):
                span = (offset + found.start, offset + found.end)
                if found.end <= found.start or _inside(span, blocked):
                    continue
                taken.append(span)
                yield make(posting[span[0]:span[1]], found.kind, (span,), years=found.years)
        tools = [h for h in tool_hits(clause, intro_names)
                 if not _inside((offset + h.start, offset + h.end), blocked)
                 and not _inside((offset + h.start, offset + h.end), taken)]
        for group in _groups(clause, tools):
            spans = tuple((offset + h.start, offset + h.end) for h in group)
            if len(group) == 1:
                yield make(group[0].name, "tool", spans)
            else:
                names = [h.name for h in group]
                yield make(" or ".join(names), "tool", spans, alternatives=names)
        for a, b, kind in skill_phrases(clause, tools):
            span = (offset + a, offset + b)
            if not _inside(span, blocked):
                yield make(posting[span[0]:span[1]], kind, (span,))


def _inside(span: Span, ranges: Sequence[Span]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in ranges)


def _groups(clause: str, hits: list[TermHit]) -> list[list[TermHit]]:
    """Tools next to each other in a list: one group of alternatives when the list says "or",
    "/", "one of", "such as"; otherwise each tool on its own."""
    groups: list[list[TermHit]] = []
    run: list[TermHit] = []
    gaps: list[str] = []

    def flush() -> None:
        if not run:
            return
        before = clause[max(0, run[0].start - 40):run[0].start]
        ored = any(_OR_GAP.search(g) and not _AND_GAP.search(g) for g in gaps)
        anded = any(_AND_GAP.search(g) and not _OR_GAP.search(g) for g in gaps)
        alternatives = _ONE_OF_CUE.search(before) or (ored and not anded) or (
            _EXAMPLE_CUE.search(before) and not anded)
        if len(run) > 1 and alternatives:
            groups.append(list(run))
        else:
            groups.extend([h] for h in run)

    for hit in hits:
        gap = clause[run[-1].end:hit.start] if run else ""
        if run and _LIST_GAP.match(gap):
            run.append(hit)
            gaps.append(gap)
            continue
        flush()
        run, gaps = [hit], []
    flush()
    unique: list[list[TermHit]] = []
    for group in groups:
        names = {canonical(h.name) for h in group}
        if len(names) < len(group):
            group = [h for i, h in enumerate(group)
                     if canonical(h.name) not in {canonical(x.name) for x in group[:i]}]
        unique.append(group)
    return unique


def title_requirements(posting: str, lines: list[Line]):
    """The level the title asks for ("Senior Data Engineer"): the first line, when short."""
    from engine.requirements import Requirement

    if not lines or lines[0].heading or len(lines[0].text) > 80:
        return
    first = lines[0]
    for found in kinds.seniority(first.text):
        span = (first.start + found.start, first.start + found.end)
        yield Requirement(posting[span[0]:span[1]], True, "seniority", (span,), part="required")
        return
