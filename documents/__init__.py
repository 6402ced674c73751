"""Resume and cover-letter models, the structured Markdown format and its readers and writers.

Pure: nothing here touches the database, the network, a language model or Chainlit.
"""

from documents.dates import parse_month
from documents.markdown import load_resume, parse_resume, write_resume
from documents.model import CoverLetter, Month, Resume
from documents.problems import ParseResult, Problem, ResumeFormatError

__all__ = [
    "CoverLetter",
    "Month",
    "ParseResult",
    "Problem",
    "Resume",
    "ResumeFormatError",
    "load_resume",
    "parse_month",
    "parse_resume",
    "write_resume",
]
