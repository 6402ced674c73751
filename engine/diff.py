"""Differences people can read in chat: words struck and added, unchanged context trimmed."""

from __future__ import annotations

import difflib
import re

CONTEXT_WORDS = 4
_TOKENS = re.compile(r"\s+|[^\s]+")


def _escape(text: str) -> str:
    # Markdown markers inside the text would break the ~~ and ** around it.
    return re.sub(r"([*~_`])", r"\\\1", text)


def word_diff(old: str, new: str) -> str:
    """One line per changed line: ~~removed~~ **added**, up to 4 unchanged words around each."""
    if old == new:
        return "(no changes)"
    old_words, new_words = old.split(), new.split()
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    pieces: list[str] = []
    opcodes = matcher.get_opcodes()
    for index, (tag, a1, a2, b1, b2) in enumerate(opcodes):
        if tag == "equal":
            same = old_words[a1:a2]
            first, last = index == 0, index == len(opcodes) - 1
            if len(same) > 2 * CONTEXT_WORDS and not (first or last):
                pieces += [*map(_escape, same[:CONTEXT_WORDS]), "…",
                           *map(_escape, same[-CONTEXT_WORDS:])]
            elif first and len(same) > CONTEXT_WORDS:
                pieces += ["…", *map(_escape, same[-CONTEXT_WORDS:])]
            elif last and len(same) > CONTEXT_WORDS:
                pieces += [*map(_escape, same[:CONTEXT_WORDS]), "…"]
            else:
                pieces += map(_escape, same)
            continue
        if a2 > a1:
            pieces.append("~~" + _escape(" ".join(old_words[a1:a2])) + "~~")
        if b2 > b1:
            pieces.append("**" + _escape(" ".join(new_words[b1:b2])) + "**")
    return " ".join(pieces)


def line_diff(old: str, new: str) -> str:
    """Changed lines only: `- old` / `+ new`, or a word diff when a line was reworded."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and a2 - a1 == b2 - b1:
            out += [f"- {word_diff(o, n)}" for o, n in zip(old_lines[a1:a2], new_lines[b1:b2],
                                                         strict=True)]
            continue
        out += [f"- ~~{_escape(line)}~~" for line in old_lines[a1:a2] if line.strip()]
        out += [f"- **{_escape(line)}**" for line in new_lines[b1:b2] if line.strip()]
    return "\n".join(out) or "(no changes)"
