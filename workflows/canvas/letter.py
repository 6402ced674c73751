"""A cover letter as the canvas draws it: each paragraph with the resume lines it rests on
(stored with the version when it was written; found from the master for older letters)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from documents.model import CoverLetter, Resume
from engine.letter_sources import letter_provenance


def letter_view(letter: CoverLetter, stored: Mapping[str, Any] | None,
                master: Resume | None) -> dict[str, Any]:
    paragraphs = list((stored or {}).get("paragraphs") or [])
    if [p.get("text") for p in paragraphs] != list(letter.paragraphs):
        paragraphs = letter_provenance(letter, master)["paragraphs"] if master else [
            {"text": p, "sources": []} for p in letter.paragraphs]
    return {
        "greeting": letter.greeting, "closing": letter.closing, "signature": letter.signature,
        "recipient": ", ".join(x for x in (letter.recipient_name, letter.company,
                                           letter.company_location) if x),
        "paragraphs": paragraphs,
    }
