"""Skill and knowledge phrases in one clause of a posting, in the posting's own words.

A phrase after a cue ("experience with", "ability to") or opened by an action verb is cut at
punctuation, a masked parenthetical or a subordinate clause. What a person does (a verb, a
gerund) is a skill; what a person knows (a noun phrase) is domain knowledge. One-word traits
("proactive", "hands-on") are skills as asked, though a resume rarely shows them.
"""

from __future__ import annotations

import re

from engine.requirements_vocab import TermHit

Span = tuple[int, int]

_SKILL_CUE = re.compile(
    r"\b(?:experience (?:with|in|of|from|within)|experienced (?:in|with)|"
    r"knowledge (?:of|in|about|within)|proficien(?:cy|t) (?:in|with)|"
    r"familiarity with|familiar with|understanding of|expertise (?:in|with|within)|"
    r"expert in|exposure to|insight into|interest in|passion for|specialise in|"
    r"specialize in|fluency in|competences? (?:in|within)|skilled in|skills (?:in|within)|"
    r"background (?:within|on)|speciali[sz]ed (?:in|within)|command of|sense for|"
    r"(?:in|within) (?:the )?(?:areas?|fields?) of|"
    r"ability to|able to|capable of|capacity to|background in|track record (?:of|in)|"
    r"comfortable (?:with|working)|responsible for|you will|you'll|"
    r"capacité à|maîtrise de|connaissance de|capacidad de|conocimientos? de|"
    r"fähigkeit|kenntnisse in)\s+",
    re.I)
_DOING_CUE = re.compile(r"ability|able|capable|capacity|responsible|you will|you'll|capacité|"
                        r"capacidad|fähigkeit", re.I)
_VERBS = frozenset([
    "build", "design", "develop", "implement", "maintain", "manage", "lead", "create", "write",
    "analyse", "analyze", "communicate", "collaborate", "support", "deliver", "drive", "ensure",
    "plan", "coordinate", "test", "deploy", "monitor", "troubleshoot", "optimise", "optimize",
    "improve", "document", "mentor", "coach", "train", "teach", "present", "negotiate",
    "prioritise", "prioritize", "solve", "define", "research", "evaluate", "review", "own",
    "operate", "configure", "integrate", "automate", "architect", "model", "prepare", "handle",
    "resolve", "identify", "translate", "conduct", "run", "use", "apply", "work", "scale",
    "migrate", "ship", "debug", "secure", "administer", "install", "supervise", "oversee"
])
# A verb starts a skill in a posting's own words ("design and implement services"), but only a
# lowercase one or one opening a clause: "Design" in a title or a name is not a task.
_VERB_WORD = re.compile(r"(?:(?<=^)|(?<=^[-•*] )|(?<=[,;] )|(?<=\band )|(?<=\bto )|(?<=\bor ))"
                        r"[A-Za-z]+|\b[a-z]+(?:ing)\b")
MAX_VERB_PHRASE_WORDS = 6
# Traits postings ask for in one word; a resume rarely shows them, but they are what is asked.
_TRAIT = re.compile(
    r"\b(hands-on|self-motivated|motivated|proactive|passionate|curious|creative|driven|"
    r"ambitious|enthusiastic|structured|independent(?:ly)?|detail-oriented|analytical|"
    r"open-minded|team player|leadership|problem[- ]solving|communication skills|"
    r"result-oriented|results-driven|hardworking|hard-working|flexible|reliable|organi[sz]ed)\b",
    re.I)
_SKILL_NOUN = re.compile(
    r"\b(?:strong|excellent|good|solid|proven|great|outstanding|effective)\s+"
    r"((?:[\w-]+\s){0,3}(?:skills|abilities|ability))\b", re.I)
# A masked parenthetical is a run of spaces: a phrase never runs across it.
_PHRASE_STOP = re.compile(r"[,;:()]|\s{3,}|\s(?:while|which|that|who|so that|in order to|"
                          r"is|are|was|were|will|would|should|can|could|must|but|however|"
                          r"as well as|preferably|ideally|especially|including|etc)\s|"
                          r"\s-\s", re.I)
# What opens a known thing's name but is not part of it ("the", "at least one of", "e.g.").
_KNOWN_LEAD = re.compile(
    r"^(?:(?:the|a|an|some|any|all|both|each|this|these|those|our|your|their|its|at least|"
    r"one|two|or|more|of|following|e\.g\.?|i\.e\.?|eg|such as|various|different|"
    r"related|relevant|similar|working|the area of|area of|the field of|field of)\s+)+",
    re.I)
_NOT_KNOWN = re.compile(r"\bfollowing\b|^(?:e\.g|i\.e)\W*$", re.I)
_PHRASE_LEAD = re.compile(r"^(?:be (?:expected|required|asked) to|be able to|be|have|also)\s+",
                          re.I)
MAX_PHRASE_WORDS = 8
_GLUE = frozenset({"and", "or", "the", "a", "an", "of", "in", "with", "to", "for",
                   "on", "at", "by", "as", "etc", "&", "/"})


def skill_phrases(clause: str, tools: list[TermHit]) -> list[tuple[int, int, str]]:
    """Phrases after a cue: what a person does (a verb, a gerund) is a skill; what a person
    knows ("knowledge of supply chain", "experience in banking") is domain knowledge."""
    spans: list[tuple[int, int, str]] = []
    for m in _SKILL_CUE.finditer(clause):
        span = _phrase(clause, m.end())
        if span:
            first = clause[span[0]:span[1]].split()[0].lower()
            doing = bool(_DOING_CUE.search(m.group(0))) or first.endswith("ing") or \
                first in _VERBS
            if not doing:
                span = _known_thing(clause, span)
            if span:
                spans.append((*span, "skill" if doing else "domain"))
    for m in _SKILL_NOUN.finditer(clause):
        spans.append((m.start(1), m.end(1), "skill"))
    covered = [(a, b) for a, b, _ in spans]
    for m in _VERB_WORD.finditer(clause):
        if _verb_base(m.group(0)) in _VERBS and not any(a <= m.start() < b for a, b in covered):
            span = _phrase(clause, m.start(), MAX_VERB_PHRASE_WORDS)
            if span and span[1] - span[0] > len(m.group(0)):
                spans.append((*span, "skill"))
                covered.append(span)
    for m in _TRAIT.finditer(clause):
        if not any(a <= m.start() < b for a, b in covered):
            spans.append((m.start(), m.end(), "skill"))
    tool_spans = [(h.start, h.end) for h in tools]
    kept = []
    for a, b, kind in spans:
        words = re.findall(r"[\w+#.-]+", clause[a:b])
        # A phrase that is only tool names is already those tools.
        rest = [w for w in words if w.lower() not in _GLUE
                and not any(x <= clause.find(w, a) < y for x, y in tool_spans)]
        if rest and len(words) <= MAX_PHRASE_WORDS:
            kept.append((a, b, kind))
    return kept


def _known_thing(clause: str, span: Span) -> Span | None:
    """A known thing's name without its opening determiner or quantifier ("the area of
    property law" is "property law"); None when only such words remain ("some or all of the
    following")."""
    text = clause[span[0]:span[1]]
    lead = _KNOWN_LEAD.match(text)
    start = span[0] + (lead.end() if lead else 0)
    rest = clause[start:span[1]]
    if not rest.strip() or _NOT_KNOWN.search(rest):
        return None
    return (start, span[1])


def _verb_base(word: str) -> str:
    word = word.lower()
    for suffix, keep in (("ing", ""), ("ing", "e"), ("es", ""), ("s", ""), ("ed", ""),
                         ("ed", "e")):
        if word.endswith(suffix) and word[: -len(suffix)] + keep in _VERBS:
            return word[: -len(suffix)] + keep
    return word


def _phrase(clause: str, start: int, max_words: int = MAX_PHRASE_WORDS) -> Span | None:
    lead = _PHRASE_LEAD.match(clause[start:])
    start += lead.end() if lead else 0
    stop = _PHRASE_STOP.search(clause, start)
    end = stop.start() if stop else len(clause)
    words = list(re.finditer(r"\S+", clause[start:end]))
    if not words:
        return None
    words = words[:max_words]
    last = start + words[-1].end()
    text = clause[start:last].rstrip(" .!?")
    while text.split() and text.split()[-1].lower() in _GLUE:
        text = text[: text.rfind(" ")].rstrip(" .!?") if " " in text else ""
    return (start, start + len(text)) if text else None
