"""Reading a posting from a job page or a job board's feed (pure: the pages are files)."""

from __future__ import annotations

import json

import pytest
from support.job_board import (
    ASHBY_FEED,
    ASHBY_ID,
    GREENHOUSE_FEED,
    LEVER_FEED,
    LEVER_ID,
    PAGES,
    SMARTRECRUITERS_FEED,
)

from documents.job_pages import PageUnreadable, feed_source, posting_from_feed, posting_from_page

FURNITURE = ["cookie", "Accept", "Similar jobs", "People also viewed", "Advertisement",
             "newsletter", "Find jobs", "Post a job", "Privacy", "Senior Go Engineer",
             "Warehouse Team Lead", "Filter jobs", "Share this job", "car insurance",
             "All rights reserved", "Imprint", "Salary checker", "Candidate login"]


def page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def test_json_ld_gives_every_detail_and_the_description_as_text():
    posting = posting_from_page(page("board_jsonld.html"), "https://careers.example/1")
    assert (posting.title, posting.company) == ("Senior Data Engineer", "Northwind Freight")
    assert posting.location == "Rotterdam, South Holland, NL"
    assert posting.employment_type == "Full time"
    assert posting.salary == "EUR 70,000 to 85,000 a year"
    assert posting.date_posted == "2026-11-20"
    assert posting.reference == "NF-2291"
    assert "JobPosting" in posting.read_from
    text = posting.text()
    assert text.startswith("Senior Data Engineer\nNorthwind Freight\nLocation: Rotterdam")
    assert "- Own our Airflow platform and its data quality checks" in text
    assert "<" not in text and "&lt;" not in text
    assert not [word for word in FURNITURE if word in text]


@pytest.mark.parametrize("shape", ["list", "type-list", "broken-block-first", "url-type"])
def test_json_ld_is_found_in_the_shapes_pages_use(shape: str):
    item = {"@type": "JobPosting", "title": "Baker", "description": "<p>Bake bread daily.</p>",
            "hiringOrganization": "Borealis", "jobLocationType": "TELECOMMUTE"}
    blocks = {"list": [json.dumps([{"@type": "WebPage"}, item])],
              "type-list": [json.dumps({**item, "@type": ["Thing", "JobPosting"]})],
              "broken-block-first": ["{not json", json.dumps(item)],
              "url-type": [json.dumps({**item, "@type": "http://schema.org/JobPosting"})]}
    scripts = "".join(f'<script type="application/ld+json">{b}</script>' for b in blocks[shape])
    posting = posting_from_page(f"<html><head>{scripts}</head><body></body></html>", "u")
    assert (posting.title, posting.company, posting.location) == ("Baker", "Borealis", "Remote")
    assert posting.description == "Bake bread daily."


@pytest.mark.parametrize(("name", "expected"), [
    ("board_plain.html", ["Backend Developer (Go)", "two million bookings a month",
                          "- 3+ years writing production Go or a similar language",
                          "28 days holiday"]),
    ("board_noisy.html", ["container terminal operations", "Power BI",
                          "Very good English; German is an advantage",
                          "public transport ticket"]),
])
def test_without_json_ld_the_main_text_is_kept_and_the_page_furniture_dropped(name, expected):
    posting = posting_from_page(page(name), "https://jobs.example/1")
    text = posting.text()
    assert [line for line in expected if line not in text] == []
    assert [word for word in FURNITURE if word.lower() in text.lower()] == []
    assert posting.read_from == "the page's main text"


def test_a_sign_in_wall_asks_for_the_text_instead():
    with pytest.raises(PageUnreadable) as refused:
        posting_from_page(page("login_wall.html"), "https://www.linkedin.com/jobs/view/123")
    assert "asks you to sign in" in refused.value.message
    assert "paste it here instead" in refused.value.message


def test_a_javascript_only_page_asks_for_the_text_instead():
    with pytest.raises(PageUnreadable) as refused:
        posting_from_page(page("js_only.html"), "https://careers.example/app")
    assert "JavaScript" in refused.value.message and "paste it here" in refused.value.message


@pytest.mark.parametrize("body", [b"", b"   ", "<?xml version='1.0' encoding='utf-8'?><p/>"])
def test_an_empty_page_is_refused_clearly(body):
    with pytest.raises(PageUnreadable, match="paste it here instead"):
        posting_from_page(body, "https://careers.example/empty")


@pytest.mark.parametrize(("url", "board", "path"), [
    ("https://boards.greenhouse.io/acmerobotics/jobs/4012345", "greenhouse",
     "/v1/boards/acmerobotics/jobs/4012345"),
    ("https://job-boards.eu.greenhouse.io/acmerobotics/jobs/4012345?gh_src=x", "greenhouse",
     "/v1/boards/acmerobotics/jobs/4012345"),
    ("https://boards.greenhouse.io/embed/job_app?for=acmerobotics&token=4012345", "greenhouse",
     "/v1/boards/acmerobotics/jobs/4012345"),
    (f"https://jobs.lever.co/tallyho/{LEVER_ID}/apply", "lever",
     f"/v0/postings/tallyho/{LEVER_ID}"),
    (f"https://jobs.ashbyhq.com/quillon/{ASHBY_ID}", "ashby",
     "/posting-api/job-board/quillon?includeCompensation=true"),
    ("https://jobs.smartrecruiters.com/BorealisFoods/744000012345678-payroll-specialist",
     "smartrecruiters", "/v1/companies/BorealisFoods/postings/744000012345678"),
])
def test_job_board_links_are_read_from_their_public_feed(url, board, path):
    source = feed_source(url)
    assert source is not None and (source.board, source.path) == (board, path)


@pytest.mark.parametrize("url", [
    "https://boards.greenhouse.io.evil.example/acme/jobs/1",  # look-alike host
    "https://boards.greenhouse.io/acme",  # the board, not a posting
    "https://jobs.lever.co/acme/not-an-id",
    "https://jobs.lever.co/..%2f..%2fadmin/0b5a1c9e-1111-4222-8333-944455556666",
    "https://careers.example/jobs/1",
])
def test_other_links_are_not_taken_for_a_feed(url):
    assert feed_source(url) is None


def test_each_feed_gives_its_posting():
    cases = [
        ("https://boards.greenhouse.io/acmerobotics/jobs/4012345", GREENHOUSE_FEED,
         ("Site Reliability Engineer", "Acme Robotics", "Lisbon, Portugal", "2026-11-18"),
         "- Run our Kubernetes clusters on AWS"),
        (f"https://jobs.lever.co/tallyho/{LEVER_ID}", LEVER_FEED,
         ("Product Designer", None, "Berlin", "2025-11-20"), "- A portfolio of shipped work"),
        (f"https://jobs.ashbyhq.com/quillon/{ASHBY_ID}", ASHBY_FEED,
         ("Machine Learning Engineer", None, "Toronto; Remote", "2026-11-02"),
         "- Ship PyTorch models to production"),
        ("https://jobs.smartrecruiters.com/BorealisFoods/744000012345678-x", SMARTRECRUITERS_FEED,
         ("Payroll Specialist", "Borealis Foods", "Oslo, no", "2026-10-30"),
         "- Run monthly payroll for 900 staff"),
    ]
    for url, feed, details, line in cases:
        source = feed_source(url)
        assert source is not None
        posting = posting_from_feed(source, feed)
        assert (posting.title, posting.company, posting.location,
                posting.date_posted) == details, url
        assert line in posting.text() and "<" not in posting.text(), url
    lever = posting_from_feed(feed_source(cases[1][0]), LEVER_FEED)
    assert lever.salary == "EUR 60,000 to 72,000 per year salary"
    assert "Not this one" not in posting_from_feed(feed_source(cases[2][0]), ASHBY_FEED).text()


def test_a_closed_posting_is_not_in_the_feed():
    source = feed_source(f"https://jobs.ashbyhq.com/quillon/{LEVER_ID}")
    with pytest.raises(PageUnreadable, match="may have been closed"):
        posting_from_feed(source, ASHBY_FEED)
