"""Each fact-check rule fires, on a person and a posting that are not in the planted-fault set
(so the rules are shown to generalise), and the honest rewordings next to each do not."""

from __future__ import annotations

import datetime as dt

import pytest

from documents.markdown import load_resume
from documents.model import CoverLetter, Resume
from engine.factcheck.check import fact_check_letter, fact_check_resume
from engine.factcheck.claims import Support, unsupported_numbers
from engine.factcheck.numbers import amounts, ratio_claims
from engine.factcheck.repair import FactCheckReport, Finding
from engine.factcheck.verbs import lead_level

TODAY = dt.date(2026, 12, 15)
SOURCE = load_resume("""# Personal

## Contact Information

Name: Priya Nair
Email: priya.nair@example.com

## Banner

Lab operations lead who keeps clinical samples moving.

# Education

## Degrees

### Degree

School: Westbrook College
Degree: Bachelor of Science
Major: Biology

# Certifications

## Certification

Name: ASCP Medical Laboratory Scientist (MLS)

# Experience

## Roles

### Role

#### Basics

Company: Northwind Labs
Title: Lab Operations Lead
Start date: 02/2020

#### Responsibilities

* Assisted the validation of 12 assay protocols for the oncology panel
* Cut sample turnaround from 5 days to 3 days with barcode tracking
* Managed a $400,000 annual reagent budget
* Supported a team of technicians during the LIMS migration

#### Skills

* LIMS
* Python

### Role

#### Basics

Company: Eastgate Hospital
Title: Lab Technician
Start date: 2012
End date: 2017

#### Responsibilities

* Ran 40 blood panels a day on Sysmex analyzers
* Helped grow the lab's weekly test volume from 200 to 500

#### Skills

* Excel
""")
POSTING = """Senior Lab Manager
Brightline Diagnostics - Austin, TX
Reference: BLD-77

The Core Lab team runs CLIA-certified testing for the Brightline Panel in 300 partner clinics.
"""


def _task(role: int, index: int, text: str, source: Resume = SOURCE) -> Resume:
    roles = list(source.roles)
    tasks = list(roles[role].tasks)
    tasks[index] = text
    roles[role] = roles[role].model_copy(update={"tasks": tuple(tasks)})
    return source.model_copy(update={"roles": tuple(roles)})


def _banner(text: str) -> Resume:
    personal = SOURCE.personal.model_copy(update={"banner": (text,)})
    return SOURCE.model_copy(update={"personal": personal})


def _findings(candidate: Resume) -> list[Finding]:
    return fact_check_resume(SOURCE, candidate, [], today=TODAY)[1].findings


def _rules(candidate: Resume) -> list[str]:
    return [f.rule for f in _findings(candidate)]


@pytest.mark.parametrize(("role", "index", "text", "rule"), [
    (0, 0, "Led the validation of 12 assay protocols for the oncology panel", "scope_raised"),
    (0, 3, "Supported the team of technicians during the LIMS migration", "scope_raised"),
    (1, 1, "Grew the lab's weekly test volume from 200 to 500", "scope_raised"),
    (0, 1, "Cut sample turnaround from 5 days to 2 days with barcode tracking",
     "number_changed"),
    (1, 1, "Helped triple the lab's weekly test volume", "number_changed"),
    (1, 0, "Ran 40 blood panels an hour on Sysmex analyzers", "unit_changed"),
    (0, 2, "Managed a €400,000 annual reagent budget", "unit_changed"),
    (0, 1, "Cut sample turnaround from 5 weeks to 3 weeks with barcode tracking",
     "unit_changed"),
    (1, 0, "Ran 40 blood panels a day on Sysmex analyzers, logged with ChatGPT", "anachronism"),
    (0, 0, "Ran 40 blood panels a day on Sysmex analyzers", "moved_achievement"),
    (1, 0, "Ran 40 blood panels a day on Sysmex analyzers and reported in Python",
     "moved_achievement"),
    (0, 0, "Assisted the validation of 12 assay protocols with Tableau", "invented_skill"),
    (0, 0, "Assisted the validation of 12 assay protocols as a contractor for Quantix "
           "Diagnostics", "invented_employer"),
])
def test_a_distorted_line_is_caught_under_its_rule_and_repaired(role, index, text, rule) -> None:
    checked, report = fact_check_resume(SOURCE, _task(role, index, text), [], today=TODAY)
    assert [f.rule for f in report.findings] == [rule]
    finding = report.findings[0]
    assert finding.generated_line == text and finding.action == "repaired"
    assert text not in checked.roles[role].tasks  # the source line is back, or the line is gone


@pytest.mark.parametrize(("role", "index", "text"), [
    (0, 0, "Contributed to the validation of 12 assay protocols for the oncology panel"),
    (0, 2, "Oversaw a $400K yearly reagent budget"),
    (0, 1, "Cut sample turnaround from 5 days to 3 with barcode tracking"),
    (1, 1, "Helped more than double weekly test volume, from 200 to 500"),
    (1, 1, "Helped grow weekly test volume by 150%"),
    (1, 0, "Ran 40 blood panels daily on Sysmex analyzers"),
])
def test_an_honest_rewording_passes(role, index, text) -> None:
    assert _findings(_task(role, index, text)) == []


def test_years_of_experience_follow_from_the_dated_roles() -> None:
    assert _rules(_banner("Lab lead with 10 years of LIMS")) == ["years_inflated"]
    assert _rules(_banner("Lab lead with 6 years of LIMS")) == []
    # Lab work of any kind: both roles count, without the gap between them (2018-2019).
    assert _rules(_banner("Lab lead with 12 years in clinical labs")) == []
    assert _rules(_banner("Lab lead with 15 years in clinical labs")) == ["years_inflated"]


def test_identity_degree_and_certification_changes_name_the_field() -> None:
    roles = list(SOURCE.roles)
    roles[1] = roles[1].model_copy(update={"title": "Lab Supervisor"})
    findings = _findings(SOURCE.model_copy(update={"roles": tuple(roles)}))
    assert [(f.rule, f.generated_line, f.source_line) for f in findings] == [
        ("changed_title", "Title: Lab Supervisor", "Title: Lab Technician")]
    assert _rules(_banner("Lab lead with a PhD in Biology")) == ["invented_degree"]
    assert _rules(_banner("Lab lead with a Bachelor of Science in Biology")) == []
    assert _rules(_banner("Lab lead and Master Scheduler of the Northwind Labs LIMS")) == [
        "invented_skill"]  # a name the resume lacks, but no degree claimed
    certs = (SOURCE.certifications[0].model_copy(update={"name": "ASCP Specialist (SC)"}),)
    findings = _findings(SOURCE.model_copy(update={"certifications": certs}))
    assert [(f.rule, f.generated_line) for f in findings] == [
        ("invented_certification", "Name: ASCP Specialist (SC)")]


def test_a_skill_is_dropped_under_the_rule_that_explains_why() -> None:
    roles = list(SOURCE.roles)
    roles[1] = roles[1].model_copy(update={"skills": ("Excel", "ChatGPT", "LIMS", "Rust")})
    findings = _findings(SOURCE.model_copy(update={"roles": tuple(roles)}))
    assert [(f.rule, f.generated_line) for f in findings] == [
        ("anachronism", "ChatGPT"), ("moved_achievement", "LIMS"), ("invented_skill", "Rust")]


def _letter(*paragraphs: str) -> CoverLetter:
    return CoverLetter(sender_name="Priya Nair", sender_email="priya.nair@example.com",
                       date=TODAY, company="Brightline Diagnostics",
                       greeting="Dear hiring team,", paragraphs=paragraphs,
                       signature="Priya Nair")


def test_a_letter_keeps_the_postings_names_and_loses_unsourced_claims() -> None:
    opening = ("I am applying for the Senior Lab Manager role with the Core Lab team at "
               "Brightline Diagnostics (reference BLD-77).")
    body = ("At Northwind Labs I cut sample turnaround from 5 days to 3 days with barcode "
            "tracking.")
    closing = ("I would be glad to help the Core Lab team grow the Brightline Panel in its 300 "
               "partner clinics.")
    letter, report = fact_check_letter(SOURCE, _letter(opening, body, closing), [],
                                       posting=POSTING, today=TODAY)
    assert report.findings == [] and letter.paragraphs == (opening, body, closing)

    claims = {
        "I ran CLIA inspections for the Core Lab team at Northwind Labs.":
            "letter_claim_unsourced",
        "I have personally negotiated vendor contracts across hospital networks.":
            "letter_claim_unsourced",
        "At Northwind Labs I led the validation of 12 assay protocols.": "scope_raised",
        "As a Senior Lab Manager at Northwind Labs I managed the reagent budget.":
            "changed_title",
        "I am also a certified Histotechnician.": "invented_certification",
        "For twelve years I have run the LIMS at Northwind Labs.": "years_inflated",
        "I have run testing in 300 partner clinics.": "number_changed",
    }
    for sentence, rule in claims.items():
        letter, report = fact_check_letter(SOURCE, _letter(opening, sentence), [],
                                           posting=POSTING, today=TODAY)
        assert [(f.rule, f.generated_line) for f in report.findings] == [(rule, sentence)]
        assert letter.paragraphs == (opening,)


def test_equal_amounts_in_any_notation_are_equal() -> None:
    def values(text: str) -> list[float]:
        return [a.value for a in amounts(text)]

    assert values("50,000 and 50k and 50 thousand") == [50_000.0] * 3
    assert values("$1.5M, $1.5 million and 1,500,000") == [1_500_000.0] * 3
    assert values("10-15 nurses, $165,000 - $190,000") == [10, 15, 165_000, 190_000]
    assert ratio_claims("tripled") == ratio_claims("3x") == ratio_claims("200% more") == [3.0]
    assert [a.is_year for a in amounts("in 2018, 2,018 units")] == [True, False]
    assert amounts("COVID-19, LF-2291-BE, p95, S/4HANA, 6sense") == []


def test_the_verb_scale_orders_the_part_taken() -> None:
    levels = [lead_level(v)[0] for v in ("Helped reduce", "Reduced", "Led", "Spearheaded",
                                          "Co-designed", "Took part in", "Oversaw")]
    assert levels == [1, 2, 3, 4, 1, 1, 3]


def test_the_stored_report_keeps_findings_and_reads_old_rows() -> None:
    finding = Finding("scope_raised", "Led X", "Assisted X", "repaired", "“Led” > “Assisted”")
    report = FactCheckReport(repaired=["role: “Led X” ..."], findings=[finding])
    assert FactCheckReport.from_dict(report.to_dict()).findings == [finding]
    old = FactCheckReport.from_dict({"repaired": ["banner: “x” removed"], "flagged": [],
                                     "passed": ["bullets within the length bound"]})
    assert old.findings == [] and old.summary().startswith("Fact check: 1 repaired")


def test_the_citation_and_refinement_screens_compare_amounts_not_digits() -> None:
    # Tailoring's cited-bullet check and refinement's edit screen use this before the check.
    cited = Support.of(["Managed a $400,000 annual reagent budget"])
    assert unsupported_numbers("Managed a $400K annual reagent budget", cited) == []
    assert unsupported_numbers("Managed a $0.4 million annual reagent budget", cited) == []
    assert unsupported_numbers("Managed a $480K annual reagent budget", cited) == ["480"]
