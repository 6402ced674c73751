"""What a job asks for, as a list of requirements: from the model's analysis or, with no model,
from the posting's own words.

The deterministic extractor reads the posting line by line. Headings ("Requirements", "Nice to
have", "Bonus", "Profil", "Requisitos") set whether what follows is required or preferred; words
on the line itself ("a plus", "preferred", "bonus") override that. Technology names come from a
known vocabulary; skill phrases come from requirement wording ("experience with ...",
"knowledge of ...", "ability to ...").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Literal

from engine.requirements_vocab import canonical, find_known_terms, known_term_pattern

if TYPE_CHECKING:
    from engine.job_analysis import JobAnalysis

Kind = Literal["tool", "skill", "other"]


@dataclass(frozen=True)
class Requirement:
    text: str
    required: bool
    kind: Kind = "other"

    @property
    def key(self) -> str:
        return canonical(self.text)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


_REQUIRED_HEADING = re.compile(
    r"^(requirements?|qualifications?|minimum qualifications|basic qualifications|"
    r"required( skills| qualifications)?|must[- ]haves?|what you('ll| will)? (need|bring)|"
    r"what we('re| are) looking for|who you are|about you|your profile|skills( required)?|"
    r"profil|profile|requisitos|lo que buscamos|ce que nous recherchons|tech stack|"
    r"technical skills|you have|you bring)\b",
    re.IGNORECASE,
)
_PREFERRED_HEADING = re.compile(
    r"^(nice[- ]to[- ]haves?|preferred( qualifications| skills)?|bonus( points)?|pluses|"
    r"it'?s a plus|good to have|desirable|deseable|atout|un plus|extra credit)\b",
    re.IGNORECASE,
)
_IGNORED_HEADING = re.compile(
    r"^(benefits|perks|what we offer|about (us|the company)|à propos|a propos|our offer|"
    r"salary|compensation|process|how to apply|beneficios|equal opportunity|fourchette)\b",
    re.IGNORECASE,
)
_DUTIES_HEADING = re.compile(
    r"^(responsibilities|what you('ll| will) do|the role|your role|missions|tes missions|"
    r"vos missions|funciones|responsabilidades|day to day|in this role)\b",
    re.IGNORECASE,
)
_PREFERRED_WORDING = re.compile(
    r"\b(nice to have|preferred|preferably|a plus|is a plus|bonus|ideally|desirable|"
    r"good to have|would be great|advantage|un plus|vrai plus|deseable|valorable)\b",
    re.IGNORECASE,
)
_SKILL_PHRASE = re.compile(
    r"\b(?:experience (?:with|in|of|building|designing|running)|knowledge of|"
    r"proficien(?:cy|t) (?:in|with)|familiarity with|familiar with|understanding of|"
    r"expertise in|skilled in|ability to|grasp of|background in)\s+(?P<phrase>[^.;:()]+)",
    re.IGNORECASE,
)
# Product-like names outside the vocabulary: inner capitals or digits ("CloudFront", "Jinja2",
# "EC2"). Plain capitalised words are left out: in prose they are mostly not tools.
_CODE_LIKE = re.compile(r"(?<![\w-])(?:[A-Z][a-z]+[A-Z][A-Za-z]*|[A-Za-z]+\d+[A-Za-z\d]*)(?![\w-])")
_PHRASE_END = re.compile(r"\s+(?:and|or|to|for|as|that|which|while|using|via)\s+|,", re.I)
MAX_PHRASE_WORDS = 6
MAX_NAME_CHARS = 24  # longer "names" are tracking ids and base64 in copied web pages
MAX_HEADING_CHARS = 60


def _heading_kind(line: str) -> str | None:
    """'required', 'preferred', 'ignored' or None when the line is not a heading we know."""
    text = line.strip().strip("#*:- ").strip()
    if not text or len(text) > MAX_HEADING_CHARS:
        return None
    if _PREFERRED_HEADING.match(text):
        return "preferred"
    if _IGNORED_HEADING.match(text):
        return "ignored"
    if _REQUIRED_HEADING.match(text):
        return "required"
    if _DUTIES_HEADING.match(text):
        return "unknown"
    return None


def _skill_phrases(line: str) -> list[str]:
    phrases = []
    for match in _SKILL_PHRASE.finditer(line):
        phrase = _PHRASE_END.split(match.group("phrase"))[0].strip(" .,")
        words = phrase.split()
        if 1 <= len(words) <= MAX_PHRASE_WORDS and not find_known_terms(phrase):
            phrases.append(phrase)
    return phrases


def _tools(sentence: str) -> list[str]:
    known = find_known_terms(sentence)
    keys = {canonical(k) for k in known}
    spans = [m.span() for m in known_term_pattern().finditer(sentence)]
    extra = [
        m.group(0) for m in _CODE_LIKE.finditer(sentence)
        if canonical(m.group(0)) not in keys and len(m.group(0)) <= MAX_NAME_CHARS
        and not any(a <= m.start() < b for a, b in spans)
    ]
    return known + list(dict.fromkeys(extra))


def _inline_split(line: str) -> Iterable[tuple[str, bool | None]]:
    """A line with "Bonus: ..." or "Nice to have: ..." inside: the part after it is preferred."""
    match = re.search(r"\b(bonus|nice to have|preferred|a plus|pluses)\s*:", line, re.I)
    if match:
        yield line[: match.start()], None
        yield line[match.end():], False
    else:
        yield line, None


def extract_requirements(posting_text: str) -> list[Requirement]:
    """Tools and skill phrases the posting asks for, required ones first; no model involved."""
    found: dict[str, Requirement] = {}
    section = "unknown"
    for raw_line in posting_text.splitlines():
        heading = _heading_kind(raw_line)
        if heading is not None:
            section = heading
            # "Requirements: Python, SQL" carries items on the heading line itself.
            if ":" not in raw_line:
                continue
        if section == "ignored":
            continue
        for part, forced in _inline_split(raw_line):
            for sentence in _sentences(part):
                preferred = (
                    forced is False
                    or section == "preferred"
                    or bool(_PREFERRED_WORDING.search(sentence))
                )
                for text, kind in [(t, "tool") for t in _tools(sentence)] + [
                    (p, "skill") for p in _skill_phrases(sentence)
                ]:
                    _keep(found, Requirement(text, not preferred, kind))  # type: ignore[arg-type]
    return sorted(found.values(), key=lambda r: not r.required)


def _sentences(text: str) -> list[str]:
    """Sentences, with each parenthetical on its own: "SQL (Tableau a plus)" is two claims."""
    asides = re.findall(r"\(([^()]*)\)", text)
    main = re.sub(r"\([^()]*\)", " ", text)
    return [s for s in re.split(r"(?<=[.;])\s+", main) + asides if s.strip()]


def _keep(found: dict[str, Requirement], requirement: Requirement) -> None:
    known = found.get(requirement.key)
    # A requirement stated as required anywhere is required.
    if known is None or (requirement.required and not known.required):
        found[requirement.key] = requirement


def requirements_from_analysis(analysis: JobAnalysis) -> list[Requirement]:
    found: dict[str, Requirement] = {}
    for items, required in ((analysis.required_skills, True), (analysis.preferred_skills, False)):
        for item in items:
            kind: Kind = "tool" if find_known_terms(item) else "skill"
            _keep(found, Requirement(item.strip(), required, kind))
    return sorted(found.values(), key=lambda r: not r.required)
