"""The structured Markdown resume format (shared/RESUME_FORMAT.md): read, load and write.

Decisions the format description leaves open, as implemented here:
- Escaping: a text line (banner, note, summary, description, responsibilities) that starts with
  `#`, `* ` or `- ` (after any backslashes) is written with one more leading backslash, and the
  reader drops one leading backslash from such a line. So "# of users" is written `\\# of users`
  and reads back unchanged; list items and `Label: value` lines need no escaping.
- Responsibilities: plain lines before the first `* `/`- ` bullet are the situation; a plain line
  after a bullet is that bullet's wrapped continuation and is joined to it (with a warning).
- A known sub-heading given twice in one section is an error, like a duplicate top-level section.
- A year alone reads as January for a start and December for an end, with a warning.
- The writer leaves out empty blocks, so `Websites()` with no field reads back as None.
- `parse_resume` never raises; `load_resume` raises only `ResumeFormatError`.
"""

from documents.markdown.document import load_resume, parse_resume
from documents.markdown.writer import write_resume

__all__ = ["load_resume", "parse_resume", "write_resume"]
