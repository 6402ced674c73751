"""The structured Markdown resume format: `parse_resume`, `load_resume`, `write_resume`."""

from documents.markdown.document import load_resume, parse_resume
from documents.markdown.writer import write_resume

__all__ = ["load_resume", "parse_resume", "write_resume"]
