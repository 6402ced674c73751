"""Resume and cover-letter models, the structured Markdown format and its readers and writers.

Pure: nothing here touches the database, the network, a language model or Chainlit.
"""

from documents.cover_markdown import write_cover_letter_markdown
from documents.dates import parse_month
from documents.jsonresume import from_json_resume, to_json_resume
from documents.markdown import load_resume, parse_resume, write_resume
from documents.model import CoverLetter, Month, Resume
from documents.problems import ParseResult, Problem, ResumeFormatError
from documents.template import TEMPLATE_RESUME_MARKDOWN, template_resume

__all__ = [
    "TEMPLATE_RESUME_MARKDOWN",
    "CoverLetter",
    "Month",
    "ParseResult",
    "Problem",
    "Resume",
    "ResumeFormatError",
    "from_json_resume",
    "load_resume",
    "parse_month",
    "parse_resume",
    "template_resume",
    "to_json_resume",
    "write_cover_letter_markdown",
    "write_resume",
]
