"""How long reading and writing a two-page resume in structured Markdown takes.

Two pages: 6 roles of 5 bullets, 2 projects, 2 degrees, 2 certifications. Prints the median
of parse + write over many runs against the 5 ms target.
"""

from __future__ import annotations

import statistics
import time

from documents.markdown import load_resume, write_resume
from documents.model import Certification, Contact, Degree, Month, Personal, Project, Resume, Role

TARGET_MS = 5.0
RUNS = 200


def two_page_resume() -> Resume:
    roles = tuple(
        Role(company=f"Example Company {n}", title="Senior Data Engineer",
             start=Month(year=2010 + 2 * n, month=3),
             end=None if n == 5 else Month(year=2012 + 2 * n, month=2),
             location="Columbus, OH", employment_type="Full-time", job_category="Data",
             summary=("Leads the platform team that feeds routing and billing analytics.",),
             situation=("Owns the nightly batch platform and its on-call rotation.",),
             tasks=tuple(f"Migrated {10 * b + 4} legacy jobs to Airflow, cutting failures by "
                         f"{b + 30}% across finance and operations" for b in range(5)),
             skills=("Airflow", "dbt", "PostgreSQL", "Python", "SQL"))
        for n in range(6))
    projects = tuple(
        Project(title=f"Example Project {n}", url=f"https://example.com/p{n}",
                start=Month(year=2020, month=1), end=Month(year=2020, month=9),
                description=("Command-line tool that checks public transit feeds for gaps.",
                             "Adopted by two regional transit agencies."),
                skills=("Python", "pytest"))
        for n in range(2))
    degrees = (
        Degree(school="Example University", degree="Master of Science", major="Computer Science",
               start=Month(year=2008, month=8), end=Month(year=2010, month=5), gpa="3.8"),
        Degree(school="Example College", degree="Bachelor of Science", major="Mathematics",
               start=Month(year=2004, month=8), end=Month(year=2008, month=5)),
    )
    certifications = tuple(
        Certification(name=f"Example Certification {n}", issuer="Example Academy",
                      issued=Month(year=2021, month=6), expires=Month(year=2024, month=6))
        for n in range(2))
    personal = Personal(contact=Contact(name="Your Name", email="you@example.com",
                                        phone="+1 555 010 0000", location="Columbus, OH"),
                        banner=("Data engineer who turns messy data into reliable pipelines.",))
    return Resume(personal=personal, degrees=degrees, certifications=certifications,
                  projects=projects, roles=roles)


def main() -> None:
    text = write_resume(two_page_resume())
    timings: dict[str, list[float]] = {"parse": [], "write": [], "parse+write": []}
    for _ in range(RUNS):
        started = time.perf_counter()
        resume = load_resume(text)
        parsed = time.perf_counter()
        write_resume(resume)
        written = time.perf_counter()
        timings["parse"].append((parsed - started) * 1000)
        timings["write"].append((written - parsed) * 1000)
        timings["parse+write"].append((written - started) * 1000)
    print(f"markdown_speed: two-page resume, {len(text.splitlines())} lines, {len(text)} chars, "
          f"median of {RUNS} runs")
    for name, values in timings.items():
        print(f"  {name:<12} median {statistics.median(values):6.3f} ms   "
              f"p90 {statistics.quantiles(values, n=10)[-1]:6.3f} ms")
    median = statistics.median(timings["parse+write"])
    verdict = "within" if median <= TARGET_MS else "OVER"
    print(f"  parse+write median {median:.3f} ms: {verdict} the {TARGET_MS:.0f} ms target")


if __name__ == "__main__":
    main()
