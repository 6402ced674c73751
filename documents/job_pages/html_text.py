"""An HTML fragment (a posting's description) as plain text that keeps its structure:
paragraphs and headings on their own lines, list items as "- " bullets."""

from __future__ import annotations

import html

import lxml.html
from lxml import etree

_BLOCKS = frozenset({"p", "div", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6",
                     "ul", "ol", "table", "tr", "blockquote", "pre", "header", "footer"})
_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "button", "form"})


def fragment_text(markup: str) -> str:
    """Text of ``markup``; entity-escaped HTML (as some feeds and JSON-LD send) is unescaped."""
    if "<" not in markup and "&lt;" in markup:
        markup = html.unescape(markup)
    if "<" not in markup:
        return html.unescape(markup).strip()
    root = lxml.html.fragment_fromstring(markup, create_parent="div")
    out: list[str] = []
    _walk(root, out)
    lines = [" ".join(line.split()) for line in "".join(out).split("\n")]
    return "\n".join(line for line in lines if line).strip()


def _walk(element: etree._Element, out: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _SKIP:
        if element.tail:
            out.append(element.tail)
        return
    if tag == "li":
        out.append("\n- ")
    elif tag == "br" or tag in _BLOCKS:
        out.append("\n")
    if element.text and isinstance(element.tag, str):
        out.append(element.text)
    for child in element:
        _walk(child, out)
    if tag in _BLOCKS or tag == "li":
        out.append("\n")
    if element.tail:
        out.append(element.tail)
