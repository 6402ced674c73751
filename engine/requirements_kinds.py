"""Finders for one clause of a posting: each returns (kind, start, end, text) items with offsets
relative to the clause. Pure regular expressions over the posting's own words; the vocabulary
decides what a tool is (requirements_vocab)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from engine.requirements_vocab import SPOKEN_LANGUAGES, domain_pattern


@dataclass(frozen=True)
class Found:
    kind: str
    start: int
    end: int
    years: int | None = None


_DEGREE = re.compile(
    r"\b(Ph\.?\s?D\.?|PhD|doctorate|doctoral degree|master(?:'?s)?(?: degree)?|"
    r"bachelor(?:'?s)?(?: degree)?|BSN|MSN|"
    r"B\.?Sc\.?|M\.?Sc\.?|MBA|BS/MS|BA/BS|B\.?S\.?|M\.?S\.?|B\.?A\.?|"
    r"(?:university |college |associate'?s? )?degree|diploma|licenciatura|grado|titulación|"
    r"diplôme|bac ?\+ ?\d|master|licence|Studium|Hochschulabschluss|Abschluss|Ausbildung)\b"
    r"(?:[^.;:,()\n]{0,60})", re.I)
# Degree words that are also ordinary words need a degree context around them.
_DEGREE_NEEDS_CONTEXT = re.compile(r"^(B\.?S\.?|M\.?S\.?|B\.?A\.?|master|licence|grado)\b", re.I)
_DEGREE_CONTEXT = re.compile(r"\b(in|degree|of science|of arts|or equivalent|field)\b", re.I)
_CERTIFICATION = re.compile(
    r"(?:[A-Z][\w+/-]*\s){0,4}(?:[Cc]ertification|[Cc]ertificate|[Cc]ertified|[Cc]ertifications)\b"
    r"(?:\s(?:in|as|of)\s[^.;:,()\n]{1,40}|(?:\s[A-Z][\w+/-]*){1,4})?|"
    r"\b(?:PMP|CISSP|CISA|CISM|CPA|CFA|ACCA|CIMA|ITIL|PRINCE2|CSM|CCNA|CCNP|RHCE|BLS|ACLS|PALS|"
    r"TEFL|TESOL|CELTA|CDL|Security\+|Network\+|CompTIA A\+)(?![\w+])"
    r"|\b(?:[Vv]alid|[Cc]urrent|[Aa]ctive)\s[^.;:,()\n]{0,50}\b(?:licen[cs]e|registration)\b"
    r"|\blicen[cs]ed\s[^.;:,()\n]{1,30}")
_YEARS = re.compile(
    r"\b(\d{1,2})\s*(?:\+|plus)?\s*(?:(?:-|–|to|à|a|bis)\s*\d{1,2}\s*)?\+?\s*"
    r"(?:years?|yrs?|ans|années|años|jahre|jahren)\b", re.I)
_AUTHORISATION = re.compile(
    r"[^.;:()\n]{0,40}\b(?:authori[sz]ed to work|work authori[sz]ation|right to work|"
    r"eligible to work|visa sponsorship|sponsorship|security clearance|"
    r"work permit|permis de travail|permiso de trabajo|arbeitserlaubnis|"
    r"must (?:be )?(?:based|located|reside|live) in|on-?site in)\b[^.;:()\n]{0,40}", re.I)
_DOMAIN = re.compile(
    r"\b(?:in|of|within|across)\s+(?:the\s+)?((?:[\w&-]+\s){0,2}[\w&-]+)\s+"
    r"(?:industry|sector|domain|space|market|environment)s?\b", re.I)
# "in a fast-paced environment", "in our market": what stands before the noun is the setting's
# mood or its owner, not a field one could know.
_NOT_A_FIELD = re.compile(
    r"^(?:a|an|the|this|that|our|your|their|its|my|very|highly|fast|fast-paced|dynamic|"
    r"challenging|international|multicultural|global|collaborative|interdisciplinary|virtual|"
    r"competitive|similar|rapidly|changing|growing|high-energy|exciting|demanding|diverse|"
    r"worldwide|whole|entire|same|other|every|any|real|working|work|team|start-?up|large|"
    r"small|new|modern|developing)$", re.I)
# A field named as a unit or a project ("Finance Partner", "the Procurement team", "our
# compliance project") says where the job sits, not what the person must know. A job title's
# field ("Logistics Manager") is left alone: it tells what the job is about, and matching
# needs it (removing it cost the logistics resume 11 points on its own posting).
_UNIT_AFTER = re.compile(
    r"[ \t]+(?:teams?|department|division|group|unit|organi[sz]ation|partners?|"
    r"professionals|personnel|staff|colleagues|projects?|agenda|function|"
    r"setup|activities|initiatives|operations?|organisation|champion|policy|plan|"
    r"coverage|pass|membership|programs?|programmes?)\b", re.I)
# A benefit line ("Private health insurance", "Education budget") or the company speaking of
# itself ("We are a fintech company", "Acme is a leader in banking") names no requirement.
_BENEFIT = re.compile(
    r"\b(?:(?:health|medical|dental|vision|life|travel|private|injury|accident)\W+(?:\w+\W+)?"
    r"insurance|pension|gym|discount(?:ed)?|allowance|vacation|paid (?:time off|leave)|"
    r"tuition|reimburse\w*|canteen|wellness|perks?|budget|paid|study leave|"
    r"support with)\b", re.I)
_COMPANY_VOICE = re.compile(
    r"^\W*(?:we|we're|our|us)\b|\b(?:we are|we're|we provide|we deliver|we build|we offer|"
    r"our (?:customers|clients|mission|company|products?|platform|team|vision|goal)|"
    r"(?:is|are) (?:a|an|the|one of the) (?:[\w-]+ ){0,4}"
    r"(?:company|firm|leader|provider|organi[sz]ation|business|university|player|group|"
    r"platform|institution|centre|center|manufacturer|employer))\b", re.I)
_LANGUAGE_CONTEXT = re.compile(
    r"\b(fluent|fluency|native|speak|spoken|written|bilingual|proficien|language|command of|"
    r"C1|C2|B2|courant|bilingue|langue|idioma|nivel|hablado|escrito|fließend|sprache|"
    r"sprachkenntnisse|communication|verbal|english)\b", re.I)
_LANGUAGE = re.compile(r"\b(" + "|".join(sorted(SPOKEN_LANGUAGES, key=len, reverse=True)) + r")\b")
_SENIORITY = re.compile(
    r"\b(intern(?:ship)?|junior|entry[- ]level|graduate|mid[- ]level|intermediate|senior|"
    r"staff|principal|lead|head of|director|stagiaire|confirmé|sénior|becario|"
    r"praktikant|werkstudent)\b", re.I)


# "a high degree of accuracy", "PhD students", "130 Ph.D." and "the PhD fellowship" name no
# degree the person must hold: a measure, the people or the post itself.
_NOT_A_DEGREE_AFTER = re.compile(
    r"\W*(?:of\b|students?|fellows?|fellowships?|candidates?|stipends?|scholarships?|"
    r"positions?|projects?|programmes?|programs?|supervision|guide|research|thesis|theses|"
    r"studies|study|courses?|level\b(?! in))", re.I)
_NOT_A_DEGREE_BEFORE = re.compile(r"(?:\d[\d,.]*|limited|certain|some|high|large)\s*$", re.I)
_DEGREE_STOP = re.compile(r"\s(?:is|are|will|would|can|when|but|we|you|must|should|a|an|"
                          r"subject|signed|financially)\s|<")


def degrees(clause: str) -> Iterator[Found]:
    for m in _DEGREE.finditer(clause):
        if _DEGREE_NEEDS_CONTEXT.match(m.group(0)) and not _DEGREE_CONTEXT.search(m.group(0)):
            continue
        name = re.match(r"[\w.'’´/-]+(?:\s+degree)?", m.group(0))
        after = m.start() + (name.end() if name else 0)
        if _NOT_A_DEGREE_AFTER.match(clause, after) or \
                _NOT_A_DEGREE_BEFORE.search(clause, 0, m.start()):
            continue
        stop = _DEGREE_STOP.search(clause, m.start(), m.end())
        end = stop.start() if stop else m.end()
        yield Found("degree", m.start(), _trim_end(clause, m.start(), end))


# A certification the posting names, not one it offers ("Paid certifications", "support with
# pursuing certifications"): the bare word alone names nothing to hold.
_BARE_CERTIFICATION = re.compile(
    r"^(?:(?:[Pp]aid|[Pp]rofessional|[Rr]elevant|[Ii]ndustry|[Tt]echnical|[Ff]urther|[Aa]ny|"
    r"[Oo]ther|[Aa]dditional|[Rr]equired|[Nn]ecessary)\s)?"
    r"(?:[Cc]ertifications?|[Cc]ertificates?|[Cc]ertified)$")


def certifications(clause: str) -> Iterator[Found]:
    if _BENEFIT.search(clause):
        return
    for m in _CERTIFICATION.finditer(clause):
        end = _trim_end(clause, m.start(), m.end())
        if _BARE_CERTIFICATION.match(clause[m.start():end]):
            continue
        yield Found("certification", m.start(), end)


def years(clause: str) -> Iterator[Found]:
    for m in _YEARS.finditer(clause):
        yield Found("years", m.start(), m.end(), int(m.group(1)))


def authorisation(clause: str) -> Iterator[Found]:
    for m in _AUTHORISATION.finditer(clause):
        start = m.start() + len(m.group(0)) - len(m.group(0).lstrip(" -•*"))
        yield Found("authorisation", start, _trim_end(clause, start, m.end(), _LIST_JOIN))


def company_voice(clause: str) -> bool:
    """Whether the company speaks of itself ("We are ...", "Acme is a leading provider")."""
    return bool(_COMPANY_VOICE.search(clause))


def domains(clause: str) -> Iterator[Found]:
    if _BENEFIT.search(clause) or company_voice(clause):
        return
    seen: list[tuple[int, int]] = []
    for m in _DOMAIN.finditer(clause):
        words = m.group(1).split()
        while words and _NOT_A_FIELD.match(words[0]):
            words.pop(0)
        if not words:
            continue
        start = m.end(1) - len(" ".join(words))
        seen.append((start, m.end(1)))
        yield Found("domain", start, m.end(1))
    for m in domain_pattern().finditer(clause):
        if any(a <= m.start() < b for a, b in seen) or _UNIT_AFTER.match(clause, m.end()):
            continue
        yield Found("domain", m.start(), m.end())


def languages(clause: str) -> Iterator[Found]:
    if not _LANGUAGE_CONTEXT.search(clause):
        return
    for m in _LANGUAGE.finditer(clause):
        yield Found("language", m.start(), m.end())


def seniority(title_line: str) -> Iterator[Found]:
    for m in _SENIORITY.finditer(title_line):
        yield Found("seniority", m.start(), m.end())


_JOIN = re.compile(r"\s(?:and|or|with|to|for|who|that|plus|et|ou|y|o|und|oder)\s")
_LIST_JOIN = re.compile(r"\s(?:and|or|plus|et|ou|y|o|und|oder)\s")


def _trim_end(clause: str, start: int, end: int, joins: re.Pattern[str] = _JOIN) -> int:
    """Cut a phrase at a joining word so the cited span is the item, not the rest of the line."""
    cut = joins.search(clause[start:end])
    end = start + cut.start() if cut and cut.start() > 2 else end
    while end > start and clause[end - 1] in " .,-":
        end -= 1
    return end
