"""A cover letter as the canvas draws it: each paragraph with the resume lines it rests on.

Paragraphs are not written with citations, so the lines are found by the words they share with
the paragraph (names, tools, numbers weigh as much as any other word of four letters or more).
"""

from __future__ import annotations

import re
from typing import Any

from documents.model import CoverLetter, Resume
from engine.provenance import role_lines

MAX_SOURCES = 3
# A resume line counts as a paragraph's source when it shares at least this many content words.
MIN_SHARED = 3
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9+#.%-]*")


def _content(text: str) -> set[str]:
    return {w.lower().rstrip(".") for w in _WORD.findall(text) if len(w) >= 4 or
            any(c.isdigit() for c in w)}


def resume_lines(resume: Resume) -> list[dict[str, str]]:
    lines = [{"text": line, "where": f"{role.title} at {role.company}"}
             for role in resume.roles for line in role_lines(role)]
    lines += [{"text": line, "where": project.title}
              for project in resume.projects for line in project.description]
    if resume.personal:
        lines += [{"text": line, "where": "Summary"} for line in resume.personal.banner]
    return lines


def paragraph_sources(paragraph: str, lines: list[dict[str, str]]) -> list[dict[str, str]]:
    words = _content(paragraph)
    scored = sorted(((len(words & _content(line["text"])), i) for i, line in enumerate(lines)),
                    key=lambda pair: (-pair[0], pair[1]))
    return [lines[i] for shared, i in scored[:MAX_SOURCES] if shared >= MIN_SHARED]


def letter_view(letter: CoverLetter, master: Resume | None) -> dict[str, Any]:
    lines = resume_lines(master) if master is not None else []
    return {
        "greeting": letter.greeting, "closing": letter.closing, "signature": letter.signature,
        "recipient": ", ".join(x for x in (letter.recipient_name, letter.company,
                                           letter.company_location) if x),
        "paragraphs": [{"text": p, "sources": paragraph_sources(p, lines)}
                       for p in letter.paragraphs],
    }
