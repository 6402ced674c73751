"""The fact check on its own: each kind of invention is caught and repaired or reported."""

from __future__ import annotations

import pytest

from core.errors import UserFacingError
from documents.model import CoverLetter, Degree, Month, Resume, Role
from engine.factcheck.check import fact_check_letter, fact_check_resume
from engine.factcheck.report import CHECKS


def _role(resume: Resume, index: int, **changes) -> Resume:
    roles = list(resume.roles)
    roles[index] = roles[index].model_copy(update=changes)
    return resume.model_copy(update={"roles": tuple(roles)})


def test_the_source_itself_passes(resume: Resume) -> None:
    checked, report = fact_check_resume(resume, resume, [])
    assert checked == resume
    assert report.repaired == [] and report.flagged == [] and report.passed == list(CHECKS)
    assert report.summary().startswith("Fact check passed")


def test_changed_identity_is_restored(resume: Resume) -> None:
    bad = _role(resume, 1, company="Stripe", title="Staff Engineer",
                start=Month(year=2018, month=1))
    checked, report = fact_check_resume(resume, bad, [])
    assert checked.roles[1].company == "Lakeshore Payments"
    assert checked.roles[1].title == "Backend Engineer"
    assert checked.roles[1].start == Month(year=2019, month=6)
    assert any("company restored (was “Stripe”)" in r for r in report.repaired)


def test_invented_skill_is_dropped_and_a_confirmed_one_kept(resume: Resume) -> None:
    bad = _role(resume, 0, skills=("Terraform", *resume.roles[0].skills, "Rust"))
    checked, report = fact_check_resume(resume, bad, ["I used Terraform at Riverbend"])
    assert checked.roles[0].skills == ("Terraform", *resume.roles[0].skills)
    assert report.repaired == [
        "Senior Platform Engineer at Riverbend Logistics: skill “Rust” dropped (no source)"
    ]


def test_a_skill_from_another_role_is_not_moved_here(resume: Resume) -> None:
    # Airflow is real (Brightwater) but was never used at Riverbend.
    bad = _role(resume, 0, skills=(*resume.roles[0].skills, "Airflow"))
    checked, _ = fact_check_resume(resume, bad, [])
    assert "Airflow" not in checked.roles[0].skills


def test_added_metric_and_invented_names_are_repaired(resume: Resume) -> None:
    tasks = list(resume.roles[1].tasks)
    tasks[0] = "Built FastAPI services for card settlement on PostgreSQL, saving $2M a year"
    tasks[2] = "Added GitHub Actions pipelines for Visa and Mastercard integrations"
    checked, report = fact_check_resume(resume, _role(resume, 1, tasks=tuple(tasks)), [])
    assert checked.roles[1].tasks == resume.roles[1].tasks
    text = " ".join(report.repaired)
    assert "the number 2" in text and "“Visa”" in text


def test_roles_degrees_and_certifications_cannot_appear_or_vanish(resume: Resume) -> None:
    invented = Role(company="Globex", title="CTO", start=Month(year=2023, month=1))
    bad = resume.model_copy(update={
        "roles": (*resume.roles[:2], invented, *resume.roles[3:]),
        "degrees": (*resume.degrees, Degree(school="MIT", degree="PhD")),
        "certifications": (),
    })
    checked, report = fact_check_resume(resume, bad, [])
    assert [r.company for r in checked.roles] == [r.company for r in resume.roles]
    assert checked.degrees == resume.degrees and checked.certifications == resume.certifications
    text = " ".join(report.repaired)
    assert "education restored" in text and "certifications restored" in text
    assert "Northgate Media" in checked.roles[2].company


def test_overlong_bullet_is_replaced(resume: Resume) -> None:
    long_line = "Introduced Kafka for shipment events " + "and more " * 60
    bad = _role(resume, 0, tasks=(long_line, *resume.roles[0].tasks[2:]))
    checked, report = fact_check_resume(resume, bad, [])
    assert all(len(t) <= 320 for t in checked.roles[0].tasks)
    assert "too long" in report.repaired[0]


def _letter(*paragraphs: str) -> CoverLetter:
    import datetime as dt

    return CoverLetter(sender_name="Someone Else", date=dt.date(2026, 11, 21),
                       company="Harborline", greeting="Dear Harborline hiring team,",
                       paragraphs=paragraphs, signature="Someone Else")


def test_letter_sentences_with_placeholders_or_invented_claims_go(resume: Resume) -> None:
    letter = _letter(
        "I moved 14 Python services to Kubernetes at Riverbend Logistics. I have [X] years of "
        "experience.",
        "At Lakeshore Payments I cut p95 latency by 35%. I also led 12 engineers at Google.",
    )
    checked, report = fact_check_letter(resume, letter, [])
    assert checked.paragraphs == (
        "I moved 14 Python services to Kubernetes at Riverbend Logistics.",
        "At Lakeshore Payments I cut p95 latency by 35%.",
    )
    assert checked.sender_name == "Dana Okafor" and checked.signature == "Dana Okafor"
    assert len(report.repaired) == 3


def test_a_letter_with_nothing_true_is_refused(resume: Resume) -> None:
    with pytest.raises(UserFacingError, match="nothing was saved"):
        fact_check_letter(resume, _letter("I ran Netflix's 900-person Terraform team."), [])
