"""JSON Resume (jsonresume.org schema v1) in and out, and Resume-Matcher's JSON shape in.

What JSON Resume cannot carry, so an export followed by an import loses it:
- `## Visa Status` and `## Note`;
- a role's Agency, Job category, Employment type and Reason for change;
- a role's situation lines are exported after its summary lines in `work[].summary`
  and come back as summary lines;
- a project's Url Description; a certification's Expires and Certification ID.
Role skills travel as `work[].keywords` (and project skills as `projects[].keywords`); the
top-level `skills` list is written for themes but cannot be tied to a role on import.
"""


from documents.jsonresume.export import SCHEMA_URL, to_json_resume
from documents.jsonresume.reader import from_json_resume

__all__ = ["SCHEMA_URL", "from_json_resume", "to_json_resume"]
