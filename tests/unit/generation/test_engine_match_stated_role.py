"""The occupation stated in the requirements ("experience as a Salesforce Developer") is a second
occupation requirement beside the headline title; a one-word field ("Accounting") is matched as a
noun, not through the verb it shares a stem with; using a machine-learning framework shows
machine learning."""

from __future__ import annotations

from documents.model import Month, Resume, Role
from engine.requirements import check_spans, extract_requirements
from engine.scoring import score_match

NOW = Month(year=2026, month=12)
GENERIC_HEADLINE = ("Senior Software Engineer\n"
                    "Requirements\n- 5+ years of experience as a Salesforce Developer\n"
                    "- Apex\n- SOQL\n")


def _resume(title: str, *tasks: str) -> Resume:
    return Resume(roles=(Role(company="Acme", title=title, start=Month(year=2018, month=1),
                              end=Month(year=2024, month=1),
                              tasks=tasks or ("Answered customer tickets",)),))


def _occupations(posting: str) -> list[str]:
    found = [r for r in extract_requirements(posting) if r.kind == "occupation"]
    for requirement in found:
        check_spans(requirement, posting)  # cited like every other requirement
    return [r.text for r in found]


def test_the_role_the_requirements_ask_experience_in_is_an_occupation_requirement() -> None:
    assert _occupations(GENERIC_HEADLINE) == ["Senior Software Engineer", "Salesforce Developer"]
    french = ("Ingénieur logiciel\nProfil recherché\n"
              "- Expérience en tant que développeur Python\n- SQL\n")
    assert _occupations(french) == ["Ingénieur logiciel", "développeur"]  # up to the job noun
    # Prose about the company is not a requirement, so it states no occupation.
    about = ("Data Analyst\nAbout us\nOur founders worked as teachers before starting the "
             "company.\nRequirements\n- SQL\n")
    assert _occupations(about) == ["Data Analyst"]


def test_a_generic_headline_no_longer_outranks_the_role_the_posting_asks_for() -> None:
    reqs = extract_requirements(GENERIC_HEADLINE)
    generic = score_match(_resume("Software Engineer"), reqs, as_of=NOW)
    stated = score_match(_resume("Salesforce Developer"), reqs, as_of=NOW)
    # Before, "Software Engineer" matched the whole title part and the Salesforce developer
    # half of it; now each holds one of the two statements of the job.
    assert stated.score >= generic.score
    exact = score_match(_resume("Senior Salesforce Software Engineer"), reqs, as_of=NOW)
    assert exact.score > stated.score


def test_a_one_word_field_is_shown_by_the_noun_not_by_a_verb_sharing_its_stem() -> None:
    reqs = [r for r in extract_requirements("Requirements\n- Accounting\n- Shipping\n")
            if r.kind == "domain"]
    assert [r.text for r in reqs] == ["Accounting", "Shipping"]
    verbs = score_match(_resume("IT Support Technician", "Reset user accounts",
                                "Shipped a new release every week"), reqs, as_of=NOW)
    assert verbs.score == 0 and not verbs.matched
    nouns = score_match(_resume("Accounting Assistant", "Booked shipping costs"), reqs,
                        as_of=NOW)
    assert {m.requirement.text for m in nouns.matched} == {"Accounting", "Shipping"}


def test_a_related_word_still_shows_a_one_word_field() -> None:
    reqs = [r for r in extract_requirements("Requirements\n- Nursing\n") if r.kind == "domain"]
    shown = score_match(_resume("Ward Nurse", "Cared for nurses' rota"), reqs, as_of=NOW)
    assert [m.requirement.text for m in shown.matched] == ["Nursing"]


def test_a_machine_learning_framework_shows_machine_learning() -> None:
    reqs = extract_requirements("Requirements\n- Machine Learning\n")
    shown = score_match(_resume("Applied Scientist",
                                "Built recommendation models in TensorFlow"), reqs, as_of=NOW)
    assert [m.requirement.text for m in shown.matched] == ["Machine Learning"]
    assert shown.matched[0].strong
