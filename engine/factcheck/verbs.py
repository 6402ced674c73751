"""The verb-strength scale: how much of the work a line claims was the person's.

1 took part in work someone else owned; 2 did the work or got the result themselves;
3 accountable for the outcome or for people; 4 originated it or directed it above the team.
Each step adds something a reference check would have to confirm, so any move up is a raise;
swaps within a level are honest. "Helped reduce" -> "reduced" is a raise (1 -> 2) although the
verb is the same word. Verbs not listed are unknown and never compared. The same scale is
documented in evals/factcheck/README.md.
"""

from __future__ import annotations

import re

SCALE: dict[int, tuple[str, ...]] = {
    1: ("participate", "assist", "support", "contribute", "help", "take part", "collaborate",
        "join", "partner"),
    2: ("build", "implement", "deliver", "improve", "write", "develop", "automate", "reduce",
        "cut", "raise", "grow", "run", "set up", "maintain", "coordinate", "create", "design",
        "migrate", "move", "train", "teach", "mentor", "precept", "coach", "ship", "launch",
        "introduce", "add", "schedule", "clean", "give", "keep", "serve",
        "audit", "prepare", "produce", "handle", "process", "complete", "rewrite"),
    3: ("lead", "own", "manage", "drive", "supervise", "chair", "oversee"),
    4: ("spearhead", "architect", "head", "direct", "found", "pioneer", "originate",
        "establish"),
}
_IRREGULAR = {
    "led": "lead", "ran": "run", "wrote": "write", "drove": "drive", "built": "build",
    "grew": "grow", "took": "take", "gave": "give", "kept": "keep", "set": "set", "cut": "cut",
    "taught": "teach", "written": "write", "driven": "drive", "grown": "grow", "run": "run",
    "oversaw": "oversee", "overseen": "oversee",
}
_LEVEL = {verb: level for level, verbs in SCALE.items() for verb in verbs}
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)?")


def base_form(word: str) -> str:
    word = word.lower()
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    candidates = [word]
    for ending, replace in (("ied", "y"), ("ies", "y"), ("ed", ""), ("ed", "e"), ("d", ""),
                            ("es", ""), ("s", ""), ("ing", ""), ("ing", "e")):
        if word.endswith(ending):
            stem = word[: -len(ending)] + replace
            candidates.append(stem)
            if len(stem) > 2 and stem[-1] == stem[-2] and ending in ("ed", "ing"):
                candidates.append(stem[:-1])  # planned -> plan
    return next((c for c in candidates if c in _LEVEL or f"{c} up" in _LEVEL
                 or f"{c} part" in _LEVEL), word)


def word_level(words: list[str], i: int) -> int | None:
    word = words[i].lower()
    if word.startswith("co-") and len(word) > 4:
        return 1  # co-designed, co-led: shared work
    base = base_form(word)
    nxt = words[i + 1].lower() if i + 1 < len(words) else ""
    if f"{base} {nxt}" in _LEVEL:
        return _LEVEL[f"{base} {nxt}"]
    if base in ("help", "assist") and nxt in ("to",):
        return 1
    return _LEVEL.get(base)


def verbs(text: str) -> list[tuple[int, str]]:
    """(level, verb) for every scale verb in the text, in order."""
    words = _WORD.findall(text)
    found = []
    for i, word in enumerate(words):
        level = word_level(words, i)
        if level is not None:
            found.append((level, word))
    return found


def lead_level(text: str) -> tuple[int, str] | None:
    """The level of the verb that says what the person did: the first scale verb."""
    found = verbs(text)
    return found[0] if found else None


def first_person_level(sentence: str) -> tuple[int, str] | None:
    """In a letter: the verb right after "I" (allowing "also", "have", "had")."""
    words = _WORD.findall(sentence)
    for i, word in enumerate(words):
        if word != "I":
            continue
        j = i + 1
        while j < len(words) and words[j].lower() in ("also", "have", "had", "then", "later",
                                                      "personally", "successfully"):
            j += 1
        if j < len(words):
            level = word_level(words, j)
            if level is not None:
                return level, words[j]
    return None


def team_raise(source: str, generated: str) -> bool:
    """'a team' -> 'the team' or 'the team of 12': a part in a team became the team's."""
    src, gen = source.lower(), generated.lower()
    return bool(re.search(r"\ba team\b", src)) and not re.search(r"\ba team\b", gen) and bool(
        re.search(r"\bthe team\b", gen))
