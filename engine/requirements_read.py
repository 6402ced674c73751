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
# Product-like names outside the vocabulary: inner capitals or digits ("CloudFront", "EC2").
_CODE_LIKE = re.compile(r"(?<![\w/.@-])(?:[A-Z][a-z]+[A-Z][A-Za-z]*|[A-Za-z]+\d+[A-Za-z\d]*)"
                        r"(?![\w@-]|\.\w)")
_NOT_A_TOOL = re.compile(r"^(PhD|MSc|BSc|MBA|[A-Z]{2,}\d{3,}|[A-Z][a-z]+\d{3,}\w*|"
                         r"Mc[A-Z]\w+|Mac[A-Z]\w+|\d+\w*|[A-Za-z]\d|Q\d|H\d|COVID\d*|"
                         r"[A-Za-z]+\d+[a-z]+)$")
_LIST_ITEM = re.compile(r"^[A-Z][\w.+#-]*(?: [A-Z][\w.+#-]*){0,2}$")
MAX_NAME_CHARS = 24


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
        tools = [h for h in _tool_hits(clause, intro_names)
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


def _tool_hits(clause: str, intro_names: frozenset[str]) -> list[TermHit]:
    hits = find_term_spans(clause)
    if kinds.company_voice(clause):
        # An unknown name in the company's words about itself is its own product or brand
        # ("we're ranked on LinkedIn"): only names the vocabulary knows count there.
        return [h for h in hits if not _ROLE_AFTER.match(clause, h.end)]
    covered = [(h.start, h.end) for h in hits]
    extra = [
        TermHit(m.start(), m.end(), m.group(0)) for m in _CODE_LIKE.finditer(clause)
        if len(m.group(0)) <= MAX_NAME_CHARS and not _NOT_A_TOOL.match(m.group(0))
        and canonical(m.group(0)) not in intro_names
        and not any(a < m.end() and m.start() < b for a, b in covered)
    ]
    hits = sorted([*hits, *extra], key=lambda h: h.start)
    hits = _list_neighbours(clause, hits, intro_names) if hits else hits
    hits = _bare_list_items(clause, hits, intro_names) if len(hits) > 1 else hits
    hits = _tag_line(clause, hits)
    return [h for h in hits if not _ROLE_AFTER.match(clause, h.end)]


_TAG = re.compile(r"^[a-z0-9][a-z0-9.+#/-]*$")
_TAG_STOP = frozenset({"and", "or", "the", "a", "an", "of", "in", "with", "to", "for", "on",
                       "at", "by", "as", "is", "are", "we", "you", "our", "your", "etc"})
MIN_TAGS = 2
MAX_TAGS = 12


def _tag_line(clause: str, hits: list[TermHit]) -> list[TermHit]:
    """A line of lowercase tags ("aws mysql java hibernate jenkins sysadmin", as job boards
    print a posting's tags): when most tags are known tools and no word is prose, every tag is
    a tool, the ambiguous short ones ("go", "c") included."""
    words = list(_WORD.finditer(clause))
    if not MIN_TAGS <= len(words) <= MAX_TAGS or not all(_TAG.match(w.group(0)) for w in words):
        return hits
    if any(w.group(0) in _TAG_STOP for w in words):
        return hits
    known = [w for w in words if find_term_spans(w.group(0)) or
             any(h.start <= w.start() and w.end() <= h.end for h in hits)]
    if len(known) * 2 < len(words) or len(known) < MIN_TAGS:
        return hits
    extra = [TermHit(w.start(), w.end(), w.group(0)) for w in words
             if not any(h.start < w.end() and w.start() < h.end for h in hits)]
    return sorted([*hits, *extra], key=lambda h: h.start)


_WORD = re.compile(r"[^\s,;()]+")
_BARE_ITEM = re.compile(r"^[A-Z][\w.+#/-]*$")
MIN_TOOLS_IN_BARE_LIST = 2


def _bare_list_items(clause: str, hits: list[TermHit],
                     intro_names: frozenset[str]) -> list[TermHit]:
    """A list written without commas ("Docker Kubernetes Rancher", "MySQL Aurora Nginx"): a
    capitalised word in an unbroken run of words that holds two known tools or more is a tool
    too. The run stops at a lowercase word other than "and", "or", "and/or"."""
    runs: list[list[tuple[int, int, int | None]]] = [[]]
    for m in _WORD.finditer(clause):
        a, b = m.span()
        word = m.group(0).rstrip(".")
        if word.endswith(":"):
            runs.append([])
            continue
        b = a + len(word)
        known = next((i for i, h in enumerate(hits) if h.start < b and a < h.end), None)
        gap = clause[runs[-1][-1][1]:a] if runs[-1] else ""
        if runs[-1] and re.search(r"[;():]", gap):  # "Backend: Azure SQL" - a label ends a run
            runs.append([])
        if known is not None or (_BARE_ITEM.match(word) and not _NOT_A_TOOL.match(word)
                                 and not _ROLE_WORD.match(word)
                                 and canonical(word) not in intro_names):
            runs[-1].append((a, b, known))
        elif word.lower() not in ("and", "or", "and/or", "&"):
            runs.append([])
    found = list(hits)
    for run in runs:
        if len({known for _, _, known in run} - {None}) >= MIN_TOOLS_IN_BARE_LIST:
            found.extend(TermHit(a, b, clause[a:b]) for a, b, known in run if known is None)
    return sorted(found, key=lambda h: h.start)


# A name followed by a role or a team ("DevOps engineers", "our Java Developer", "scrum
# masters", "SRE teams") names people or a job title, not a tool the person must use.
_ROLES = (
    r"(?:engineers?|developers?|programmers?|architects?|administrators?|managers?|"
    r"masters?|teams?|designers?|specialists?|consultants?|analysts?|leads?|warriors|experts?|"
    r"practice|partners?|champions?|evangelists?|advocates?|community|scientists?)\b")
_ROLE_AFTER = re.compile(r"[ \t]+" + _ROLES, re.I)
_ROLE_WORD = re.compile(_ROLES + "$", re.I)


def _list_neighbours(clause: str, hits: list[TermHit],
                     intro_names: frozenset[str]) -> list[TermHit]:
    """Capitalised items in the same comma/"or" list as a known tool are tools too ("Jenkins,
    Bamboo or TeamCity")."""
    found = list(hits)
    for hit in hits:
        for direction in (1, -1):
            position = hit.end if direction == 1 else hit.start
            while True:
                if direction == 1:
                    m = re.match(r"(\s*(?:,|/|,?\s*or|,?\s*and)\s*)([A-Z][\w.+#-]*(?: [A-Z]"
                                 r"[\w.+#-]*){0,2})", clause[position:])
                    if not m:
                        break
                    a, b = position + m.start(2), position + m.end(2)
                else:
                    m = re.search(r"([A-Z][\w.+#-]*(?: [A-Z][\w.+#-]*){0,2})(\s*(?:,|/)\s*)$",
                                  clause[:position])
                    if not m:
                        break
                    a, b = m.start(1), m.end(1)
                name = clause[a:b].rstrip(".")
                b = a + len(name)
                if (any(h.start < b and a < h.end for h in found) or not _LIST_ITEM.match(name)
                        or canonical(name) in intro_names or _NOT_A_TOOL.match(name)):
                    if any(h.start < b and a < h.end for h in found):
                        position = b if direction == 1 else a
                        continue
                    break
                found.append(TermHit(a, b, name))
                position = b if direction == 1 else a
    return sorted(found, key=lambda h: h.start)


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
