"""What a tool step shows the person: a readable title and result, not the model's material.

A tool's text is written for the model: it carries ids to call other tools with and notes
addressed to the assistant ("Show this summary, ask the person ..., then call import_resume").
The step keeps the facts and drops those: ids, sentences and asides that speak of "the person"
or name a tool or an argument, and instructions. The model still reads the whole text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

STEP_TITLES = {
    "import_resume": "Reading your resume",
    "create_resume": "Starting a resume",
    "list_resumes": "Listing your resumes",
    "use_resume": "Choosing the resume",
    "show_resume": "Reading the resume",
    "save_job": "Saving the job posting",
    "analyze_job": "Analysing the job",
    "match_report": "Checking the match",
    "tailor_resume": "Tailoring the resume",
    "write_cover_letter": "Writing the cover letter",
    "refine_document": "Refining the document",
    "show_versions": "Listing the versions",
    "compare_versions": "Comparing versions",
    "set_inclusion": "Choosing what to include",
    "export_document": "Exporting",
    "remember_fact": "Remembering what you confirmed",
    "edit_resume_item": "Editing the resume",
    "edit_personal": "Editing your details",
    "undo_edit": "Undoing the last edit",
}

_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
_ID_WORDS = r"(?:(?:with |the )?(?:version |draft |job |resume |file |upload )?ids?:?\s+)"
_IDS = (
    re.compile(rf"\s*\(\s*{_ID_WORDS}?{_UUID}\s*\)"),  # "(id …)", "(version id …)"
    re.compile(rf",?\s*{_ID_WORDS}{_UUID}"),  # "with id …", "version id …"
    re.compile(rf"\s*{_UUID}"),  # "Draft …"
)
# An aside for the assistant inside a sentence: "(tell the person, …)", "(show each)".
_ASIDE = re.compile(r"\s*\((?:[^()]*\bthe person\b[^()]*|show each[^()]*)\)", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(])")
_FOR_THE_MODEL = re.compile(
    r"\bthe person\b|\b[a-z]+_[a-z_]+\b|^(?:Call|Show|Tell|Ask|Do not|Don't|Never|Point|Say)\b",
    re.I,
)


def step_title(tool: str) -> str:
    return STEP_TITLES.get(tool) or tool.replace("_", " ").capitalize()


def readable_result(text: str, artifact: object = None) -> str:
    """The step's result for the person; a match report's is the card, so only its score."""
    if isinstance(artifact, Mapping) and isinstance(artifact.get("match_card"), Mapping):
        card = artifact["match_card"]
        return (f"Match score {card.get('score')}/100 for {card.get('title')}: the card shows "
                "its parts, the evidence and what is missing.")
    lines = []
    for line in text.splitlines():
        kept = _person_line(line)
        if kept is not None:
            lines.append(kept)
    return "\n".join(lines).strip()


def _person_line(line: str) -> str | None:
    if not line.strip():
        return ""
    for pattern in _IDS:
        line = pattern.sub("", line)
    line = _ASIDE.sub("", line)
    indent = line[: len(line) - len(line.lstrip())]
    sentences = [s for s in _SENTENCE.split(line.strip()) if not _FOR_THE_MODEL.search(s)]
    kept = " ".join(sentences).strip()
    kept = re.sub(r"\s+([.,;:])", r"\1", kept)
    if not kept or kept in ("-", "*", ":"):
        return None
    return indent + kept
