"""Which main-text extractor reads job pages best: trafilatura (used) against readability-lxml.

On the test pages in ``tests/support/job_pages`` written in the shapes of real job boards (a
semantic page with header, aside and footer; a div-soup page with ads, a newsletter box and 24
"similar jobs" cards; a page whose visible HTML sits next to its JSON-LD), for each extractor:

1. Kept: the posting's lines found in the output (title, each requirement, the offer), of all.
2. Noise: page-furniture markers found in the output (cookie notice, menus, ads, similar jobs,
   footer), of all checked; fewer is better.
3. Speed: median milliseconds per page over RUNS runs, and on one large page (the plain page
   with 2,000 similar-jobs cards, about 130 KB), as a ratio to trafilatura in the same run.

readability-lxml is in the bench extra only (``make bench`` installs it); jusText
comes with trafilatura. Run: ``.venv/bin/python bench/job_page_text.py``.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

import lxml.html

PAGES = Path(__file__).resolve().parent.parent / "tests" / "support" / "job_pages"
RUNS = 20
KEPT = {
    "board_plain.html": ["Backend Developer (Go)", "scheduling software used by 300 clinics",
                         "two million bookings a month", "PostgreSQL schemas",
                         "3+ years writing production Go", "Kubernetes and Terraform",
                         "28 days holiday", "Lumen Health"],
    "board_noisy.html": ["container terminal operations", "crane and yard performance",
                         "Power BI", "forecasting vessel arrivals", "degree in logistics",
                         "Two years of experience", "German is an advantage",
                         "public transport ticket"],
    "board_jsonld.html": ["Senior Data Engineer", "40,000 containers", "Apache Spark",
                          "Airflow platform", "dbt", "5+ years", "Kafka is a plus"],
}
NOISE = ["cookie", "Accept", "Similar jobs", "People also viewed", "Advertisement", "newsletter",
         "Find jobs", "Post a job", "Privacy", "Senior Go Engineer", "Warehouse Team Lead",
         "Filter jobs", "Share this job", "car insurance", "All rights reserved", "Career advice",
         "Imprint", "Salary checker", "ShopMart", "Candidate login"]


def trafilatura_text(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, favor_precision=True, include_tables=True,
                               include_comments=False) or ""


def readability_text(html: str) -> str:
    from readability import Document

    document = Document(html)
    summary = lxml.html.fromstring(document.summary(html_partial=True)).text_content()
    return f"{document.title()}\n{summary}"


def justext_text(html: str) -> str:
    import justext

    return "\n".join(p.text for p in justext.justext(html.encode(), justext.get_stoplist(
        "English")) if not p.is_boilerplate)


def large_page() -> str:
    html = (PAGES / "board_plain.html").read_text()
    cards = "".join(f'<li><a href="/job/{n}">Go Engineer {n} - FinPay - London</a></li>'
                    for n in range(2000))
    return html.replace("<h2>People also viewed</h2>", cards + "<h2>People also viewed</h2>")


def median_ms(extract: Callable[[str], str], html: str) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        extract(html)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    extractors: list[tuple[str, Callable[[str], str]]] = [("trafilatura", trafilatura_text)]
    for name, extract, module in (("readability-lxml", readability_text, "readability"),
                                  ("jusText", justext_text, "justext")):
        try:
            __import__(module)
        except ImportError:
            print(f"{name}: not installed (pip install {name}), left out")
            continue
        extractors.append((name, extract))
    big = large_page()
    baseline = None
    print(f"large page: {len(big) / 1024:.0f} KB; median of {RUNS} runs")
    for name, extract in extractors:
        kept = total = noise = 0
        per_page = []
        for page, expected in KEPT.items():
            html = (PAGES / page).read_text()
            out = extract(html).lower()
            found = sum(line.lower() in out for line in expected)
            dirt = [word for word in NOISE if word.lower() in out]
            kept, total, noise = kept + found, total + len(expected), noise + len(dirt)
            per_page.append(median_ms(extract, html))
            print(f"  {name:17} {page:18} kept {found}/{len(expected)}  noise {dirt}")
        big_ms = median_ms(extract, big)
        baseline = baseline or big_ms
        print(f"{name:17} kept {kept}/{total}, noise {noise}/{len(NOISE) * len(KEPT)}, "
              f"{statistics.median(per_page):.2f} ms/page, large page {big_ms:.1f} ms "
              f"({big_ms / baseline:.2f}x trafilatura)")


if __name__ == "__main__":
    main()
