"""The occupation a posting is for, from its title: "Backend Developer - Python/Django", "We are
looking for a Senior Product Manager to ...". It becomes one requirement of kind "occupation"
(cited like every other), which the match compares with the person's role titles.

The title is the first short line of the posting's first few that names a job (a job noun such
as engineer, teacher, nurse, in English, French, Spanish or German), cut at " - ", " | ", ",",
"(" (what follows is the team or the stack); failing that, the object of "looking for / hiring /
seeking a ... to". Pure: no model.

The requirements may state the occupation again, as the work the person must have done
("Proven experience as a ServiceNow Developer"): often more precisely than a headline like "a
senior software engineer". That statement is a second occupation requirement (stated_roles); the
two share the title's fixed part of the score, so a role title has to match both to earn it all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from engine.requirements_segments import Line

JOB_NOUNS = (
    "engineer|developer|programmer|architect|scientist|analyst|manager|owner|designer|"
    "administrator|admin|consultant|coordinator|specialist|accountant|officer|assistant|"
    "technician|director|lead|teacher|tutor|facilitator|instructor|lecturer|educator|nurse|"
    "physician|pharmacist|therapist|intern|trainee|clerk|representative|agent|supervisor|"
    "operator|writer|editor|recruiter|controller|auditor|"
    "ingénieur|développeur|analyste|chef|responsable|enseignant|professeur|infirmier|infirmière|"
    "stagiaire|ingeniero|desarrollador|analista|gerente|jefe|profesor|maestro|enfermero|"
    "enfermera|practicante|becario|entwickler|ingenieur|lehrer|pfleger|leiter|berater"
)
FIRST_LINES = 4
MAX_WORDS = 8
_JOB = re.compile(rf"\b({JOB_NOUNS})s?\b", re.I)
_CUT = re.compile(r"\s+[-–—|]\s+|,|\(|\s+at\s+|\s+/\s+|:|\s+en\s+|\s+in\s+|\s+for\s+", re.I)
_LOOKING = re.compile(
    r"\b(?:looking for|hiring|seeking|searching for|recherchons|recrutons|buscamos|"
    r"convocatoria para|suchen)\s+(?:an?\s+|un\s+|une\s+|una?\s+|einen?\s+)?"
    r"(?P<title>[\w/&.+' -]{3,60}?)\s*(?:\s(?:to|who|with|that|for|en|pour|para)\b|\(|,)",
    re.I)
# "experience as a Data Analyst", "expérience en tant que développeur", "Erfahrung als Lehrer".
_AS_ROLE = re.compile(
    r"\b(?:experience|background|worked|working|years)\s+as\s+(?:an?\s+)?|"
    r"\bexp[ée]rience\s+(?:en\s+tant\s+que|comme)\s+(?:une?\s+)?|"
    r"\bexperiencia\s+como\s+(?:una?\s+)?|\berfahrung\s+als\s+(?:eine?r?\s+)?", re.I)
_ROLE = re.compile(rf"(?:[\w/&+'.-]+ ){{0,{MAX_WORDS // 2}}}?(?:{JOB_NOUNS})s?\b", re.I)
_MARKUP = re.compile(r"^[#*\s]+|[*\s]+$")


def occupation_title(posting: str, lines: Sequence[Line]) -> tuple[int, int] | None:
    """The span of the posting's job title (character offsets), or None."""
    for line in [ln for ln in lines if ln.text.strip()][:FIRST_LINES]:
        text = line.text
        core = _MARKUP.sub("", text)
        if not core or len(core.split()) > MAX_WORDS + 4:
            continue
        start = line.start + text.index(core)
        cut = _CUT.search(core)
        title = core[: cut.start()] if cut else core
        title = title.rstrip(" .")
        if _JOB.search(title) and 1 <= len(title.split()) <= MAX_WORDS:
            return start, start + len(title)
    head = posting[:1500]
    for found in _LOOKING.finditer(head):
        if _JOB.search(found.group("title")):
            return found.span("title")
    return None


def stated_roles(lines: Sequence[Line]) -> list[tuple[int, int]]:
    """Spans of the occupations the requirement parts ask experience in ("experience as a
    ServiceNow Developer with ..." -> "ServiceNow Developer"): a few words up to the first job
    noun, with no punctuation between."""
    found: list[tuple[int, int]] = []
    for line in lines:
        if line.heading or line.part not in ("required", "preferred"):
            continue
        for cue in _AS_ROLE.finditer(line.text):
            role = _ROLE.match(line.text, cue.end())
            if role:
                found.append((line.start + role.start(), line.start + role.end()))
    return found
