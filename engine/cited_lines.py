"""Citations written in the text of a model's answer: ``"[2,3] Moved 14 services ..."``.

A tailored bullet names the numbered source lines it was written from. Asking for them in the
text, not as a ``{"text", "sources"}`` object per bullet, keeps the JSON schema that goes out
with every role call small (each object costs its keys, braces and types, once per call); the
citation is read back here and checked against the role's lines as before.
"""

from __future__ import annotations

import re

# "[2]", "[2,3]", "[2, 3]", "[2-4]", "[lines 2; 3]": brackets required, so a bullet that merely
# starts with a number ("14 services moved") is never read as a citation. The prompt asks for
# the citation first; one at the end ("... [2]"), as some models write them, is read too.
_NUMBERS = r"\[\s*(?:lines?|L)?\s*([0-9][0-9,;\s\-–]*)\]"
_LEADING = re.compile(r"\s*(?:[-•*]\s*)?" + _NUMBERS + r"\s*[:.\-–—]?\s*(.*)", re.DOTALL)
_TRAILING = re.compile(r"\s*(?:[-•*]\s*)?(.*?)\s*" + _NUMBERS + r"\s*\.?\s*", re.DOTALL)
_PART = re.compile(r"(\d+)\s*(?:[-–]\s*(\d+))?")
_MAX_RANGE = 50  # "[1-99999]" is a typo, not fifty thousand citations


def split_cited(text: str) -> tuple[tuple[int, ...], str]:
    """The line numbers a text cites at its start (or end), and the text without them; none
    gives ``((), text)`` with the text stripped."""
    if (leading := _LEADING.fullmatch(text)) is not None:
        cited, rest = leading.group(1), leading.group(2)
    elif (trailing := _TRAILING.fullmatch(text)) is not None:
        cited, rest = trailing.group(2), trailing.group(1)
    else:
        return (), text.strip()
    numbers: list[int] = []
    for part in _PART.finditer(cited):
        first = int(part.group(1))
        last = int(part.group(2)) if part.group(2) else first
        span = range(first, last + 1) if first <= last <= first + _MAX_RANGE else (first,)
        numbers += [n for n in span if n not in numbers]
    return tuple(numbers), rest.strip()


def cite(numbers: tuple[int, ...] | list[int], text: str) -> str:
    """The written form of a cited text (`split_cited` reads it back)."""
    return f"[{','.join(str(n) for n in numbers)}] {text}" if numbers else text
