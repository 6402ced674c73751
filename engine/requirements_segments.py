"""A posting cut into its parts, so only the parts that ask for something produce requirements.

Headings are recognised in English, French, Spanish and German. Each line gets the kind of the
part it sits in; a line that is boilerplate on its own (a URL, an e-mail address, a recruiter's
contact line, equal-opportunity wording, page navigation) is marked so whatever its part. Pure:
no database, network or model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from engine.requirements_vocab import domain_pattern, find_term_spans

Part = Literal["about", "duties", "required", "preferred", "benefits", "apply", "legal", "noise",
               "unknown"]
# Parts whose lines can hold requirements; "unknown" only counts when the posting has no
# requirement heading at all (a bare list of bullets, a single sentence).
PRODUCING: frozenset[str] = frozenset({"required", "preferred", "duties"})
MAX_HEADING_CHARS = 70
MAX_HEADING_TAIL_WORDS = 3

_HEADINGS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("preferred", re.compile(
        r"^(nice[- ]to[- ]haves?|preferred( qualifications| skills| experience)?|bonus( points)?|"
        r"pluses|it'?s a plus|good to have|desirable|desired|deseable|atouts?|un plus|"
        r"extra credit|additional (experience|skills|qualifications) \(?not required\)?|"
        r".{0,40}\(not required\)|(wünschenswert|von vorteil|idealerweise|plus)|"
        r"(se valorará|valorable|será un plus|puntos extra)|ce serait un plus|"
        r"(les )?petits plus)\b", re.I)),
    ("legal", re.compile(
        r"^(equal (employment )?opportunity|eeo|diversity|accommodations?|privacy|"
        r"disclaimer|legal|égalité des chances|igualdad de oportunidades|chancengleichheit)\b",
        re.I)),
    ("benefits", re.compile(
        r"^(benefits|perks|what we offer|our offer|why (join|work)|salary|compensation|pay|"
        r"remuneration|rewards|avantages|ce que nous offrons|nous offrons|rémunération|"
        r"salaire|fourchette|"
        r"beneficios|ofrecemos|lo que ofrecemos|salario|"
        r"wir bieten|was wir bieten|benefits|vergütung|gehalt)\b", re.I)),
    ("apply", re.compile(
        r"^(how to apply|to apply|application process|(the )?process|interview process|"
        r"next steps|contact|postuler|comment postuler|processus de recrutement|"
        r"cómo aplicar|como aplicar|proceso de selección|postúlate|bewerbung|"
        r"so bewirbst du dich|bewerbungsprozess)\b", re.I)),
    ("about", re.compile(
        r"^(about (us|the company|the team|[A-Z][\w&.-]+)|who we are|our company|company|"
        r"the company|our mission|our story|à propos|a propos|qui sommes[- ]nous|l'entreprise|"
        r"sobre nosotros|quiénes somos|quienes somos|la empresa|über uns|wer wir sind|"
        r"das unternehmen)\b", re.I)),
    ("duties", re.compile(
        r"^(responsibilities|key responsibilities|duties|what you('ll| will) do|the role|your role|"
        r"about the role|role|day to day|day-to-day|in this role|you will|your mission|"
        r"missions|tes missions|vos missions|vos responsabilités|le poste|description du poste|"
        r"funciones|responsabilidades|tus funciones|qué harás|que harás|"
        r"aufgaben|deine aufgaben|ihre aufgaben|was dich erwartet|dein job)\b", re.I)),
    ("required", re.compile(
        r"^(requirements?|qualifications?|minimum qualifications|basic qualifications|"
        r"required( skills| qualifications| experience)?|must[- ]haves?|"
        r"what you('ll| will)? (need|bring)|what we('re| are) looking for|who you are|about you|"
        r"your profile|skills( required| and experience| & experience)?|experience|"
        r"(the )?ideal candidate|you have|you bring|you should have|tech stack|technical skills|"
        r"(necessary |essential |key )?(pre-?requisites|essentials|criteria)|"
        r"essential (skills|criteria|requirements)|key (skills|requirements)|"
        r"profil( recherché)?|votre profil|ton profil|compétences|ce que nous recherchons|"
        r"qualifications requises|requisitos|perfil|lo que buscamos|buscamos|"
        r"requisitos mínimos|tu perfil|anforderungen|dein profil|ihr profil|"
        r"was du mitbringst|was sie mitbringen|qualifikationen)\b", re.I)),
)

_URL = re.compile(r"\b(?:https?://|www\.)\S+|\b[\w.-]+\.(?:com|org|io|net|co|dev|ai)(?:/\S*)?\b",
                  re.I)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_LEGAL_LINE = re.compile(
    r"equal (employment )?opportunity|without regard to|regardless of (race|gender|age)|"
    r"\beeo\b|affirmative action|protected veteran|sexual orientation|gender identity|"
    r"reasonable accommodation|background check|e-verify|privacy (policy|notice)|"
    r"cookies?\b|all rights reserved|©", re.I)
_APPLY_LINE = re.compile(
    r"\b(recruiter|apply (now|at|via|through|here|online|by)|send (your|us)|write to|"
    r"questions\?|contact (us|me)|job (code|id|ref)|req(uisition)?\.? ?(id|#|number)|"
    r"reference (number|code)|postuler|envoyez|envía|bewirb dich)\b", re.I)
_NAV_LINE = re.compile(
    r"^(sign in|log ?in|sign up|join now|share|save( job)?|apply( now)?|report (this )?job|"
    r"show (more|less)|see (more|all)|home|jobs|menu|skip to (main )?content|"
    r"similar jobs|people also viewed|posted \d+|\d+ (applicants|days? ago)|back to search|"
    r"promoted|easy apply|follow|view (job|all)|accept( all)?( cookies)?)\b", re.I)


@dataclass(frozen=True)
class Line:
    start: int  # character offset of the line in the posting
    text: str
    part: str
    heading: bool = False

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def heading_part(line: str, colon: bool = False) -> str | None:
    """The part a heading line opens, or None when the line is not a heading we know. Before a
    colon ("Additional Experience (Not Required):") any tail is allowed."""
    text = line.strip().strip("#*:-•_ ").strip()
    if not text or len(text) > MAX_HEADING_CHARS:
        return None
    # A heading is short and not a sentence: no full stop inside, at most one colon at the end.
    if re.search(r"[.!?]\s+\S", text):
        return None
    for part, pattern in _HEADINGS:
        match = pattern.match(text)
        # "What you'll bring to the team" is a heading; "Experience with Linux servers" and
        # "Experience in DevOps" are not: a tail naming a known tool or field asks for it.
        tail = text[match.end():] if match else ""
        if match and (colon or (len(tail.split()) <= MAX_HEADING_TAIL_WORDS
                                and not _names_something(tail))):
            return part
    return None


def _names_something(tail: str) -> bool:
    return bool(find_term_spans(tail) or domain_pattern().search(tail))


def boilerplate(line: str) -> str | None:
    """Why a single line never holds requirements ("legal", "apply", "noise"), or None."""
    stripped = line.strip()
    if _LEGAL_LINE.search(stripped):
        return "legal"
    if _EMAIL.search(stripped) or _APPLY_LINE.search(stripped):
        return "apply"
    if _NAV_LINE.match(stripped) and len(stripped) < 40:
        return "noise"
    return None


def segment(posting: str) -> list[Line]:
    """Every non-blank line with the part it belongs to, offsets into `posting`."""
    lines: list[Line] = []
    part = "unknown"
    position = 0
    for raw in posting.splitlines(keepends=True):
        text = raw.rstrip("\r\n")
        start = position
        position += len(raw)
        if not text.strip():
            continue
        opened = heading_part(text.split(":", 1)[0] if ":" in text else text, ":" in text)
        if opened is not None:
            part = opened
            head_only = ":" not in text or not text.split(":", 1)[1].strip()
            lines.append(Line(start, text, part, heading=head_only))
            continue
        lines.append(Line(start, text, boilerplate(text) or part))
    return lines


def has_requirement_parts(lines: list[Line]) -> bool:
    return any(line.part in ("required", "preferred") for line in lines)


def url_and_email_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of URLs and e-mail addresses: nothing inside them is a requirement."""
    return [m.span() for m in _URL.finditer(text)] + [m.span() for m in _EMAIL.finditer(text)]
