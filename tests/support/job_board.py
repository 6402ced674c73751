"""A local web server in the shapes of real job boards, for reading postings from their links.

Pages are the hand-written ones in ``job_pages/`` (JSON-LD, no JSON-LD, navigation and ads, a
sign-in wall, a JavaScript-only app) plus answers built here: redirects (one to the cloud
metadata address), an oversized page, a gzip bomb, a slow page, errors, a PDF, and the public
JSON feeds of Greenhouse, Lever, Ashby and SmartRecruiters at their real API paths, so the app
reaches them through its ``job_feed_urls`` setting. It runs on loopback in a thread of the test
process; every request's path is recorded.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import socket
import threading
from pathlib import Path

from aiohttp import web

PAGES = Path(__file__).parent / "job_pages"
LEVER_ID = "0b5a1c9e-1111-4222-8333-944455556666"
ASHBY_ID = "6f1d2c3b-aaaa-4bbb-8ccc-0123456789ab"
GREENHOUSE_FEED = {
    "id": 4012345, "title": "Site Reliability Engineer", "company_name": "Acme Robotics",
    "location": {"name": "Lisbon, Portugal"}, "first_published": "2026-11-18T09:30:00-05:00",
    "updated_at": "2026-11-25T10:00:00-05:00",
    "absolute_url": "https://boards.greenhouse.io/acmerobotics/jobs/4012345",
    "content": ("&lt;p&gt;Acme Robotics builds warehouse robots used in 14 countries.&lt;/p&gt;"
                "&lt;h3&gt;Responsibilities&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;Run our Kubernetes "
                "clusters on AWS&lt;/li&gt;&lt;li&gt;Own on-call, alerting and incident reviews"
                "&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;Requirements&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;4+ "
                "years of SRE or platform work&lt;/li&gt;&lt;li&gt;Terraform and Prometheus"
                "&lt;/li&gt;&lt;/ul&gt;"),
}
LEVER_FEED = {
    "id": LEVER_ID, "text": "Product Designer", "createdAt": 1763635200000,
    "categories": {"location": "Berlin", "commitment": "Full-time", "team": "Design"},
    "description": "<div>Tallyho makes invoicing simple for 80,000 freelancers.</div>",
    "lists": [
        {"text": "What you'll do", "content": "<li>Design the mobile app end to end</li>"
                                              "<li>Run usability studies every month</li>"},
        {"text": "What you bring", "content": "<li>3+ years of product design</li>"
                                              "<li>A portfolio of shipped work in Figma</li>"},
    ],
    "additional": "<div>We offer 30 days of holiday.</div>",
    "salaryRange": {"currency": "EUR", "min": 60000, "max": 72000, "interval": "per-year-salary"},
}
ASHBY_FEED = {"jobs": [
    {"id": "11111111-2222-4333-8444-555555555555", "title": "Other job",
     "descriptionHtml": "<p>Not this one.</p>"},
    {"id": ASHBY_ID, "title": "Machine Learning Engineer", "location": "Toronto",
     "isRemote": True, "employmentType": "FullTime", "publishedAt": "2026-11-02T12:00:00Z",
     "descriptionHtml": "<p>Quillon trains forecasting models for grocery chains.</p><ul><li>"
                        "Ship PyTorch models to production</li><li>Own the feature store"
                        "</li></ul>",
     "compensation": {"compensationTierSummary": "CA$150K – CA$180K"}},
]}
SMARTRECRUITERS_FEED = {
    "id": "744000012345678", "name": "Payroll Specialist", "refNumber": "REF-77",
    "company": {"name": "Borealis Foods"}, "releasedDate": "2026-10-30T08:00:00.000Z",
    "location": {"city": "Oslo", "country": "no", "remote": False},
    "typeOfEmployment": {"label": "Full-time"},
    "jobAd": {"sections": {
        "companyDescription": {"title": "Company", "text": "<p>Borealis Foods bakes bread.</p>"},
        "jobDescription": {"title": "Job", "text": "<ul><li>Run monthly payroll for 900 staff"
                                                  "</li></ul>"},
        "qualifications": {"title": "You", "text": "<p>Three years of payroll in Norway.</p>"},
    }},
}


class JobBoard:
    """``with JobBoard() as board:`` serves on ``board.url`` until the block ends."""

    def __init__(self, *, slow_s: float = 30.0) -> None:
        self.slow_s = slow_s
        self.paths: list[str] = []
        self.port: int | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> JobBoard:
        ready = threading.Event()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._serve, args=(ready,), daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("the job board did not start")
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._loop is not None and self._thread is not None
        asyncio.run_coroutine_threadsafe(self._cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    def _serve(self, ready: threading.Event) -> None:
        assert self._loop is not None
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(self._start())
        ready.set()
        self._loop.run_forever()

    async def _start(self) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._answer)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5,
                                     handler_cancellation=True)
        await self._runner.setup()
        await web.SockSite(self._runner, sock).start()

    async def _cleanup(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
        others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in others:
            task.cancel()
        await asyncio.gather(*others, return_exceptions=True)

    async def _answer(self, request: web.Request) -> web.StreamResponse:
        path = request.path
        self.paths.append(request.path_qs)
        html = {"/jobs/northwind-data-engineer": "board_jsonld.html",
                "/jobs/lumen-backend-go": "board_plain.html",
                "/jobs/hafenblick-operations": "board_noisy.html",
                "/jobs/view/123": "login_wall.html", "/careers/app": "js_only.html"}
        if path in html:
            return web.Response(body=(PAGES / html[path]).read_bytes(),
                                content_type="text/html", charset="utf-8")
        feeds = {"/v1/boards/acmerobotics/jobs/4012345": GREENHOUSE_FEED,
                 f"/v0/postings/tallyho/{LEVER_ID}": LEVER_FEED,
                 "/posting-api/job-board/quillon": ASHBY_FEED,
                 "/v1/companies/BorealisFoods/postings/744000012345678": SMARTRECRUITERS_FEED}
        if path in feeds:
            return web.json_response(feeds[path])
        if path == "/go/plain":  # a short link, as job boards and mail trackers use
            raise web.HTTPFound("/jobs/lumen-backend-go")
        if path == "/go/metadata":
            raise web.HTTPFound("http://169.254.169.254/latest/meta-data/")
        if path == "/go/markdown":  # a Location header that would be an image in Markdown
            raise web.HTTPFound("http://169.254.169.254/_x_![x](https://tracker.example/p.png)")
        if path == "/go/intranet":
            raise web.HTTPFound("http://10.1.2.3/jobs/1")
        if path == "/go/loop":
            raise web.HTTPFound("/go/loop")
        if path == "/huge":
            return web.Response(body=b"<html><body><p>" + b"x" * 300_000 + b"</p></body></html>",
                                content_type="text/html")
        if path == "/bomb":  # 20 MB of spaces in about 20 KB of gzip
            body = gzip.compress(b" " * 20_000_000)
            return web.Response(body=body, headers={"Content-Encoding": "gzip",
                                                    "Content-Type": "text/html"})
        if path == "/slow":
            response = web.StreamResponse(headers={"Content-Type": "text/html"})
            await response.prepare(request)
            for _ in range(int(self.slow_s * 10)):  # a byte now and then: never idle for long
                await response.write(b" ")
                await asyncio.sleep(0.1)
            return response
        if path == "/forbidden":
            raise web.HTTPForbidden()
        if path == "/flyer.pdf":
            return web.Response(body=b"%PDF-1.7\n", content_type="application/pdf")
        raise web.HTTPNotFound()


def feed_urls(board: JobBoard) -> str:
    """TAILOR_JOB_FEED_URLS pointing every job board's feed at ``board``."""
    return json.dumps({name: board.url for name in
                       ("greenhouse", "lever", "ashby", "smartrecruiters")})
