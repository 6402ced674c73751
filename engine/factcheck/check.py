"""The fact check every generated document passes before it is saved.

Identity (companies, titles, dates, schools, degrees, certifications, contact details) is restored
from the source whenever it changed. Roles, degrees and certifications can neither appear nor
disappear. A generated line that claims a number, technology or name its source does not hold is
replaced by the closest source line (or dropped), and an unsupported skill is dropped. A cover
letter sentence with such a claim, or with a [placeholder], is removed. Everything done is in the
report; nothing is silently kept.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from core.errors import UserFacingError
from documents.model import CoverLetter, Resume
from engine.factcheck.letter import posting_names, unsourced_claim
from engine.factcheck.lines import judge
from engine.factcheck.numbers import amounts
from engine.factcheck.repair import Checker, FactCheckReport, Finding, rule_label

__all__ = ["FactCheckReport", "fact_check_letter", "fact_check_resume"]

_PLACEHOLDER = re.compile(r"\[[^\]]*\]|\{[^}]*\}|<[^>]*>|\bX{2,}\b|\bTBD\b")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def fact_check_resume(
    source: Resume, candidate: Resume, facts: Sequence[str], *, posting: str | None = None,
    today: dt.date | None = None,
) -> tuple[Resume, FactCheckReport]:
    """`posting` is accepted for symmetry with letters and deliberately unused: a resume's
    claims are about the person, and the posting is never a source for those."""
    del posting
    checker = Checker(source, facts, today)
    checked = Resume(
        personal=checker.personal(candidate.personal),
        degrees=checker.same_items("education", source.degrees, candidate.degrees),
        certifications=checker.same_items(
            "certifications", source.certifications, candidate.certifications
        ),
        projects=checker.projects(candidate),
        roles=checker.roles(candidate),
        skills=checker.skill_groups(candidate),
        languages=checker.selected_items("languages", source.languages, candidate.languages),
        awards=checker.selected_items("awards", source.awards, candidate.awards),
        volunteering=checker.selected_items("volunteering", source.volunteering,
                                            candidate.volunteering),
        publications=checker.selected_items("publications", source.publications,
                                            candidate.publications),
        interests=checker.selected_items("interests", source.interests, candidate.interests),
    )
    return checked, checker.report.finish()


def _sender_fields(source: Resume, letter: CoverLetter, report: FactCheckReport) -> dict:
    contact = source.personal.contact if source.personal else None
    if contact is None:
        return {}
    wanted = {
        "sender_name": contact.name,
        "sender_email": contact.email,
        "sender_phone": contact.phone,
        "sender_location": contact.location,
        "signature": contact.name,
    }
    changed = {k: v for k, v in wanted.items() if getattr(letter, k) != v}
    if changed:
        report.add(Finding("identity_changed", ", ".join(sorted(changed)), None, "repaired"),
                   "sender details restored from your resume ("
                   + ", ".join(sorted(changed)) + ")")
    return changed


def fact_check_letter(
    source: Resume, letter: CoverLetter, facts: Sequence[str], *, posting: str | None = None,
    today: dt.date | None = None,
) -> tuple[CoverLetter, FactCheckReport]:
    """Each sentence is held to the whole resume and the confirmed facts; the posting (and the
    letter's addressee) is a source for the employer's names only: its job title, company,
    team, products and reference code may appear, as facts about the job, never the person."""
    checker = Checker(source, facts, today)
    report = checker.report
    addressed = [letter.company, letter.recipient_name or "", letter.company_location or "",
                 letter.greeting]
    ctx = checker.context(letter=True,
                          posting_names=posting_names([posting or "", *addressed]),
                          posting_amounts=tuple(a.value for a in amounts(posting or "")))
    paragraphs: list[str] = []
    for number, paragraph in enumerate(letter.paragraphs, start=1):
        kept = []
        where = f"paragraph {number}"
        for sentence in _SENTENCE.split(paragraph):
            if _PLACEHOLDER.search(sentence):
                report.add(Finding("placeholder", sentence, None, "repaired", "placeholder"),
                           f"{where}: placeholder sentence removed: “{sentence[:80]}”")
                continue
            problems = judge(sentence, ctx) or unsourced_claim(sentence, checker.whole,
                                                               ctx.posting_names)
            if problems:
                rule, _, source_line = problems[0]
                why = "; ".join(dict.fromkeys(p[1] for p in problems))
                report.add(Finding(rule, sentence, source_line, "repaired", why),
                           f"{where}: {rule_label(rule)}: sentence removed ({why}): "
                           f"“{sentence[:80]}”")
                continue
            kept.append(sentence)
        if kept:
            paragraphs.append(" ".join(kept))
    if not paragraphs:
        raise UserFacingError(
            "Every paragraph of the cover letter the model wrote made claims your resume does "
            "not support, so nothing was saved. Try again, or tell me which experience to use."
        )
    update = {"paragraphs": tuple(paragraphs), **_sender_fields(source, letter, report)}
    return letter.model_copy(update=update), report.finish()
