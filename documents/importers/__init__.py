"""Uploaded resume files (PDF, Word, Markdown, text, JSON) to clean plain text.

`extract_text(filename, data)` is the whole interface; every refusal is an `ImportRefused`
whose message can be shown to the person as it is.
"""

from documents.importers.dispatch import ACCEPTED_EXTENSIONS, extract_text
from documents.importers.errors import ImportRefused
from documents.importers.result import DocumentKind, ExtractedText

__all__ = ["ACCEPTED_EXTENSIONS", "DocumentKind", "ExtractedText", "ImportRefused", "extract_text"]
