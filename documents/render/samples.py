"""Fictional documents for previews, tests and benchmarks (the example of RESUME_FORMAT.md)."""

from __future__ import annotations

import datetime as dt

from documents.model import (
    Award,
    Certification,
    Contact,
    CoverLetter,
    Degree,
    Language,
    Month,
    Personal,
    Project,
    Publication,
    Resume,
    Role,
    SkillGroup,
    VisaStatus,
    Volunteering,
    Websites,
)


def sample_resume() -> Resume:
    """Priya Natarajan, as in RESUME_FORMAT.md section 10."""
    return Resume(
        personal=Personal(
            contact=Contact(
                name="Priya Natarajan",
                email="priya.natarajan@example.org",
                phone="+1 555 010 4477",
                location="Columbus, OH",
            ),
            websites=Websites(
                github="https://github.com/pnatarajan-example",
                linkedin="https://www.linkedin.com/in/pnatarajan-example",
                website="https://priya.example.org",
            ),
            visa=VisaStatus(work_authorization="US Permanent Resident", require_sponsorship=False),
            banner=(
                "Data engineer who turns messy operational data into reliable pipelines.",
                "Comfortable owning a platform end to end, from ingestion to dashboards.",
            ),
            note=("Open to hybrid roles in the Columbus area.",),
        ),
        degrees=(
            Degree(
                school="Ohio Valley University",
                degree="Master of Science",
                major="Computer Science",
                start=Month(year=2012, month=8),
                end=Month(year=2014, month=5),
                gpa="3.8",
            ),
        ),
        certifications=(
            Certification(
                name="Cloud Data Engineer Professional",
                issuer="Example Cloud Academy",
                issued=Month(year=2021, month=6),
                expires=Month(year=2024, month=6),
            ),
        ),
        projects=(
            Project(
                title="Open Transit Feed Validator",
                url="https://github.com/pnatarajan-example/transit-validator",
                url_description="transit-validator on GitHub",
                start=Month(year=2022, month=3),
                end=Month(year=2022, month=11),
                description=(
                    "Command-line tool that checks public transit feeds for schedule gaps "
                    "using Python.",
                    "Adopted by two regional transit agencies.",
                ),
                skills=("Python", "pytest"),
            ),
        ),
        roles=(
            Role(
                company="Riverbend Logistics, Inc.",
                title="Senior Data Engineer",
                employment_type="Full-time",
                job_category="Data Engineering",
                location="Columbus, OH",
                start=Month(year=2020, month=4),
                summary=("Leads the data platform team that feeds routing and billing analytics.",),
                situation=("Owns the nightly batch platform and its on-call rotation.",),
                tasks=(
                    "Migrated 40 legacy cron jobs to Airflow, cutting failed runs by 70%",
                    "Built a dbt model layer on PostgreSQL used by finance and operations",
                    "Mentored three junior engineers through their first production releases",
                ),
                skills=("Airflow", "dbt", "PostgreSQL", "Python"),
            ),
            Role(
                company="Lakeview Health Network",
                title="Data Analyst",
                employment_type="Contract",
                job_category="Analytics",
                agency="Brightline Staffing, LLC",
                reason_for_change="Contract ended",
                location="Remote",
                start=Month(year=2014, month=6),
                end=Month(year=2020, month=3),
                tasks=(
                    "Automated weekly claims reports with Python and SQL, saving 6 hours per week",
                    "Maintained Tableau dashboards for clinic managers",
                ),
                skills=("Python", "SQL", "Tableau"),
            ),
        ),
    )


_EMPLOYERS = (
    ("Riverbend Logistics, Inc.", "Senior Data Engineer", "Columbus, OH"),
    ("Lakeview Health Network", "Data Engineer", "Remote"),
    ("Northgate Insurance Group", "Analytics Engineer", "Dayton, OH"),
    ("Harbor Freight Analytics", "Data Analyst", "Cleveland, OH"),
    ("Maple Street Bank", "Reporting Analyst", "Toledo, OH"),
    ("Summit County Library", "Database Assistant", "Akron, OH"),
)
_TASKS = (
    "Migrated {n} legacy cron jobs to Airflow, cutting failed nightly runs by {p}%",
    "Built a dbt model layer on PostgreSQL used every day by finance and operations teams",
    "Cut warehouse spend by {p}% by partitioning the largest fact tables and pruning scans",
    "Wrote data quality checks in Python that page the on-call engineer before reports go out",
    "Mentored {n} junior engineers through their first production releases and code reviews",
)


def two_page_resume() -> Resume:
    """A fuller resume (6 roles x 5 bullets, 2 projects, 2 degrees, 2 certifications)."""
    base = sample_resume()
    roles = []
    for index, (company, title, location) in enumerate(_EMPLOYERS):
        end_year = 2025 - 3 * index
        roles.append(Role(
            company=company,
            title=title,
            employment_type="Full-time",
            location=location,
            start=Month(year=end_year - 3, month=2),
            end=None if index == 0 else Month(year=end_year, month=1),
            summary=(f"Data work for the {title.lower()} function.",),
            tasks=tuple(task.format(n=index + 3, p=10 + 5 * index) for task in _TASKS),
            skills=("Airflow", "dbt", "PostgreSQL", "Python", "SQL"),
        ))
    second_project = base.projects[0].model_copy(update={
        "title": "Warehouse Cost Explorer",
        "url": "https://github.com/pnatarajan-example/cost-explorer",
        "url_description": "cost-explorer on GitHub",
        "start": Month(year=2023, month=1),
        "end": Month(year=2023, month=9),
    })
    second_degree = Degree(
        school="Lakeshore State College",
        degree="Bachelor of Science",
        major="Mathematics",
        start=Month(year=2008, month=8),
        end=Month(year=2012, month=5),
    )
    second_cert = Certification(
        name="Airflow Fundamentals",
        issuer="Example Data Guild",
        issued=Month(year=2022, month=2),
        certification_id="AF-20931",
    )
    return base.model_copy(update={
        "roles": tuple(roles),
        "projects": (*base.projects, second_project),
        "degrees": (*base.degrees, second_degree),
        "certifications": (*base.certifications, second_cert),
    })


def full_resume() -> Resume:
    """The sample with every added section (docs/resume-format.md) and year-only dates."""
    base = sample_resume()
    return base.model_copy(update={
        "certifications": (*base.certifications, Certification(
            name="Certified Kubernetes Administrator", issuer="Example Foundation",
            issued=Month(year=2019))),
        "skills": (
            SkillGroup(items=("Git", "Linux")),
            SkillGroup(name="Data", items=("PostgreSQL", "dbt", "Airflow")),
            SkillGroup(name="Languages", items=("Python", "SQL")),
        ),
        "languages": (Language(name="English", level="Native"),
                      Language(name="Tamil", level="Fluent"), Language(name="Spanish")),
        "awards": (Award(title="Regional Data Challenge, 2nd place", issuer="Example Data Guild",
                         date=Month(year=2015), description=("Team of three, 40 teams.",)),),
        "volunteering": (Volunteering(
            organization="Columbus Code Club", role="Mentor", location="Columbus, OH",
            start=Month(year=2016), end=Month(year=2018),
            summary=("Weekly evening sessions for high-school students.",),
            tasks=("Taught Python basics to 25 students",)),),
        "publications": (Publication(
            title="Nightly Batch Without Tears", publisher="Example Data Journal",
            date=Month(year=2021, month=9), url="https://example.org/articles/batch",
            description=("Practitioner article on Airflow migrations.",)),),
        "interests": ("Chess", "Trail running"),
    })


def sample_cover_letter() -> CoverLetter:
    return CoverLetter(
        sender_name="Priya Natarajan",
        sender_email="priya.natarajan@example.org",
        sender_phone="+1 555 010 4477",
        sender_location="Columbus, OH",
        date=dt.date(2026, 3, 14),
        recipient_name="Jordan Ellis",
        company="Northgate Insurance Group",
        company_location="Dayton, OH",
        greeting="Dear Jordan Ellis,",
        paragraphs=(
            "I am applying for the Senior Analytics Engineer role on your claims data team.",
            "At Riverbend Logistics I migrated 40 legacy cron jobs to Airflow and built the dbt "
            "model layer that finance and operations use every day.",
            "I would welcome the chance to talk about how I could help your team.",
        ),
        signature="Priya Natarajan",
    )
