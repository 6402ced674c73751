"""Judging one generated line against the source: which rule, if any, it breaks.

The rules (closed list, documented in evals/factcheck/README.md) are tried in a fixed order, most
specific first, and every problem found is returned as (rule, detail, source line). A `Context`
says what the line may draw on: its role (None for a banner or a letter), the whole resume, the
confirmed facts and, for letters, the posting's names. Pure code.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from documents.model import Resume, Role
from engine.factcheck.claims import Support, _capitalised_names, _words, role_lines
from engine.factcheck.letter import claim_clauses
from engine.factcheck.numbers import (
    Amount,
    amounts,
    at_least_ratio_claims,
    derived,
    ratio_claims,
    same_value,
)
from engine.factcheck.time import anachronisms, years_claims, years_spans
from engine.factcheck.verbs import lead_level, team_raise
from engine.requirements_vocab import canonical, find_known_terms, fold

_DEGREE = re.compile(
    # "Master" alone is not a degree (Scrum Master, Master Scheduler): it needs 's, of or degree.
    r"\b(?:(?P<level>bachelor|master|doctor)(?:(?:'s|’s|s)\b(?:\s+degree)?|\s+degree|"
    r"\s+of\s+(?P<field>[A-Z][\w]*(?:\s+[A-Z][\w]*)*))|(?P<abbr>Ph\.?D\.?|MBA|MSc|BSc|MSN|BSN|DNP|EdD|Ed\.D\.|doctorate))",
    re.I)
_ABBR = {"phd": ("doctor", None), "ph.d.": ("doctor", None), "ph.d": ("doctor", None),
         "doctorate": ("doctor", None), "edd": ("doctor", "education"),
         "ed.d.": ("doctor", "education"), "dnp": ("doctor", "nursing practice"),
         "mba": ("master", "business administration"), "msc": ("master", "science"),
         "bsc": ("bachelor", "science"), "msn": ("master", "science"),
         "bsn": ("bachelor", "science")}
_CERT = re.compile(r"\bcertified\s+(?P<after>(?:[A-Z][\w/&-]*\s*){1,4})|"
                   r"(?P<before>(?:[A-Z][\w/&-]*[\s,]+(?:and\s+)?){1,5})certifications?\b")
_TITLE = re.compile(r"(?:\b[Aa]s an?|\bI was(?: an?)?|\bI am an?|\bworked as an?|\bserved as"
                    r"(?: an?)?)\s+(?P<title>(?:[A-Z][\w&,-]*\s+(?:of\s+)?){0,4}"
                    r"(?:[A-Z][\w&-]*|[a-z]+ (?:nurse|engineer|manager|teacher|coach)))")
_EMPLOYER_CUE = re.compile(r"\b(?:for|at|through|with|via|client|contractor|freelancer|"
                           r"agency|employer)\s+$", re.I)
# Last words of organisation names, and words that make a phrase a job title.
_ORG_TEXT = ("inc llc ltd co corp company group staffing agency partners learning roasters bank "
             "union university college hospital clinic school consulting solutions labs")
_ORG_WORDS = frozenset(_ORG_TEXT.split())
_TITLE_TEXT = ("engineer manager director head chief officer lead nurse teacher specialist "
               "coordinator supervisor analyst vp president principal administrator")
_TITLE_WORDS = frozenset(_TITLE_TEXT.split())


@dataclass
class Context:
    source: Resume
    support: Support  # what this line's numbers and terms must come from
    names: Support  # where capitalised names may come from
    facts: Support
    role: Role | None = None
    today: dt.date = field(default_factory=dt.date.today)
    letter: bool = False
    posting_names: frozenset[str] = frozenset()
    facts_lines: tuple[str, ...] = ()
    posting_amounts: tuple[float, ...] = ()

    @property
    def lines(self) -> list[str]:
        if self.role is not None:
            return role_lines(self.role)
        return [line for r in self.source.roles for line in role_lines(r)] + list(
            self.source.personal.banner if self.source.personal else ())


Problem = tuple[str, str, str | None]


def similarity(a: str, b: str) -> float:
    wa, wb = _words(a), _words(b)
    return len(wa & wb) / max(1, min(len(wa), len(wb))) if wa and wb else 0.0


def best_match(line: str, candidates: Sequence[str]) -> tuple[str | None, float]:
    best, score = None, 0.0
    for candidate in candidates:
        s = similarity(line, candidate)
        if s > score:
            best, score = candidate, s
    return best, score


def _degree_keys(text: str) -> list[tuple[str, str | None]]:
    keys = []
    for m in _DEGREE.finditer(text):
        if m.group("abbr"):
            keys.append(_ABBR[m.group("abbr").lower()])
        else:
            level = m.group("level").lower()
            field_ = fold(m.group("field")).split()[0] if m.group("field") else None
            keys.append((level, field_))
    return keys


def degree_problem(line: str, source: Resume, facts: Support) -> str | None:
    held = [k for d in source.degrees for k in _degree_keys(d.degree or "")]
    for level, field_ in _degree_keys(line):
        if any(lv == level and (field_ is None or f is None or f.startswith(field_[:4]))
               for lv, f in held):
            continue
        if level in facts.folded_text:
            continue
        return f"{level}'s degree" if level != "doctor" else "a doctorate"
    return None


def certification_problem(line: str, source: Resume, facts: Support) -> str | None:
    names = fold(" ".join(f"{c.name} {c.issuer or ''}" for c in source.certifications))
    for m in _CERT.finditer(line):
        phrase = m.group("after") or m.group("before") or ""
        for word in re.findall(r"[A-Z][\w/&-]*", phrase):
            key = fold(word)
            if key not in names and key not in facts.folded_text and key not in ("and",):
                return word
    return None


def title_problem(line: str, source: Resume) -> str | None:
    titles = [fold(r.title) for r in source.roles]
    for m in _TITLE.finditer(line):
        claimed = fold(m.group("title")).strip(" ,")
        if not any(w in _TITLE_WORDS for w in claimed.split()):
            continue
        if not any(claimed in t or t in claimed and claimed == t for t in titles):
            return m.group("title").strip(" ,")
    return None


def _classify_name(line: str, name: str, ctx: Context) -> str:
    """Which rule an unsupported name breaks, from the words around it."""
    at = line.find(name)
    before = line[:at]
    if canonical(name) in {canonical(t) for t in find_known_terms(line)}:
        return "invented_skill" if not ctx.letter else "letter_claim_unsourced"
    run = re.match(r"(?:[A-Z][\w&'’.-]*\s?)+", line[at:])
    words = fold(run.group(0) if run else name).split()
    if _EMPLOYER_CUE.search(before) or any(w.strip(".,") in _ORG_WORDS for w in words):
        return "invented_employer"
    if re.search(r"certif", line, re.I):
        return "invented_certification"
    return "letter_claim_unsourced" if ctx.letter else "invented_skill"


def name_problems(line: str, ctx: Context) -> list[Problem]:
    problems: list[Problem] = []
    mentioned = {canonical(t) for t in find_known_terms(line)}
    for term in find_known_terms(line):
        key = canonical(term)
        if key in ctx.support.terms or ctx.support.supports_skill(term):
            continue
        if ctx.letter and fold(term) in ctx.posting_names and not _claims_it(line, term):
            continue
        if ctx.role is not None and (key in ctx.names.terms or ctx.names.supports_skill(term)):
            problems.append(("moved_achievement", f"“{term}” belongs to another role", None))
        elif ctx.letter:
            problems.append(("letter_claim_unsourced", f"“{term}” is not in your resume", None))
        else:
            problems.append(("invented_skill", f"“{term}” is not in your resume", None))
    for name in _capitalised_names(line):
        folded = fold(re.sub(r"['’]s?$", "", name)).strip(".")
        at = line.find(name)
        if at > 0 and line[at - 1].isdigit():
            continue  # the k of 480K
        if folded in ctx.names.words or canonical(name) in mentioned:
            continue
        if ctx.letter and folded in ctx.posting_names and not _claims_it(line, name):
            continue
        problems.append((_classify_name(line, name, ctx), f"the name “{name}”", None))
    return problems


def _claims_it(line: str, term: str) -> bool:
    """In a letter, a posting's name used as the person's own ("my PCI DSS experience")."""
    return any(re.search(rf"\b{re.escape(term)}\b", clause) for clause in claim_clauses(line))


def _source_amounts(lines: Sequence[str]) -> list[Amount]:
    return [a for line in lines for a in amounts(line) if not a.is_year]


def number_problems(line: str, ctx: Context, match: str | None) -> list[Problem]:
    skip = years_spans(line)
    claimed = [a for a in amounts(line)
               if not any(s <= a.start < e for s, e in skip) and not a.ratio]
    pool = [line_ for line_ in ctx.lines] + list(ctx.facts_lines)
    source = _source_amounts(pool)
    problems: list[Problem] = []
    dated = [r for r in ctx.source.roles if r.start is not None]
    career = [r.start.year for r in dated] + [(r.end or ctx.today).year for r in dated]
    claims = [(line.find(c), line.find(c) + len(c)) for c in claim_clauses(line)]
    for amount in claimed:
        if ctx.letter and any(same_value(amount.value, p) for p in ctx.posting_amounts) and not \
                any(s <= amount.start < e for s, e in claims):
            continue  # the employer's number, from the posting, not a claim about the person
        if amount.is_year:
            if career and min(career) <= amount.value <= max(career) + 1:
                continue
            problems.append(("number_changed", f"the year {int(amount.value)}", match))
            continue
        equal = [s for s in source if same_value(s.value, amount.value)]
        if not equal:
            near = match and (amount.percent and round(amount.value) in derived(
                [a.value for a in amounts(match) if not a.percent and not a.is_year]))
            if not near:
                problems.append(("number_changed", f"the number {_show(amount)}", match))
            continue
        if amount.currency and not any(s.currency in (amount.currency, None) for s in equal):
            problems.append(("unit_changed", f"{_show(amount)} in {amount.currency}", match))
        elif amount.unit and not any(s.unit in (amount.unit, None) for s in equal):
            problems.append(("unit_changed", f"{_show(amount)} {amount.unit}s", match))
        elif amount.period and all(s.period not in (amount.period, None) for s in equal):
            problems.append(("unit_changed", f"{_show(amount)} a {amount.period}", match))
    if match is not None:
        problems += _ratio_problems(line, match)
    return problems


def _ratio_problems(line: str, match: str) -> list[Problem]:
    values = [a.value for a in amounts(match) if not a.percent and not a.is_year]
    factors = {v for v in derived(values) if v < 50}
    problems: list[Problem] = []
    for claim in ratio_claims(line):
        if claim in ratio_claims(match) or any(abs(claim - f) < 0.06 for f in factors):
            continue
        problems.append(("number_changed", f"a growth of {claim:g}x", match))
    for floor in at_least_ratio_claims(line):
        if not any(f > floor for f in factors) and floor not in ratio_claims(match):
            problems.append(("number_changed", f"more than {floor:g}x", match))
    return problems


def _show(amount: Amount) -> str:
    value = f"{amount.value:,.2f}".rstrip("0").rstrip(".")
    return value + ("%" if amount.percent else "")


def scope_problem(line: str, match: str | None, score: float) -> Problem | None:
    if match is None or score < 0.4:
        return None
    if team_raise(match, line):
        return ("scope_raised", "“a team” became “the team”", match)
    generated, source = lead_level(line), lead_level(match)
    if generated and source and generated[0] > source[0]:
        return ("scope_raised", f"“{generated[1]}” claims more than “{source[1]}”", match)
    return None


def moved_problem(line: str, ctx: Context, own: float) -> Problem | None:
    if ctx.role is None:
        return None
    others = [text for r in ctx.source.roles if r != ctx.role for text in role_lines(r)]
    match, score = best_match(line, others)
    if match is not None and score >= 0.8 and own < 0.6:
        return ("moved_achievement", "this line belongs to another role", match)
    return None


def judge(line: str, ctx: Context) -> list[Problem]:
    """Every rule the line breaks, most specific first; [] when the line holds."""
    match, score = best_match(line, ctx.lines)
    problems: list[Problem] = []
    if ctx.role is not None:
        problems += [("anachronism", f"{r.name} (first released {r.year}) in a role that "
                      f"ended {ctx.role.end}", match) for r in anachronisms(line, ctx.role)]
    moved = moved_problem(line, ctx, score)
    if moved:
        problems.append(moved)
    degree = degree_problem(line, ctx.source, ctx.facts)
    if degree:
        problems.append(("invented_degree", degree, None))
    cert = certification_problem(line, ctx.source, ctx.facts)
    if cert:
        problems.append(("invented_certification", f"a certification in “{cert}”", None))
    title = title_problem(" | ".join(claim_clauses(line)) if ctx.letter else line, ctx.source)
    if title:
        problems.append(("changed_title", f"the title “{title}”", None))
    problems += name_problems(line, ctx)
    roles = ctx.source.roles
    problems += [("years_inflated", f"{c.years} years of {c.subject or 'it'}; your dated roles "
                  f"show {c.covered}", None) for c in years_claims(line, roles, ctx.today)]
    for part in (claim_clauses(line) if ctx.letter else [line]):
        part_match, part_score = best_match(part, ctx.lines) if ctx.letter else (match, score)
        scope = scope_problem(part, part_match, part_score)
        if scope:
            problems.append(scope)
    problems += number_problems(line, ctx, match if score >= 0.4 else None)
    return list(dict.fromkeys(problems))
