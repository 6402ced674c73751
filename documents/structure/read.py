"""A file's deterministic read: its text, the structured resume, and how faithful that is."""

from __future__ import annotations

from dataclasses import dataclass

from documents.importers import ExtractedText, extract_text
from documents.structure.build import Structured, structure_lines
from documents.structure.fidelity import FidelityReport, check_fidelity
from documents.structure.lines import SourceLine


@dataclass(frozen=True)
class FileRead:
    extracted: ExtractedText
    structured: Structured
    fidelity: FidelityReport | None  # None when nothing could be structured

    def to_json(self) -> dict:
        resume = self.structured.resume
        return {
            "kind": self.extracted.kind,
            "pages": self.extracted.pages,
            "warnings": list(self.extracted.warnings),
            "resume": resume.model_dump(mode="json", exclude_defaults=True) if resume else None,
            "unplaced": list(self.structured.unplaced),
            "notes": list(self.structured.notes),
            "fidelity": self.fidelity.to_json() if self.fidelity else None,
        }


def read_file(name: str, data: bytes, *, max_bytes: int | None = None) -> FileRead:
    """ImportRefused (with the message for the person) when the file cannot be read at all."""
    extracted = (extract_text(name, data) if max_bytes is None
                 else extract_text(name, data, max_bytes=max_bytes))
    return read_extracted(extracted)


def read_extracted(extracted: ExtractedText) -> FileRead:
    styles = extracted.line_styles
    structured = structure_lines([
        SourceLine(line, style=styles.get(" ".join(line.split())))
        for line in extracted.text.splitlines()
    ])
    report = check_fidelity(structured.resume, extracted.text) if structured.resume else None
    return FileRead(extracted, structured, report)
