"""Release years the time check uses are first public use, not 1.0 or GA: a tailored line that
rewords a true claim about an early release is left alone, and a tool from before its first
public year is still caught. The people and employers are invented."""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources

import pytest

from documents.markdown import load_resume
from documents.model import Resume
from engine.factcheck.check import fact_check_resume

TODAY = dt.date(2026, 12, 15)


def _person(line: str, start: str, end: str) -> Resume:
    # An older role ending in `end` that holds `line`, under a current role without it.
    return load_resume(f"""# Personal

## Contact Information

Name: Rosa Kettering
Email: rosa.kettering@example.com

# Experience

## Roles

### Role

#### Basics

Company: Halden Freight
Title: Operations Analyst
Start date: 03/{int(end) + 1}

#### Responsibilities

* Reconciled the weekly carrier invoices

### Role

#### Basics

Company: Orrin Labs
Title: Research Assistant
Start date: {start}
End date: {end}

#### Responsibilities

* {line}
""")


def _reword(source: Resume, line: str) -> Resume:
    roles = list(source.roles)
    roles[1] = roles[1].model_copy(update={"tasks": (line,)})
    return source.model_copy(update={"roles": tuple(roles)})


def _anachronisms(source_line: str, tailored_line: str, start: str, end: str) -> list[str]:
    source = _person(source_line, start, end)
    _, report = fact_check_resume(source, _reword(source, tailored_line), [], today=TODAY)
    return [f.generated_line for f in report.findings if f.rule == "anachronism"]


# Each true claim was flagged with the old years (Spark 1.0 2014, Kotlin 1.0 2016, Teams GA
# 2017, GA4 rename 2020, Figma launch 2016, PostgreSQL rename 1996), which were later than
# the first public release the person could have used.
@pytest.mark.parametrize(("source_line", "tailored_line", "start", "end"), [
    ("Rewrote the log aggregation jobs in Spark",
     "Rewrote the log aggregation jobs in Apache Spark", "2010", "2012"),
    ("Built the lab's sample tracker as an Android app in Kotlin",
     "Built an Android sample tracker in Kotlin for the lab", "2012", "2013"),
    ("Ran the lab's weekly stand-ups over Microsoft Teams",
     "Ran weekly lab stand-ups over Microsoft Teams", "2015", "2016"),
    ("Set up the lab website's event tracking in GA4",
     "Set up event tracking for the lab website in GA4", "2017", "2019"),
    ("Drew the intake form screens in Figma",
     "Designed the intake form screens in Figma", "2014", "2015"),
    ("Kept the specimen catalogue in Postgres",
     "Maintained the specimen catalogue in Postgres", "1993", "1995"),
])
def test_a_true_claim_about_an_early_public_release_is_not_flagged(
        source_line, tailored_line, start, end) -> None:
    assert _anachronisms(source_line, tailored_line, start, end) == []


def test_a_tool_named_before_its_first_public_year_is_still_flagged() -> None:
    # Spark was first public in 2010: a role that ended in 2009 cannot have used it.
    found = _anachronisms("Rewrote the log aggregation jobs in Perl",
                          "Rewrote the log aggregation jobs in Apache Spark", "2007", "2009")
    assert found == ["Rewrote the log aggregation jobs in Apache Spark"]


def test_every_release_year_says_where_it_was_checked() -> None:
    # The years are data a reviewer must be able to re-check: each says what happened in that
    # year, where that was read, and whether it was verified.
    entries = json.loads(resources.files("engine.factcheck").joinpath(
        "release_years.json").read_text(encoding="utf-8"))
    for entry in entries:
        assert entry["what"] and entry["source"], entry["name"]
        assert entry["confidence"].startswith(("verified", "partly verified", "unverified")), \
            entry["name"]
