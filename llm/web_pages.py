"""Fetching what a person links to (a job posting's page, or a job board's feed), guarded.

The server fetches a URL a person typed, so it is a server-side request forgery vector like a
personal model URL, and gets the same guard (``llm/outbound.py``): public http(s) addresses only,
each host resolved once and vetted before the socket connects to that vetted address, also
through a proxy. Redirects are followed here one hop at a time (at most ``MAX_REDIRECTS``),
and every hop is a new request through the same guard, so a public page that redirects to
169.254.169.254 or localhost is refused at that hop. An operator may name private networks a
link may reach (an intranet's job board); nothing else private is ever fetched.

Limits: the whole fetch, redirects included, has one deadline, and a body is read in pieces and
dropped as soon as it passes the size limit; a compressed body is inflated with the same cap, so
a small gzip bomb cannot become a large page.
"""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import anyio
import httpx2

from core.errors import UserFacingError
from documents.markdown_text import md_code
from llm.outbound import GuardedAsyncClient, Networks, PrivateAddressRefused

MAX_REDIRECTS = 5
MAX_LINK_CHARS = 2_000
PASTE_INSTEAD = "Please copy the posting's text from your browser and paste it here instead."
_USER_AGENT = "Mozilla/5.0 (compatible; Tailor job-posting reader)"
_SIGN_IN_STATUSES = frozenset({401, 403, 999})  # 999: LinkedIn's answer to unknown visitors


def shown(url: str) -> str:
    """A link as literal text in a message: it came from a person or a remote server's
    redirect, and must not become a link or an image in the chat."""
    return md_code(url if len(url) <= 300 else url[:299] + "…")


class LinkRefused(UserFacingError):
    """The link was not fetched, or its answer was not used; the message says why."""


class LinkGone(LinkRefused):
    """The server says there is no such page (HTTP 404 or 410)."""


@dataclass(frozen=True)
class LinkLimits:
    max_bytes: int
    timeout_s: float
    allowed: Networks = ()  # private networks an operator allows (``job_link_private_networks``)


@dataclass(frozen=True)
class FetchedPage:
    url: str  # after redirects
    body: bytes | str  # str when the server named its charset
    content_type: str
    fetched_at: dt.datetime


def checked_link(url: str) -> str:
    """``url`` when it is an http(s) link Tailor may ask for; LinkRefused otherwise."""
    url = url.strip()
    if len(url) > MAX_LINK_CHARS:
        raise LinkRefused(f"That link is over {MAX_LINK_CHARS:,} characters long, which no job "
                          f"posting's link is. {PASTE_INSTEAD}")
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise LinkRefused(f"I can only read web links starting with http:// or https://, not "
                          f"{shown(url)}. {PASTE_INSTEAD}")
    if parts.username or parts.password:
        raise LinkRefused("I do not open links that carry a user name or password. "
                          + PASTE_INSTEAD)
    return url


async def fetch_link(url: str, limits: LinkLimits, *, accept: str) -> FetchedPage:
    """GET ``url`` through the guard, following redirects; LinkRefused on any refusal."""
    url = checked_link(url)
    try:
        with anyio.fail_after(limits.timeout_s):
            async with GuardedAsyncClient(allowed=limits.allowed,
                                          timeout=limits.timeout_s) as client:
                return await _follow(client, url, limits, accept)
    except TimeoutError as exc:
        raise LinkRefused(f"The page at {shown(url)} did not answer within "
                          f"{limits.timeout_s:g} seconds. {PASTE_INSTEAD}") from exc


async def _follow(client: httpx2.AsyncClient, url: str, limits: LinkLimits,
                  accept: str) -> FetchedPage:
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        request = client.build_request("GET", current, headers={
            "Accept": accept, "Accept-Encoding": "gzip, deflate", "User-Agent": _USER_AGENT})
        try:
            response = await client.send(request, stream=True)
        except PrivateAddressRefused as exc:
            hop = "" if current == url else f" (it redirected to {shown(current)})"
            raise LinkRefused(
                f"The link {shown(url)}{hop} leads to an address inside a private network "
                f"({exc.address}), which Tailor does not visit. {PASTE_INSTEAD}") from exc
        except httpx2.TimeoutException as exc:
            raise TimeoutError from exc
        except httpx2.HTTPError as exc:
            host = urlsplit(current).hostname
            raise LinkRefused(f"I could not reach {shown(host or current)} "
                              f"({type(exc).__name__}). Check the link, or paste the posting's "
                              "text instead.") from exc
        try:
            if response.is_redirect:
                target = urljoin(current, response.headers.get("location", ""))
                current = checked_link(target)
                continue
            _refuse_status(url, response.status_code)
            body = await _read_capped(response, limits.max_bytes, url)
        finally:
            await response.aclose()
        return FetchedPage(url=current, body=_decoded(body, response),
                           content_type=response.headers.get("content-type", ""),
                           fetched_at=dt.datetime.now(dt.UTC))
    raise LinkRefused(f"The link {shown(url)} redirected more than {MAX_REDIRECTS} times. "
                      + PASTE_INSTEAD)


def _refuse_status(url: str, status: int) -> None:
    if status < 400:
        return
    if status in _SIGN_IN_STATUSES:
        raise LinkRefused(f"The site refused to show {shown(url)} without signing in (HTTP "
                          f"{status}), and I cannot sign in for you. {PASTE_INSTEAD}")
    if status in (404, 410):
        raise LinkGone(f"There is no page at {shown(url)} (HTTP {status}): the posting may have "
                          "been taken down. Check the link, or paste the posting's text.")
    raise LinkRefused(f"The site answered {shown(url)} with an error (HTTP {status}). Try again "
                      f"later, or paste the posting's text instead.")


async def _read_capped(response: httpx2.Response, max_bytes: int, url: str) -> bytes:
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    inflate = None
    if encoding in ("gzip", "x-gzip", "deflate"):
        inflate = zlib.decompressobj(47 if "gzip" in encoding else zlib.MAX_WBITS)
    elif encoding not in ("", "identity"):
        raise LinkRefused(f"The page at {shown(url)} came in an encoding I cannot read "
                          f"({shown(encoding)}). {PASTE_INSTEAD}")
    parts: list[bytes] = []
    size = 0
    async for raw in response.aiter_raw():
        chunk = inflate.decompress(raw, max_bytes + 1 - size) if inflate else raw
        size += len(chunk)
        if size > max_bytes or (inflate is not None and inflate.unconsumed_tail):
            raise LinkRefused(f"The page at {shown(url)} is larger than {max_bytes // 1024} KB, "
                              f"more than any job posting needs. {PASTE_INSTEAD}")
        parts.append(chunk)
    return b"".join(parts)


def _decoded(body: bytes, response: httpx2.Response) -> bytes | str:
    """Text when the server named a charset Python knows; bytes otherwise (the HTML parser
    then reads the page's own <meta charset>)."""
    charset = response.charset_encoding
    if charset:
        try:
            return body.decode(charset, errors="replace")
        except LookupError:
            return body
    return body
