"""Job boards with a public JSON feed: their posting URLs, the feed to read, and its posting.

Greenhouse, Lever, Ashby and SmartRecruiters publish every open job through an unauthenticated
API (for company career sites). The feed holds the posting as the employer entered it, without
the page around it, and works where the page itself is drawn by JavaScript (Ashby's is).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from documents.job_pages.html_text import fragment_text
from documents.job_pages.model import PASTE_INSTEAD, PagePosting, PageUnreadable, one_line

_SEGMENT = r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}"
_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"


@dataclass(frozen=True)
class FeedSource:
    board: str  # "greenhouse", "lever", "ashby", "smartrecruiters": the key of its feed host
    api_base: str  # the board's public API (an operator or a test may point it elsewhere)
    path: str  # path and query on the API host
    posting_id: str

    @property
    def name(self) -> str:
        return {"greenhouse": "Greenhouse", "lever": "Lever", "ashby": "Ashby",
                "smartrecruiters": "SmartRecruiters"}[self.board]


def feed_source(url: str) -> FeedSource | None:
    """The feed behind a job board's posting URL, or None for any other URL."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    segments = [s for s in parts.path.split("/") if s]
    if host in ("boards.greenhouse.io", "job-boards.greenhouse.io", "boards.eu.greenhouse.io",
                "job-boards.eu.greenhouse.io"):
        return _greenhouse(segments, parse_qs(parts.query))
    if host in ("jobs.lever.co", "jobs.eu.lever.co"):
        api = "https://api.eu.lever.co" if ".eu." in host else "https://api.lever.co"
        if len(segments) >= 2 and _match(_SEGMENT, segments[0]) and _match(_UUID, segments[1]):
            return FeedSource("lever", api, f"/v0/postings/{_q(segments[0])}/{segments[1]}",
                              segments[1])
    if host == "jobs.ashbyhq.com" and len(segments) >= 2 and _match(_SEGMENT, segments[0]) \
            and _match(_UUID, segments[1]):
        return FeedSource("ashby", "https://api.ashbyhq.com",
                          f"/posting-api/job-board/{_q(segments[0])}?includeCompensation=true",
                          segments[1].lower())
    if host in ("jobs.smartrecruiters.com", "careers.smartrecruiters.com") \
            and len(segments) >= 2 and _match(_SEGMENT, segments[0]):
        found = re.match(r"(\d{6,20})(?:-|$)", segments[1])
        if found:
            return FeedSource("smartrecruiters", "https://api.smartrecruiters.com",
                              f"/v1/companies/{_q(segments[0])}/postings/{found.group(1)}",
                              found.group(1))
    return None


def _match(pattern: str, value: str) -> bool:
    return re.fullmatch(pattern, value) is not None


def _q(segment: str) -> str:
    return quote(segment, safe="")


def _greenhouse(segments: list[str], query: dict[str, list[str]]) -> FeedSource | None:
    board = job = None
    if len(segments) >= 3 and segments[1] == "jobs":
        board, job = segments[0], segments[2]
    elif segments[:2] == ["embed", "job_app"]:  # the form company sites embed
        board, job = (query.get("for") or [None])[0], (query.get("token") or [None])[0]
    if not board or not job or not _match(_SEGMENT, board) or not job.isdigit():
        return None
    return FeedSource("greenhouse", "https://boards-api.greenhouse.io",
                      f"/v1/boards/{_q(board)}/jobs/{job}", job)


# --- a feed's JSON -> the posting ---------------------------------------------------------------


def posting_from_feed(source: FeedSource, data: Any) -> PagePosting:
    """The posting in the feed's answer, or PageUnreadable when it is not there."""
    read = {"greenhouse": _from_greenhouse, "lever": _from_lever, "ashby": _from_ashby,
            "smartrecruiters": _from_smartrecruiters}[source.board]
    posting = read(data, source.posting_id) if isinstance(data, dict) else None
    if posting is None or not posting.description.strip():
        raise PageUnreadable(f"{source.name}'s feed has no open posting {source.posting_id}: it "
                             f"may have been closed. {PASTE_INSTEAD}")
    return posting


def _read_from(source: str) -> str:
    return f"{source}'s public job feed"


def _from_greenhouse(data: dict[str, Any], _: str) -> PagePosting | None:
    location = data.get("location")
    return PagePosting(
        description=fragment_text(str(data.get("content") or "")),
        title=one_line(data.get("title")),
        company=one_line(data.get("company_name")),
        location=one_line(location.get("name")) if isinstance(location, dict) else None,
        date_posted=_date(data.get("first_published") or data.get("updated_at")),
        read_from=_read_from("Greenhouse"),
    )


def _from_lever(data: dict[str, Any], _: str) -> PagePosting | None:
    categories = data.get("categories") if isinstance(data.get("categories"), dict) else {}
    parts = [fragment_text(str(data.get("description") or data.get("descriptionPlain") or ""))]
    for block in data.get("lists") or []:
        if isinstance(block, dict):
            parts.append(fragment_text(str(block.get("text") or "")))
            parts.append(fragment_text(f"<ul>{block.get('content') or ''}</ul>"))
    parts.append(fragment_text(str(data.get("additional") or data.get("additionalPlain") or "")))
    created = data.get("createdAt")
    salary = data.get("salaryRange") if isinstance(data.get("salaryRange"), dict) else None
    return PagePosting(
        description="\n".join(p for p in parts if p),
        title=one_line(data.get("text")),
        location=one_line(categories.get("location")),
        employment_type=one_line(categories.get("commitment")),
        date_posted=_date(dt.datetime.fromtimestamp(created / 1000, dt.UTC).isoformat())
        if isinstance(created, int | float) and not isinstance(created, bool) else None,
        salary=_range(salary.get("currency"), salary.get("min"), salary.get("max"),
                      salary.get("interval")) if salary else None,
        read_from=_read_from("Lever"),
    )


def _from_ashby(data: dict[str, Any], posting_id: str) -> PagePosting | None:
    jobs = data.get("jobs") if isinstance(data.get("jobs"), list) else []
    job = next((j for j in jobs if isinstance(j, dict)
                and str(j.get("id", "")).lower() == posting_id), None)
    if job is None:
        return None
    pay = job.get("compensation") if isinstance(job.get("compensation"), dict) else {}
    location = one_line(job.get("location"))
    if job.get("isRemote") is True and location and "remote" not in location.lower():
        location += "; Remote"
    return PagePosting(
        description=fragment_text(str(job.get("descriptionHtml") or job.get("descriptionPlain")
                                      or "")),
        title=one_line(job.get("title")),
        location=location,
        employment_type=_spaced(one_line(job.get("employmentType"))),
        date_posted=_date(job.get("publishedAt")),
        salary=one_line(pay.get("compensationTierSummary")),
        read_from=_read_from("Ashby"),
    )


def _from_smartrecruiters(data: dict[str, Any], _: str) -> PagePosting | None:
    ad = data.get("jobAd") if isinstance(data.get("jobAd"), dict) else {}
    sections = ad.get("sections") if isinstance(ad.get("sections"), dict) else {}
    parts: list[str] = []
    for key in ("companyDescription", "jobDescription", "qualifications",
                "additionalInformation"):
        section = sections.get(key)
        if isinstance(section, dict):
            parts += [one_line(section.get("title")) or "",
                      fragment_text(str(section.get("text") or ""))]
    where = data.get("location") if isinstance(data.get("location"), dict) else {}
    location = one_line(where.get("fullLocation")) or ", ".join(
        p for p in (one_line(where.get(k)) for k in ("city", "region", "country")) if p) or None
    if where.get("remote") is True:
        location = f"{location}; Remote" if location else "Remote"
    company = data.get("company") if isinstance(data.get("company"), dict) else {}
    kind = data.get("typeOfEmployment") if isinstance(data.get("typeOfEmployment"), dict) else {}
    return PagePosting(
        description="\n".join(p for p in parts if p),
        title=one_line(data.get("name")),
        company=one_line(company.get("name")),
        location=location,
        employment_type=one_line(kind.get("label")),
        date_posted=_date(data.get("releasedDate")),
        reference=one_line(data.get("refNumber"), 80),
        read_from=_read_from("SmartRecruiters"),
    )


def _date(value: Any) -> str | None:
    text = one_line(value, 40)
    return text[:10] if text and re.match(r"\d{4}-\d{2}-\d{2}", text) else text


def _spaced(value: str | None) -> str | None:
    """Ashby's "FullTime" as "Full time"."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", value).capitalize() if value else None


def _range(currency: Any, low: Any, high: Any, interval: Any) -> str | None:
    def amount(value: Any) -> str | None:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return f"{int(value):,}" if ok else None

    shown = " to ".join(a for a in (amount(low), amount(high)) if a)
    if not shown:
        return None
    per = one_line(interval, 30)
    return " ".join(p for p in (one_line(currency, 10), shown, per.replace("-", " ") if per
                                else None) if p)
