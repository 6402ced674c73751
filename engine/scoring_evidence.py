"""Where a resume shows a requirement: its lines, indexed once, and the checks that read them.

Role bullets and project descriptions show a skill in use; skills lists and the banner only list
it. Words are compared by a light lemma (plural, -ing, -ed folded) and through the vocabulary's
aliases. Years of experience come from the dated roles; the level from the role titles; a degree
from the education entries. Pure: no database, network or model.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from documents.model import Month, Resume
from engine.requirements_vocab import canonical, find_term_spans
from engine.scoring_related import with_implied, with_related

_STOP = frozenset(
    ["a", "an", "and", "the", "of", "in", "on", "for", "with", "to", "or", "using", "via", "at",
     "by", "from", "as", "its", "their", "our", "your", "you", "we", "be", "is", "are", "will",
     "able", "strong", "good", "excellent", "solid", "proven", "experience", "knowledge",
     "understanding", "ability", "skill", "skills", "work", "working", "other", "etc", "new",
     "various", "multiple", "across", "within", "into", "both", "well", "high", "highly"])
MIN_SQUEEZED = 6
SHARE_NEEDED = 0.6  # of a skill phrase's key words that one line must hold


@dataclass(frozen=True)
class Evidence:
    section: str  # "Experience", "Projects", "Education", "Certifications", "Banner", "Facts"
    item: str  # "Senior Data Engineer at Riverbend", a project title, a school ...
    line: str
    strong: bool  # shown in use, not just listed

    def to_dict(self) -> dict[str, object]:
        return {"section": self.section, "item": self.item, "line": self.line,
                "strong": self.strong}


def lemma(word: str) -> str:
    """A light stem: "resolve", "resolved", "resolving" and "resolves" share one."""
    word = _us_spelling(canonical(word))
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[: -len(suffix)] + keep
            break
    return word[:-1] if len(word) > 4 and word.endswith("e") else word


def noun(word: str) -> str:
    """A word as a noun: only the plural folded. A one-word field ("Accounting", "Shipping") is
    a noun, shown by that noun and not by the verb it shares a stem with ("reset accounts",
    "shipped a release"), which lemma() would fold into one."""
    word = _us_spelling(canonical(word))
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _us_spelling(word: str) -> str:
    """British and American spellings fold together on both sides ("prioritise", "modelling",
    "analyse" meet "prioritize", "modeling", "analyze"); applied to every word alike, so two
    words can only meet if they were spellings of one."""
    word = re.sub(r"(?<=[a-z]{3})is(e|ed|es|ing|ation|ations)$", r"iz\1", word)
    word = re.sub(r"(?<=[a-z]{2})ys(e|ed|es|ing)$", r"yz\1", word)
    return re.sub(r"(?<=[a-z]{2}e)ll(ing|ed|er|ers)$", r"l\1", word)


def key_words(text: str) -> list[str]:
    """The words that carry a requirement's meaning, as written."""
    return [w for w in re.findall(r"[\w+#/.-]+", text) if w.lower() not in _STOP and len(w) > 2]


def key_terms(text: str) -> list[str]:
    """The words that carry a requirement's meaning, as lemmas."""
    return [lemma(w) for w in key_words(text)]


@dataclass(frozen=True)
class IndexedLine:
    evidence: Evidence
    terms: frozenset[str]  # canonical keys of known tools on the line
    lemmas: frozenset[str]
    words: str  # " word word " folded, for phrase containment
    # The same with the known names on the line cut out: "Looker" inside "Looker Studio", "AI"
    # inside "Vertex AI" is part of another name, not the tool itself.
    bare_words: str = ""
    nouns: frozenset[str] = frozenset()  # the words as nouns (noun()), with related words


def resume_lines(resume: Resume, facts: Sequence[str]) -> Iterator[Evidence]:
    personal = resume.personal
    for role in resume.roles:
        item = f"{role.title} at {role.company}"
        # The title itself shows the work ("Registered Nurse", "Data Analyst").
        for line in (role.title, *role.summary, *role.situation, *role.tasks):
            yield Evidence("Experience", item, line, True)
        for skill in role.skills:
            yield Evidence("Experience", item, skill, False)
    for project in resume.projects:
        for line in project.description:
            yield Evidence("Projects", project.title, line, True)
        for skill in project.skills:
            yield Evidence("Projects", project.title, skill, False)
    for degree in resume.degrees:
        text = ", ".join(p for p in (degree.degree, degree.major) if p)
        if text:
            yield Evidence("Education", degree.school, text, True)
    for cert in resume.certifications:
        yield Evidence("Certifications", cert.issuer or cert.name, cert.name, True)
    yield from _added_lines(resume)
    if personal is not None:
        for line in personal.banner:
            yield Evidence("Banner", "Banner", line, False)
        if personal.visa and personal.visa.work_authorization:
            yield Evidence("Personal", "Work authorisation", personal.visa.work_authorization,
                           True)
    for fact in facts:
        yield Evidence("Facts", "Confirmed by you", fact, True)


def _added_lines(resume: Resume) -> Iterator[Evidence]:
    """The person's own sections: a skills list counts as listed only; awards, volunteering,
    publications and a spoken language are things they did or have."""
    for group in resume.skills:
        for skill in group.items:
            yield Evidence("Skills", group.name or "Skills", skill, False)
    for language in resume.languages:
        line = f"{language.name}: {language.level}" if language.level else language.name
        yield Evidence("Languages", language.name, line, True)
    for award in resume.awards:
        for line in (award.title, *award.description):
            yield Evidence("Awards", award.title, line, True)
    for item in resume.volunteering:
        where = f"{item.role} at {item.organization}" if item.role else item.organization
        for line in (*item.summary, *item.tasks):
            yield Evidence("Volunteering", where, line, True)
    for publication in resume.publications:
        for line in (publication.title, *publication.description):
            yield Evidence("Publications", publication.title, line, True)


def folded_words(text: str) -> str:
    return " " + " ".join(canonical(w) for w in re.findall(r"[\w+#/.-]+", text)) + " "


def index(resume: Resume, facts: Sequence[str]) -> list[IndexedLine]:
    return [_indexed(e) for e in resume_lines(resume, facts)]


def _indexed(evidence: Evidence) -> IndexedLine:
    line = evidence.line
    names = find_term_spans(line)
    bare, last = [], 0
    for hit in sorted(names, key=lambda h: h.start):
        if hit.start >= last:
            bare.append(line[last:hit.start])
            last = hit.end
    bare.append(line[last:])
    # A line's lemmas include the words its related words show ("tutor" shows teaching).
    words = key_words(line)
    return IndexedLine(evidence, with_implied(canonical(h.name) for h in names),
                       with_related((lemma(w) for w in words), lemma), folded_words(line),
                       folded_words(" | ".join(bare)), with_related((noun(w) for w in words), noun))


@cache
def _member(member: str) -> tuple[str, str, bool, tuple[str, ...]]:
    is_name = bool(find_term_spans(member)) and len(member.split()) <= 3
    return (canonical(member), folded_words(member), is_name,
            tuple(dict.fromkeys(key_terms(member))))


@cache
def tools_in(phrase: str) -> frozenset[str]:
    """The tools a phrase names: "training PyTorch models" is not shown by TensorFlow work."""
    return frozenset(canonical(h.name) for h in find_term_spans(phrase))


def supports(member: str, line: IndexedLine, field: bool = False) -> bool:
    """Whether the line shows `member` (one spelling of a requirement); `field`: the member
    names a field or domain, so one word of it is matched as a noun."""
    key, phrase, is_name, words = _member(member)
    if key in line.terms or canonical(line.evidence.line) == key:
        return True
    if phrase.strip() and phrase in (line.bare_words if is_name else line.words):
        return True
    if is_name or not tools_in(member) <= line.terms:
        return False  # a tool is matched by name or alias, never by loose words
    if len(words) == 1:
        # One word: its stem on the line, or its spelling without a hyphen ("Ecommerce").
        squeezed = phrase.replace(" ", "")
        found = noun(member) in line.nouns if field else words[0] in line.lemmas
        return found or (
            len(squeezed) >= MIN_SQUEEZED and squeezed in line.words.replace(" ", ""))
    if len(words) < 2:
        return False
    held = sum(w in line.lemmas for w in words)
    return held >= max(2, math.ceil(SHARE_NEEDED * len(words)))


def shown_in_one_item(phrase: str, lines: Sequence[IndexedLine]) -> Iterator[Evidence]:
    """A phrase spread over one role or project ("design ... services" in one bullet, "scale"
    in the next): enough of its key words in the lines of one item counts as shown there; the
    evidence is that item's line holding most of them."""
    words = set(key_terms(phrase))
    if len(words) < 2:
        return
    needed = max(2, math.ceil(SHARE_NEEDED * len(words)))
    items: dict[tuple[str, str], list[IndexedLine]] = {}
    for line in lines:
        if line.evidence.strong and line.evidence.section in ("Experience", "Projects"):
            items.setdefault((line.evidence.section, line.evidence.item), []).append(line)
    for item_lines in items.values():
        held = set().union(*(ln.lemmas for ln in item_lines)) & words
        named = set().union(*(ln.terms for ln in item_lines))
        if len(held) >= needed and tools_in(phrase) <= named:
            yield max(item_lines, key=lambda ln: len(ln.lemmas & words)).evidence


def verify_citation(member: str, cited_line: str, lines: Sequence[IndexedLine]) -> Evidence | None:
    """A line a model cites as evidence counts only if it is one of the person's own lines
    (resume or confirmed fact) and shares the requirement's key terms."""
    wanted = " ".join(cited_line.split()).lower()
    for line in lines:
        if " ".join(line.evidence.line.split()).lower() == wanted:
            terms = set(key_terms(member)) | {canonical(member)}
            if supports(member, line) or terms & (line.lemmas | line.terms):
                return line.evidence
            return None
    return None


# --- years, level and degree ---------------------------------------------------------------

def _months(month: Month) -> int:
    return month.year * 12 + month.month - 1


def years_of_experience(resume: Resume, as_of: Month) -> float | None:
    """Years covered by the dated roles (overlaps counted once); None with no dated role."""
    dated = [r for r in resume.roles if r.start is not None]
    if not dated:
        return None
    spans = sorted((_months(r.start), _months(r.end or as_of) + 1) for r in dated)
    total, current_start, current_end = 0, spans[0][0], spans[0][1]
    for start, end in spans[1:]:
        if start > current_end:
            total += current_end - current_start
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    total += current_end - current_start
    return max(0, total) / 12


LEVELS = (
    (1, r"intern|internship|stagiaire|becario|praktikant|werkstudent|trainee|apprentice"),
    (1, r"junior|entry[- ]level|graduate|jr\.?"),
    (2, r"mid[- ]level|intermediate|confirmé"),
    (3, r"senior|sénior|sr\.?"),
    (4, r"staff|principal|lead|architect"),
    (5, r"head of|director|vp|vice president|chief"),
)


def level_of(text: str) -> int | None:
    found = [level for level, words in LEVELS if re.search(rf"\b({words})\b", text, re.I)]
    return max(found) if found else None


DEGREE_LEVELS = (
    (3, r"ph\.?\s?d|doctor|doctorate|dphil"),
    (2, r"master|m\.?sc|m\.?s\.?\b|mba|m\.?a\.?\b|meng|m\.?eng"),
    (1, r"bachelor|b\.?sc|b\.?s\.?\b|b\.?a\.?\b|beng|b\.?eng|licenciatura|licence|grado"),
    (0, r"degree|diploma|associate|dipl|abschluss|studium|bac"),
)


def degree_level(text: str) -> int | None:
    for level, words in DEGREE_LEVELS:
        if re.search(rf"\b({words})", text, re.I):
            return level
    return None


def degree_fields(requirement_text: str) -> list[tuple[str, ...]]:
    """The fields a degree requirement names ("in Computer Science, Statistics or a related
    field"), each as its key-term lemmas; empty when any field will do."""
    found = re.search(r"\b(?:in|en|de|in der)\s+(.+)$", requirement_text, re.I)
    if not found or re.search(r"related|equivalent|similar|relevant|any\b", found.group(1), re.I):
        return []
    parts = re.split(r",|\bor\b|\band\b|/", found.group(1))
    return [tuple(key_terms(p)) for p in parts if key_terms(p)]


# --- the occupation: the posting's title against the person's role titles ------------------

_NOT_OCCUPATION = re.compile(
    r"\b(?:" + "|".join(words for _, words in LEVELS) + r"|i{1,3}|iv|h/f|f/h|m/w/d|w/m/d|f/m/x)"
    r"(?=\W|$)", re.I)


def title_words(title: str) -> frozenset[str]:
    """The words of a job title that name the occupation (level words and "H/F" left out)."""
    return frozenset(key_terms(_NOT_OCCUPATION.sub(" ", title)))


def title_share(title: str, resume: Resume) -> tuple[float, str]:
    """How much of the posting's title the closest role title holds (0 to 1), and that title.
    Words are compared as lemmas with related words ("developer" for engineer)."""
    wanted = title_words(title)
    best, best_title = 0.0, ""
    if not wanted:
        return best, best_title
    for role in resume.roles:
        have = with_related(key_terms(role.title), lemma)
        share = len(wanted & have) / len(wanted)
        if share > best:
            best, best_title = share, role.title
    return best, best_title
