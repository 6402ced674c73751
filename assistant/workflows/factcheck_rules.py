"""What a line of generated text may claim, given the source material that supports it.

A `Support` is built from source text (a role's lines and skills, the whole resume, confirmed
facts). `unsupported_claims(line, support)` lists every number, known technology and capitalised
name in the line that the support does not contain; an empty list means the line passes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.workflows.requirements_vocab import canonical, find_known_terms, fold
from documents.model import MONTH_NAMES, Resume, Role

MAX_BULLET_CHARS = 320
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[A-Za-zÀ-ÿ][\w&+#'’.-]*")
# Capitalised words that are ordinary English at the start of clauses or in titles.
_COMMON = frozenset(
    ["i", "a", "an", "the", "and", "or", "in", "on", "at", "of", "for", "to", "with", "by",
     "as", "it", "this", "that", "we", "our", "my", "me", "you", "your", "dear", "sincerely",
     "regards", "best", "hiring", "team", "manager", "mr", "mrs", "ms", "dr"]
) | {m.lower() for m in MONTH_NAMES}


def _number_key(raw: str) -> str:
    return raw.replace(",", "").rstrip(".")


def numbers_in(text: str) -> set[str]:
    return {_number_key(n) for n in _NUMBER.findall(text)}


def _words(text: str) -> set[str]:
    return {fold(w).strip(".") for w in _WORD.findall(text)}


@dataclass(frozen=True)
class Support:
    numbers: frozenset[str]
    terms: frozenset[str]  # canonical keys of technologies and skills
    words: frozenset[str]  # folded words, for capitalised names
    folded_text: str  # every source line folded, for multi-word skill phrases

    @classmethod
    def of(cls, lines: Iterable[str], skills: Iterable[str] = ()) -> Support:
        lines, skills = list(lines), list(skills)
        terms = {canonical(s) for s in skills}
        for line in lines + skills:
            terms |= {canonical(t) for t in find_known_terms(line)}
        words: set[str] = set()
        for line in lines + skills:
            words |= _words(line)
        numbers: set[str] = set()
        for line in lines:
            numbers |= numbers_in(line)
        folded = " | ".join(" ".join(canonical(w) for w in line.split()) for line in lines + skills)
        return cls(frozenset(numbers), frozenset(terms), frozenset(words), f" {folded} ")

    def __or__(self, other: Support) -> Support:
        return Support(
            self.numbers | other.numbers,
            self.terms | other.terms,
            self.words | other.words,
            self.folded_text + other.folded_text,
        )

    def supports_skill(self, skill: str) -> bool:
        key = canonical(skill)
        if key in self.terms:
            return True
        phrase = " ".join(canonical(w) for w in skill.split())
        return bool(phrase) and f" {phrase} " in self.folded_text.replace(" | ", "  ")


def role_lines(role: Role) -> list[str]:
    return [*role.summary, *role.situation, *role.tasks]


def role_support(role: Role) -> Support:
    identity = [role.company, role.title, role.location or "", role.agency or ""]
    return Support.of([*role_lines(role), *[x for x in identity if x]], role.skills)


def resume_support(resume: Resume) -> Support:
    lines: list[str] = []
    skills: list[str] = []
    personal = resume.personal
    if personal:
        lines += [*personal.banner, *personal.note]
        if personal.contact:
            lines += [x for x in (personal.contact.name, personal.contact.location) if x]
    for role in resume.roles:
        lines += role_lines(role) + [role.company, role.title]
        lines += [x for x in (role.location, role.agency, role.job_category) if x]
        skills += role.skills
    for project in resume.projects:
        lines += [project.title, *project.description]
        skills += project.skills
    for degree in resume.degrees:
        lines += [x for x in (degree.school, degree.degree, degree.major) if x]
    for cert in resume.certifications:
        lines += [x for x in (cert.name, cert.issuer) if x]
    added_lines, added_skills = added_sources(resume)
    return Support.of(lines + added_lines, skills + added_skills)


def added_sources(resume: Resume) -> tuple[list[str], list[str]]:
    """(lines, skills) of the person's skills, languages, awards, volunteering, publications and
    interests: their own words, so a claim they support is not an invention."""
    lines: list[str] = [language.name for language in resume.languages]
    lines += [language.level for language in resume.languages if language.level]
    for award in resume.awards:
        lines += [x for x in (award.title, award.issuer) if x] + list(award.description)
    for item in resume.volunteering:
        lines += [x for x in (item.organization, item.role, item.location) if x]
        lines += [*item.summary, *item.tasks]
    for publication in resume.publications:
        lines += [x for x in (publication.title, publication.publisher) if x]
        lines += list(publication.description)
    lines += list(resume.interests)
    skills = [skill for group in resume.skills for skill in group.items]
    lines += [group.name for group in resume.skills if group.name]
    return lines, skills


def listed_skills_support(resume: Resume) -> Support:
    """The person's top-level skills: a skill they list there may appear on a role."""
    return Support.of([], [skill for group in resume.skills for skill in group.items])


def facts_support(facts: Iterable[str]) -> Support:
    return Support.of(list(facts))


def _capitalised_names(line: str) -> list[str]:
    names = []
    for sentence in re.split(r"(?<=[.!?:;])\s+|\s[-–—]\s", line):
        for i, match in enumerate(_WORD.finditer(sentence)):
            word = match.group(0).rstrip(".'’")
            if i == 0 or not word[:1].isupper() or fold(word) in _COMMON:
                continue
            names.append(word)
    return names


def unsupported_claims(line: str, numbers_from: Support, names_from: Support) -> list[str]:
    """Numbers must come from `numbers_from` (the cited source); technologies and capitalised
    names from `names_from` (wider: the role, or the whole resume, plus facts)."""
    problems: list[str] = []
    for number in sorted(numbers_in(line) - numbers_from.numbers):
        problems.append(f"the number {number}")
    for term in find_known_terms(line):
        if canonical(term) not in names_from.terms and not names_from.supports_skill(term):
            problems.append(f"“{term}”")
    mentioned = {canonical(t) for t in find_known_terms(line)}
    for name in _capitalised_names(line):
        folded = fold(name).strip(".")
        if folded in names_from.words or canonical(name) in mentioned:
            continue
        problems.append(f"the name “{name}”")
    return list(dict.fromkeys(problems))


def too_long(line: str) -> bool:
    return len(line) > MAX_BULLET_CHARS


def closest(line: str, candidates: Iterable[str]) -> str | None:
    """The candidate sharing the most words with `line` (ties: the first), or None."""
    words = _words(line)
    best, best_overlap = None, 0
    for candidate in candidates:
        overlap = len(words & _words(candidate))
        if overlap > best_overlap:
            best, best_overlap = candidate, overlap
    return best
