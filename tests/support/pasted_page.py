"""A whole job page as a browser copies it (select all), about 50 KB: the posting is a sliver."""

from __future__ import annotations

POSTING = """\
Operations Analyst
Hafenblick Logistik GmbH
Hamburg · Full-time

Hafenblick Logistik runs the container terminal operations for three shipping lines in the Port \
of Hamburg. As an Operations Analyst you will turn terminal data into daily decisions.

Your tasks
- Analyse crane and yard performance data and report weekly to the terminal management
- Build dashboards in Power BI and automate reports with Python and SQL
- Support the planning team in forecasting vessel arrivals and staffing needs

Your profile
- A degree in logistics, industrial engineering, economics or a similar field
- Two years of experience in data analysis, ideally in logistics or transport
- Very good English; German is an advantage

We offer a permanent contract, flexible hours and a public transport ticket."""

MENU = "\n".join(["Jobs", "Companies", "Career guide", "Salary checker", "For employers",
                  "Log in", "Register"])
COOKIES = ("We value your privacy. We and our 312 partners use cookies to store and access "
           "information on your device for personalised ads.\nAccept all\nOnly necessary")
CARDS = "\n".join(f"{title}\n{company}\n{place} · {days} days ago" for title, company, place, days
                  in [("Warehouse Team Lead", "BoxCo", "Hamburg", 2),
                      ("Logistics Coordinator", "ShipFast", "Bremen", 5),
                      ("Supply Chain Analyst", "Kontor AG", "Berlin", 1)] * 340)
FOOTER = "About us\nContact\nImprint\nPrivacy policy\n© 2026 jobs.example. All rights reserved."


def pasted_page() -> str:
    """Select-all and copy of a job page, about 50 KB as the issue's paste was."""
    return "\n".join([MENU, COOKIES, "Advertisement", "Earn a logistics degree online",
                      POSTING, "Share this job", "Never miss a job again! Subscribe to our "
                      "newsletter.", "Similar jobs", CARDS, FOOTER])
