"""Evidence by meaning: related words and families of similar tools (vocab_data/related_terms.txt).

A resume often says the same work in other words ("tutor" for teaching, "freight" for logistics)
or shows a tool of the same family as the one asked ("Vue.js" where the posting asks React). The
first is evidence: a line with a related word also holds the word it relates to. The second is
not (the person has not used React), but it is worth a little and worth saying, so the score
gives such a gap SIMILAR_CREDIT and names the similar tool. The table is curated general
knowledge, read once on first use; provenance in vocab_data/README.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from engine.requirements_vocab import canonical

_TABLE = Path(__file__).resolve().parent / "vocab_data" / "related_terms.txt"


@cache
def _sections() -> dict[str, list[tuple[str, list[str]]]]:
    sections: dict[str, list[tuple[str, list[str]]]] = {}
    current: list[tuple[str, list[str]]] = []
    for raw in _TABLE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if re.fullmatch(r"\[\w+\]", line):
            current = sections.setdefault(line[1:-1], [])
            continue
        head, _, members = line.partition(":")
        current.append((head.strip(), [m.strip() for m in members.split(",") if m.strip()]))
    return sections


@cache
def tool_families() -> dict[str, frozenset[str]]:
    """Canonical tool key -> the canonical keys of the other tools of its families."""
    found: dict[str, set[str]] = {}
    for _, members in _sections().get("tools", []):
        keys = {canonical(m) for m in members}
        for key in keys:
            found.setdefault(key, set()).update(keys - {key})
    return {key: frozenset(others) for key, others in found.items()}


@cache
def _implied() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for head, members in _sections().get("implies", []):
        for member in members:
            found.setdefault(canonical(member), set()).add(canonical(head))
    return {key: frozenset(heads) for key, heads in found.items()}


def with_implied(terms: Iterable[str]) -> frozenset[str]:
    """The tools a line names plus the ones using them means using (SQL Server -> SQL)."""
    have = set(terms)
    table = _implied()
    return frozenset(have.union(*(table.get(t, frozenset()) for t in have)))


def similar_tools(key: str) -> frozenset[str]:
    return tool_families().get(key, frozenset())


@cache
def _related_words(lemma: Callable[[str], str]) -> dict[str, frozenset[str]]:
    """Lemma of a related word -> the lemmas of the words it also shows."""
    found: dict[str, set[str]] = {}
    for head, members in _sections().get("words", []):
        for member in members:
            found.setdefault(lemma(member), set()).add(lemma(head))
    return {word: frozenset(heads) for word, heads in found.items()}


def with_related(lemmas: Iterable[str], lemma: Callable[[str], str]) -> frozenset[str]:
    """The lemmas of a line plus the words its related words show (one step, no chains)."""
    have = set(lemmas)
    table = _related_words(lemma)
    return frozenset(have.union(*(table.get(w, frozenset()) for w in have)))
