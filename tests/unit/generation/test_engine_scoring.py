"""The match score: explainable, stable, and not fooled by a keyword dump."""

from __future__ import annotations

from documents.model import Contact, Month, Personal, Resume, Role
from engine.requirements import Requirement
from engine.scoring import gap_questions, score_change, score_match

REQS = [Requirement("Python", True, "tool"), Requirement("Kubernetes", True, "tool"),
        Requirement("Terraform", True, "tool"), Requirement("Redis", False, "tool")]


def test_score_with_evidence_and_missing(resume: Resume) -> None:
    report = score_match(resume, REQS)
    # Python, Kubernetes (2 each, in bullets) and Redis (1, in a bullet) out of 7.
    assert report.score == round(100 * 5 / 7)
    python = next(m for m in report.matched if m.requirement.text == "Python")
    first = python.evidence[0]
    assert (first.section, first.item) == ("Experience",
                                           "Senior Platform Engineer at Riverbend Logistics")
    assert first.line.startswith("Moved 14 Python services")
    [missing] = report.missing
    assert missing.requirement.text == "Terraform" and missing.ask
    assert "ask the person" in missing.suggestion
    shown = report.to_markdown()
    assert "**Match score: 71/100**" in shown and "Terraform (required)" in shown


def test_same_inputs_same_score(resume: Resume) -> None:
    assert score_match(resume, REQS).to_dict() == score_match(resume, REQS).to_dict()


def test_aliases_plurals_and_punctuation_match() -> None:
    role = Role(company="Acme", title="Engineer", start=Month(year=2020, month=1),
                tasks=("Ran k8s clusters and Postgres replicas", "Wrote JS for the CI-CD page",
                       "Built ML models"))
    resume = Resume(roles=(role,))
    wanted = [Requirement(t, True, "tool") for t in
              ("Kubernetes", "PostgreSQL", "JavaScript", "CI/CD", "machine learning")]
    assert score_match(resume, wanted).score == 100


def test_a_skills_dump_without_evidence_cannot_score_100() -> None:
    stuffed = Role(company="Acme", title="Engineer", start=Month(year=2020, month=1),
                   tasks=("Worked on things",),
                   skills=tuple(r.text for r in REQS))
    resume = Resume(personal=Personal(contact=Contact(name="A B"),
                                      banner=("Python Kubernetes Terraform Redis",)),
                    roles=(stuffed,))
    report = score_match(resume, REQS)
    assert report.score == 50
    assert all(not m.strong for m in report.matched)
    assert "listed only" in report.to_markdown()


def test_confirmed_facts_count_as_evidence(resume: Resume) -> None:
    before = score_match(resume, REQS)
    after = score_match(resume, REQS, facts=["Used Terraform at Riverbend Logistics for VPCs"])
    assert after.score == 100 and not after.missing
    assert score_change(before, after) == "Match score 71 → 100 (+29)"


def test_no_requirements_is_said_plainly(resume: Resume) -> None:
    report = score_match(resume, [])
    assert report.score == 0 and "no requirements" in report.notes[0]


def test_gap_questions_ask_about_required_skills_only(resume: Resume) -> None:
    wanted = [*REQS, Requirement("Go", True, "tool"), Requirement("Rust", False, "tool")]
    assert gap_questions(score_match(resume, wanted), limit=5) == [
        "Have you used Terraform? If so, in which role or project, and how?",
        "Have you used Go? If so, in which role or project, and how?",
    ]
