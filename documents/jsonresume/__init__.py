"""JSON Resume (jsonresume.org schema v1) in and out, and Resume-Matcher's JSON shape in.

What JSON Resume cannot carry, so an export followed by an import loses it:
- `## Visa Status` and `## Note`;
- a role's Agency, Job category, Employment type and Reason for change;
- a role's situation lines are exported after its summary lines in `work[].summary`
  and come back as summary lines;
- a project's Url Description; a certification's Expires and Certification ID;
- a volunteering's Location, and a skill's `level` on import.
Role skills travel as `work[].keywords` (and project skills as `projects[].keywords`). The
person's own skill groups, languages, awards, volunteering, publications and interests map to
`skills`, `languages`, `awards`, `volunteer`, `publications` and `interests` (see added.py);
with no skill groups, `skills` lists the role skills for themes and is not read back as a group.
"""


from documents.jsonresume.export import SCHEMA_URL, to_json_resume
from documents.jsonresume.reader import from_json_resume

__all__ = ["SCHEMA_URL", "from_json_resume", "to_json_resume"]
