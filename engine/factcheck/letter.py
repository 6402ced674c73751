"""What a cover letter sentence may say: claims about the person rest on the resume or a
confirmed fact; the posting is a source for the employer's names (job title, company, team,
products, reference code) and for what the person would do there, never for what they did.

A first-person sentence whose statements (not its wishes: "I would", "I can") use two or more
words that neither the resume, the facts nor letter phrasing give is a claim without a source.
Pure code.
"""

from __future__ import annotations

import re

from engine.factcheck.claims import Support
from engine.requirements_vocab import fold

_FIRST_PERSON = re.compile(r"\b(?:I|my|My|me)\b")
_CLAUSE = re.compile(r"[,;:()]|\s(?:and|which|so|while|where|who|but)\s")
_WISH = re.compile(r"\b(?:would|could|can|will|shall|might|hope|eager|look forward|glad|"
                   r"welcome|applying|apply|application|considered|interested|excited)\b",
                   re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
# Words of letter phrasing that say nothing checkable about the person.
_PHRASING_TEXT = """
the and for with that this from have has had been also into onto over about before after
since when where which while what who whom your their there them they our ours you are was
were will would could should than then just very much more most such each every some any all
both other same like first last next new well here its it's into upon during through across
i'm i've am is be being do did does done not only even still already again
experience experienced work worked working role position job team teams company opportunity
chance conversation talk help helped bring brought skills skill background career years year
day days time times kind closely directly problem matches match maps map familiar
hold holds held certification certifications certified posting number reference
"""
_PHRASING = frozenset(_PHRASING_TEXT.split())


def posting_names(texts: list[str]) -> frozenset[str]:
    """Folded capitalised words and codes of the posting: the names a letter may use."""
    names: set[str] = set()
    for text in texts:
        for token in re.findall(r"[\w#&./'’-]+", text):
            clean = token.strip(".,;:()'’#")
            if clean[:1].isupper() or any(c.isdigit() for c in clean):
                names.add(fold(clean).strip("."))
                names |= {fold(part) for part in re.split(r"['’]s?$|[-/]", clean) if part}
    return frozenset(n for n in names if n)


def _stem(word: str) -> str:
    word = fold(word).strip("'’-")
    word = re.sub(r"['’]s$", "", word)
    for ending in ("ing", "ed", "es", "s", "e"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def claim_clauses(sentence: str) -> list[str]:
    """The clauses of a sentence that state something about the person: first person, and
    not a wish ("I would", "I am applying")."""
    return [c for c in _CLAUSE.split(sentence)
            if _FIRST_PERSON.search(c) and not _WISH.search(c)]


def unsourced_claim(sentence: str, resume: Support, posting: frozenset[str]
                    ) -> list[tuple[str, str, str | None]]:
    if not _FIRST_PERSON.search(sentence):
        return []
    known = {_stem(w) for w in resume.words} | {_stem(w) for w in
                                                resume.folded_text.split()}
    unsupported: list[str] = []
    for clause in claim_clauses(sentence):
        for word in _WORD.findall(clause):
            key = fold(word)
            if len(key) < 3 or key in _PHRASING or _stem(word) in known:
                continue
            if word[:1].isupper() and key.strip("'’s") in posting:
                continue
            unsupported.append(word)
    if len(unsupported) >= 2:
        words = ", ".join(f"“{w}”" for w in dict.fromkeys(unsupported))
        return [("letter_claim_unsourced", f"says {words}, which nothing you gave says",
                 None)]
    return []
