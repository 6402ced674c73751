"""A job page's posting: its schema.org JobPosting data when it has some, else its main text.

Main text comes from trafilatura, which drops navigation, cookie notices, ads, share buttons and
"similar jobs" lists. It was chosen over readability-lxml and jusText on the test pages in
``tests/support/job_pages`` (the comparison and its figures are in the pull request's report):
all three of the posting's lines kept by both trafilatura and readability, but readability kept
a cookie notice and jusText lost most postings.

A page that shows no posting is refused with what to do: behind a sign-in (LinkedIn shows
guests a wall) or drawn by JavaScript (a near-empty page with a script bundle).
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from documents.job_pages.jsonld import jsonld_posting
from documents.job_pages.model import PASTE_INSTEAD, PagePosting, PageUnreadable, one_line
from documents.markdown_text import md_code

# Less text than this is no posting (the shortest real ones are a few paragraphs).
MIN_POSTING_CHARS = 300
_SIGN_IN = re.compile(
    r"\b(sign|log)\s?-?in\s+to\s+(view|see|continue|apply)|\bjoin\s+now\s+to\s+see\b|"
    r"\bauthwall\b|\blogin\s+required\b|\bplease\s+(sign|log)\s?in\b",
    re.I,
)
_JAVASCRIPT = re.compile(r"\b(enable|requires?|turn\s+on)\s+javascript\b|\bjavascript\s+is\s+"
                         r"(disabled|required)", re.I)


def posting_from_page(page: bytes | str, url: str) -> PagePosting:
    """The posting on ``page`` (fetched from ``url``), or PageUnreadable saying why not."""
    tree = _parse(page)
    if tree is None:
        raise PageUnreadable(f"The page at {md_code(url)} is empty. {PASTE_INSTEAD}")
    found = jsonld_posting(tree)
    if found is not None:
        return found
    text = _main_text(tree, url)
    if len(text) >= MIN_POSTING_CHARS:
        return PagePosting(description=_with_heading(tree, text))
    raise PageUnreadable(_why_empty(tree, url))


def _parse(page: bytes | str) -> etree._Element | None:
    if not page or not (page.strip() if isinstance(page, str) else page.strip()):
        return None
    try:
        return lxml.html.document_fromstring(page)
    except ValueError:
        # lxml refuses text that declares its own encoding (<?xml ... encoding=...?>)
        if isinstance(page, str):
            return _parse(page.encode("utf-8"))
        return None
    except etree.ParserError:
        return None


def _main_text(tree: etree._Element, url: str) -> str:
    import trafilatura  # its import reads language data: only when a page is read

    text = trafilatura.extract(
        tree, url=url, favor_precision=True, include_comments=False, include_tables=True,
        include_images=False, include_links=False, deduplicate=True,
    )
    return (text or "").strip()


def _with_heading(tree: etree._Element, text: str) -> str:
    """The page's <h1> (usually the job title) first when the extractor left it out."""
    first = tree.find(".//h1")
    heading = one_line(first.text_content(), 150) if first is not None else None
    if heading and heading not in text[:500]:
        return f"{heading}\n{text}"
    return text


def _why_empty(tree: etree._Element, url: str) -> str:
    shown = " ".join(" ".join(tree.xpath(
        "//body//text()[not(ancestor::script) and not(ancestor::style)]")).split())
    password = tree.find(".//input[@type='password']") is not None
    if password or _SIGN_IN.search(shown) or "linkedin." in url.lower():
        return (f"The page at {md_code(url)} asks you to sign in before it shows the posting, "
                f"and I cannot sign in for you. {PASTE_INSTEAD}")
    scripts = len(tree.findall(".//script"))
    noscript = " ".join(el.text_content() for el in tree.iterfind(".//noscript"))
    if scripts and (_JAVASCRIPT.search(noscript) or _JAVASCRIPT.search(shown)
                    or len(shown) < MIN_POSTING_CHARS):
        return (f"The page at {md_code(url)} only shows the posting once JavaScript runs in a "
                f"browser, which I cannot do. {PASTE_INSTEAD}")
    return f"I found no job posting text on the page at {md_code(url)}. {PASTE_INSTEAD}"
