"""The resume lines a cover-letter paragraph rests on.

Paragraphs are not written with citations, so the lines are found by the content words they
share with the paragraph (words of four letters or more, and anything with a digit: names,
tools, numbers). Stored with the letter's version when it is written, so later edits of the
master do not change what the letter was built on.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from documents.model import CoverLetter, Resume

MAX_SOURCES = 3
# A resume line counts as a paragraph's source when it shares at least this many content words.
MIN_SHARED = 3
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9+#.%-]*")


def _content(text: str) -> set[str]:
    return {w.lower().rstrip(".") for w in _WORD.findall(text)
            if len(w) >= 4 or any(c.isdigit() for c in w)}


def resume_lines(resume: Resume) -> list[dict[str, str]]:
    """Every line a letter may rest on, with where in the resume it stands."""
    lines = [{"text": line, "where": f"{role.title} at {role.company}"}
             for role in resume.roles
             for line in (*role.summary, *role.situation, *role.tasks)]
    lines += [{"text": line, "where": project.title}
              for project in resume.projects for line in project.description]
    if resume.personal:
        lines += [{"text": line, "where": "Summary"} for line in resume.personal.banner]
    return lines


def paragraph_sources(paragraph: str, lines: Sequence[Mapping[str, str]]
                      ) -> list[dict[str, str]]:
    words = _content(paragraph)
    scored = sorted(((len(words & _content(line["text"])), i) for i, line in enumerate(lines)),
                    key=lambda pair: (-pair[0], pair[1]))
    return [dict(lines[i]) for shared, i in scored[:MAX_SOURCES] if shared >= MIN_SHARED]


def letter_provenance(letter: CoverLetter, resume: Resume) -> dict[str, Any]:
    """What a letter's version stores: each paragraph with the resume lines it rests on."""
    lines = resume_lines(resume)
    return {"paragraphs": [{"text": p, "sources": paragraph_sources(p, lines)}
                           for p in letter.paragraphs]}
