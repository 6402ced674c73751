"""Which names in one clause of a posting are tools: the vocabulary's names read in context,
product-like names outside it ("CloudFront", "EC2"), and the unknown members of a list that holds
known tools ("Jenkins, Bamboo or TeamCity", "Docker Kubernetes Rancher", a line of lowercase
tags). A name before a role ("DevOps engineers") is a job, not a tool; in the company's words
about itself only names the vocabulary knows count.
"""

from __future__ import annotations

import re

from engine import requirements_kinds as kinds
from engine.requirements_vocab import TermHit, canonical, find_term_spans

# Product-like names outside the vocabulary: inner capitals or digits ("CloudFront", "EC2").
_CODE_LIKE = re.compile(r"(?<![\w/.@-])(?:[A-Z][a-z]+[A-Z][A-Za-z]*|[A-Za-z]+\d+[A-Za-z\d]*)"
                        r"(?![\w@-]|\.\w)")
_NOT_A_TOOL = re.compile(r"^(PhD|MSc|BSc|MBA|[A-Z]{2,}\d{3,}|[A-Z][a-z]+\d{3,}\w*|"
                         r"Mc[A-Z]\w+|Mac[A-Z]\w+|\d+\w*|[A-Za-z]\d|Q\d|H\d|COVID\d*|"
                         r"[A-Za-z]+\d+[a-z]+)$")
_LIST_ITEM = re.compile(r"^[A-Z][\w.+#-]*(?: [A-Z][\w.+#-]*){0,2}$")
MAX_NAME_CHARS = 24


def tool_hits(clause: str, intro_names: frozenset[str]) -> list[TermHit]:
    """The tools a clause names, with offsets in the clause; `intro_names` are the employer's
    own names (from its blurb), which never count."""
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
