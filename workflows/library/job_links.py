"""A job posting from its link: fetched through the outbound guard, read, saved with the link.

A job board with a public feed (Greenhouse, Lever, Ashby, SmartRecruiters) is read from its feed;
any other page from its schema.org JobPosting data, or else its main text. A page Tailor cannot
read (sign-in wall, JavaScript-only, not a web page) ends with a message asking the person to
paste the text instead: they must see it, so it is a UserFacingError, not a model's mistake.
"""

from __future__ import annotations

import json
import re
import uuid

import anyio

from core.errors import UserFacingError
from core.settings import Settings
from documents.job_pages import (
    PagePosting,
    PageUnreadable,
    feed_source,
    posting_from_feed,
    posting_from_page,
)
from llm.structured import ModelConnection
from llm.web_pages import (
    PASTE_INSTEAD,
    FetchedPage,
    LinkGone,
    LinkLimits,
    checked_link,
    fetch_link,
    shown,
)
from workflows.generation.inputs import require_model
from workflows.generation.use_cases import analyze_job
from workflows.library.common import Scope
from workflows.library.jobs import save_job

_PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")
_LONE_LINK = re.compile(r"\s*(https?://\S+)\s*", re.I)


def lone_link(text: str | None) -> str | None:
    """The link when ``text`` is nothing but one http(s) link (a model may pass it as text)."""
    found = _LONE_LINK.fullmatch(text or "")
    return found.group(1) if found else None


def link_limits(settings: Settings) -> LinkLimits:
    return LinkLimits(max_bytes=settings.job_link_max_kb * 1024,
                      timeout_s=settings.job_link_timeout_s,
                      allowed=settings.job_link_networks())


async def read_job_link(url: str, settings: Settings) -> tuple[PagePosting, FetchedPage]:
    """The posting behind ``url`` and the fetch it came from; UserFacingError when unreadable."""
    url = checked_link(url)
    limits = link_limits(settings)
    source = feed_source(url)
    try:
        if source is not None:
            base = settings.job_feed_urls.get(source.board, source.api_base).rstrip("/")
            try:
                fetched = await fetch_link(base + source.path, limits,
                                           accept="application/json")
            except LinkGone as exc:
                raise PageUnreadable(f"{source.name} has no open posting at {shown(url)}: it "
                                     "may have been closed. Check the link, or paste the "
                                     "posting's text.") from exc
            try:
                data = json.loads(fetched.body)
            except ValueError as exc:
                raise PageUnreadable(f"{source.name}'s feed for {shown(url)} did not answer with "
                                     f"job data. {PASTE_INSTEAD}") from exc
            return posting_from_feed(source, data), fetched
        fetched = await fetch_link(
            url, limits, accept="text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
        kind = fetched.content_type.split(";", 1)[0].strip().lower()
        if kind not in _PAGE_TYPES:
            raise PageUnreadable(f"The link {shown(url)} is not a web page (it is {shown(kind)}). "
                                 "If it is a file, download it and upload it here, or paste "
                                 "its text.")
        # Parsing a large page is CPU work: keep the event loop free for other chats.
        posting = await anyio.to_thread.run_sync(posting_from_page, fetched.body, url)
        return posting, fetched
    except PageUnreadable as exc:
        raise UserFacingError(exc.message) from exc


async def save_job_from_link(
    scope: Scope,
    settings: Settings,
    *,
    url: str,
    company: str | None = None,
    title: str | None = None,
    location: str | None = None,
    hiring_manager: str | None = None,
) -> tuple[str, uuid.UUID]:
    """Read the posting behind ``url`` and save it as the active job, keeping the link."""
    posting, fetched = await read_job_link(url, settings)
    message, job_id = await save_job(
        scope, posting_text=posting.text(), file_id=None,
        # The page's own data first: the model saw only the link, so its details are guesses.
        company=posting.company or company, title=posting.title or title,
        location=posting.location or location, hiring_manager=hiring_manager,
        max_bytes=settings.max_upload_mb * 1024 * 1024,
        source_url=url.strip(), fetched_at=fetched.fetched_at,
    )
    read = (f"Read the posting at {shown(url.strip())} from {posting.read_from} "
            f"on {fetched.fetched_at:%Y-%m-%d %H:%M} UTC; the job keeps the link.")
    return f"{read}\n{message}", job_id


async def analyze_job_at_link(
    scope: Scope, settings: Settings, *, url: str, model: ModelConnection | None
) -> str:
    """Save the posting behind ``url`` as the active job, then analyse it."""
    require_model(model)  # before the fetch: without a model there is nothing to analyse with
    saved, job_id = await save_job_from_link(scope, settings, url=url)
    analysis = await analyze_job(scope, job_id=str(job_id), model=model)
    return f"{saved}\n\n{analysis}"


async def save_posting(
    scope: Scope,
    settings: Settings,
    *,
    url: str | None,
    posting_text: str | None,
    file_id: str | None,
    company: str | None,
    title: str | None,
    location: str | None,
    hiring_manager: str | None,
) -> tuple[str, uuid.UUID]:
    """The save_job tool: from a link when that is all there is (a lone link passed as text
    counts); from the text or file otherwise, keeping a link given with it, unfetched."""
    link = url or lone_link(posting_text)
    details = {"company": company, "title": title, "location": location,
               "hiring_manager": hiring_manager}
    if link and not file_id and (not (posting_text or "").strip() or lone_link(posting_text)):
        return await save_job_from_link(scope, settings, url=link, **details)
    return await save_job(
        scope, posting_text=posting_text, file_id=file_id, **details,
        max_bytes=settings.max_upload_mb * 1024 * 1024,
        source_url=checked_link(url) if url else None,
    )
