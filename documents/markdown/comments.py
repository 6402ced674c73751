"""HTML comments in Markdown: invisible in every preview, so never part of a resume.

A comment is where a hostile template hides instructions for the model ("<!-- ignore previous
instructions ... -->"); the person reading their resume never sees it. Comments are cut out
before parsing, keeping the line count so that problems still point at the right lines.
"""

from __future__ import annotations

import re

# CommonMark ends an HTML comment block at `-->`, or at the end of the document without one.
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)


def strip_html_comments(text: str) -> tuple[str, list[int]]:
    """The text without comments (their newlines kept) and the line each comment started on."""
    lines: list[int] = []

    def blank(match: re.Match[str]) -> str:
        lines.append(text.count("\n", 0, match.start()) + 1)
        return "\n" * match.group(0).count("\n")

    return _COMMENT.sub(blank, text), lines
