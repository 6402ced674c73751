"""Every answer carries the Content-Security-Policy; a page's own inline scripts are allowed by
hash, compressed or not, and no other inline script is."""

from __future__ import annotations

import base64
import hashlib

from starlette.applications import Starlette
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from assistant.web.content_policy import ContentPolicy

SCRIPT = "\n      const global = globalThis;\n    "
PAGE = (f"<html><head><script>{SCRIPT}</script><script type='module' src='/assets/x.js'>"
        "</script></head><body>" + "padding " * 200 + "</body></html>")


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def _client() -> TestClient:
    app = Starlette(routes=[
        Route("/", lambda request: HTMLResponse(PAGE)),
        Route("/user", lambda request: JSONResponse({"detail": "Unauthorized"}, 401)),
    ])
    app.add_middleware(GZipMiddleware, minimum_size=100)  # as Chainlit does, inside ours
    app.add_middleware(ContentPolicy)
    return TestClient(app)


def _directives(header: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in header.split("; ")}


def test_a_page_allows_exactly_its_own_inline_scripts_and_no_remote_images() -> None:
    client = _client()
    for encoding in ("gzip", "identity"):
        answer = client.get("/", headers={"Accept-Encoding": encoding})
        assert answer.text == PAGE
        policy = _directives(answer.headers["content-security-policy"])
        assert policy["img-src"] == ["'self'", "data:", "blob:"]
        assert policy["script-src"] == ["'self'", "'unsafe-eval'", _sha(SCRIPT)], encoding
        assert policy["connect-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]


def test_other_answers_carry_the_policy_without_script_hashes() -> None:
    answer = _client().get("/user")
    assert answer.status_code == 401 and answer.json() == {"detail": "Unauthorized"}
    policy = _directives(answer.headers["content-security-policy"])
    assert policy["script-src"] == ["'self'", "'unsafe-eval'"]
    assert policy["img-src"] == ["'self'", "data:", "blob:"]
