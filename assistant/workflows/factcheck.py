"""The fact check every generated document passes before it is saved.

Identity (companies, titles, dates, schools, degrees, certifications, contact details) is restored
from the source whenever it changed. Roles, degrees and certifications can neither appear nor
disappear. A generated line that claims a number, technology or name its source does not hold is
replaced by the closest source line (or dropped), and an unsupported skill is dropped. A cover
letter sentence with such a claim, or with a [placeholder], is removed. Everything done is in the
report; nothing is silently kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.errors import UserFacingError
from assistant.workflows.factcheck_core import Checker, FactCheckReport
from assistant.workflows.factcheck_rules import Support, unsupported_claims
from documents.model import CoverLetter, Resume

__all__ = ["FactCheckReport", "fact_check_letter", "fact_check_resume"]

_PLACEHOLDER = re.compile(r"\[[^\]]*\]|\{[^}]*\}|<[^>]*>|\bX{2,}\b|\bTBD\b")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def fact_check_resume(
    source: Resume, candidate: Resume, facts: Sequence[str]
) -> tuple[Resume, FactCheckReport]:
    checker = Checker(source, facts)
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
        report.repaired.append(
            "sender details restored from your resume (" + ", ".join(sorted(changed)) + ")"
        )
    return changed


def fact_check_letter(
    source: Resume, letter: CoverLetter, facts: Sequence[str]
) -> tuple[CoverLetter, FactCheckReport]:
    checker = Checker(source, facts)
    report = checker.report
    addressed = [letter.company, letter.recipient_name or "", letter.company_location or "",
                 letter.greeting]
    names = checker.whole | Support.of([a for a in addressed if a])
    paragraphs: list[str] = []
    for number, paragraph in enumerate(letter.paragraphs, start=1):
        kept = []
        for sentence in _SENTENCE.split(paragraph):
            if _PLACEHOLDER.search(sentence):
                report.repaired.append(
                    f"paragraph {number}: placeholder sentence removed: “{sentence[:80]}”")
                continue
            problems = unsupported_claims(sentence, checker.whole, names)
            if problems:
                report.repaired.append(
                    f"paragraph {number}: sentence removed, it claimed "
                    f"{', '.join(problems)} not in your resume: “{sentence[:80]}”")
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
