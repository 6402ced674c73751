"""What a piece of an entry's header is: a job title, an organisation, a place, a degree."""

from __future__ import annotations

import re


def _vocabulary(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TITLE_WORDS = _vocabulary("""
engineer engineering developer manager analyst designer intern internship director lead
consultant scientist specialist assistant associate officer founder cofounder co-founder cto
ceo cfo coo cio vp president head architect administrator coordinator researcher teacher
professor lecturer nurse accountant programmer technician representative supervisor executive
advisor adviser owner partner editor writer fellow trainee apprentice volunteer tutor instructor
strategist producer clerk agent principal contractor freelancer freelance sre devops qa tester
staff senior junior chief member secretary receptionist cashier driver operator mechanic chef
student postdoc postdoctoral counsel attorney lawyer paralegal therapist physician doctor
pharmacist auditor economist statistician marketer recruiter buyer planner estimator foreman
superintendent inspector mentor ambassador organizer organiser captain chair president
""")
_ORG_WORDS = _vocabulary("""
inc inc. llc ltd ltd. corp corp. corporation company co co. gmbh ag sa plc bv nv pty llp
systems technologies technology labs lab group university college institute studio studios
solutions analytics partners bank agency foundation hospital school consulting software
services nonprofit research industries holdings enterprises international global networks
media ventures capital academy clinic center centre council ministry department association
society museum restaurant store shop bureau office firm health healthcare pharmaceuticals
""")
_DEGREE_WORD = re.compile(
    r"\b(?:bachelor|master|doctor|doctorate|associate(?:'s)? degree|diploma|certificate|degree|"
    r"high school|abitur|licence|licenciatura|baccalaureate)",
    re.IGNORECASE,
)
# Abbreviations are matched with their case: "MS" and "B.S." are degrees, "ms" and "be" are not.
_DEGREE_ABBREVIATION = re.compile(
    r"(?<![\w.])(?:[ABM]\.(?:[A-Z][a-z]?\.){1,3}|Ph\.?\s?D\.?|"
    r"BS|BA|MS|MA|BSc|MSc|BEng|MEng|MBA|PhD|DPhil|BFA|MFA|BBA|BCom|LLB|LLM|MD|JD|AAS|AS|AA|"
    r"HND|GED|MPhil|EdD|MPH|MSW)(?![\w])"
)
_SCHOOL = re.compile(
    r"\b(?:university|universit\w+|college|institute|school|academy|polytechnic|"
    r"conservatory|seminary|ecole|école|hochschule|gymnasium|lyceum|iit|mit)\b",
    re.IGNORECASE,
)
_LOCATION = re.compile(
    r"^(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*,\s*(?:[A-Z]{2}|[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+)*)"
    r"|remote|hybrid|on-?site)$",
    re.IGNORECASE,
)
_US_STATE = re.compile(r"^[A-Z]{2}$")


def words(text: str) -> list[str]:
    return [word.strip("(),.;:").casefold() for word in text.split()]


def title_score(text: str) -> int:
    # The last word of a job title is its head noun ("Research Intern"): it counts double.
    found = words(text)
    score = sum(1 for word in found if word in _TITLE_WORDS)
    return score + (1 if found and found[-1] in _TITLE_WORDS else 0)


def degree_prefix(text: str) -> tuple[str, str] | None:
    """"PhD Princeton University" -> ("PhD", "Princeton University")."""
    match = _DEGREE_ABBREVIATION.match(text)
    if match is None or not _SCHOOL.search(text[match.end():]):
        return None
    return match[0], text[match.end():].strip()


def org_score(text: str) -> int:
    score = sum(1 for word in words(text) if word in _ORG_WORDS)
    return score + (1 if _SCHOOL.search(text) else 0)


def is_degree(text: str) -> bool:
    found = _DEGREE_WORD.search(text) or _DEGREE_ABBREVIATION.search(text)
    return bool(found) and not _SCHOOL.search(text.split(",")[0])


def is_school(text: str) -> bool:
    return bool(_SCHOOL.search(text))


def is_location(text: str) -> bool:
    text = text.strip()
    return bool(_LOCATION.match(text)) and len(text.split()) <= 5 and not title_score(text)


def join_state(fields: list[str]) -> list[str]:
    """["Portland", "OR"] -> ["Portland, OR"]: a comma split cuts a US place in two."""
    out: list[str] = []
    for field in fields:
        if out and _US_STATE.match(field) and out[-1][:1].isupper() and not title_score(out[-1]):
            out[-1] = f"{out[-1]}, {field}"
        else:
            out.append(field)
    return out
