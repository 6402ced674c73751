"""One resume part as `Label: value` fields, and back through the resume parser.

A structured edit never builds a model object directly: the changed fields are written as a
small document in the resume's own Markdown format and read by `documents.parse_resume`, so an
edit is refused with exactly the parser's message ("`#### Basics` is missing `Company:`") and
accepts every date spelling an import accepts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from core.errors import Mistake
from documents import parse_resume
from documents.markdown.tree import escape_text
from documents.model import (
    Award,
    Certification,
    Degree,
    Language,
    Personal,
    Project,
    Publication,
    Resume,
    Role,
    SkillGroup,
    Volunteering,
)

Kind = Literal["role", "project", "degree", "certification", "skill_group", "language", "award",
               "volunteering", "publication"]
Style = Literal["fields", "text", "list", "responsibilities"]
Value = str | list[str] | None


@dataclass(frozen=True)
class Block:
    heading: str
    style: Style
    keys: tuple[tuple[str, str], ...]  # (field name, label); text/list blocks have one


@dataclass(frozen=True)
class PartSpec:
    prefix: tuple[str, ...]  # container headings above the part
    blocks: tuple[Block, ...]

    @property
    def names(self) -> list[str]:
        return [name for block in self.blocks for name, _ in block.keys]


SPECS: dict[str, PartSpec] = {
    "role": PartSpec(("# Experience", "## Roles", "### Role"), (
        Block("#### Basics", "fields", (
            ("company", "Company"), ("title", "Title"), ("employment_type", "Employment type"),
            ("job_category", "Job category"), ("agency", "Agency"),
            ("reason_for_change", "Reason for change"), ("location", "Location"),
            ("start", "Start date"), ("end", "End date"))),
        Block("#### Summary", "text", (("summary", ""),)),
        Block("#### Responsibilities", "responsibilities", (("situation", ""), ("tasks", ""))),
        Block("#### Skills", "list", (("skills", ""),)),
    )),
    "project": PartSpec(("# Experience", "## Projects", "### Project"), (
        Block("#### Overview", "fields", (
            ("title", "Title"), ("url", "Url"), ("url_description", "Url Description"),
            ("start", "Start date"), ("end", "End date"))),
        Block("#### Description", "text", (("description", ""),)),
        Block("#### Skills", "list", (("skills", ""),)),
    )),
    "degree": PartSpec(("# Education", "## Degrees"), (
        Block("### Degree", "fields", (
            ("school", "School"), ("degree", "Degree"), ("major", "Major"),
            ("start", "Start date"), ("end", "End date"), ("gpa", "GPA"))),
    )),
    "certification": PartSpec(("# Certifications",), (
        Block("## Certification", "fields", (
            ("name", "Name"), ("issuer", "Issuer"), ("issued", "Issued"), ("expires", "Expires"),
            ("certification_id", "Certification ID"))),
    )),
    "award": PartSpec(("# Awards",), (
        Block("## Award", "fields", (("title", "Title"), ("issuer", "Issuer"), ("date", "Date"))),
        Block("### Description", "text", (("description", ""),)),
    )),
    "volunteering": PartSpec(("# Volunteering",), (
        Block("## Volunteering", "fields", (
            ("organization", "Organization"), ("role", "Role"), ("location", "Location"),
            ("start", "Start date"), ("end", "End date"))),
        Block("### Summary", "text", (("summary", ""),)),
        Block("### Responsibilities", "list", (("tasks", ""),)),
    )),
    "publication": PartSpec(("# Publications",), (
        Block("## Publication", "fields", (
            ("title", "Title"), ("publisher", "Publisher"), ("date", "Date"), ("url", "Url"))),
        Block("### Description", "text", (("description", ""),)),
    )),
    # Written by _list_part_markdown: a skill group's heading is its name, a language its line.
    "skill_group": PartSpec(("# Skills",), (Block("", "list", (("name", ""), ("items", ""))),)),
    "language": PartSpec(("# Languages",), (Block("", "list", (("name", ""), ("level", ""))),)),
    "personal": PartSpec(("# Personal",), (
        Block("## Contact Information", "fields", (
            ("name", "Name"), ("email", "Email"), ("phone", "Phone"), ("location", "Location"))),
        Block("## Websites", "fields", (
            ("github", "GitHub"), ("linkedin", "LinkedIn"), ("website", "Website"),
            ("twitter", "Twitter"))),
        Block("## Visa Status", "fields", (
            ("work_authorization", "Work Authorization"),
            ("require_sponsorship", "Require sponsorship"))),
        Block("## Banner", "text", (("banner", ""),)),
        Block("## Note", "text", (("note", ""),)),
    )),
}

Part = (Role | Project | Degree | Certification | SkillGroup | Language | Award | Volunteering
        | Publication | Personal)
COLLECTIONS: dict[str, str] = {
    "role": "roles", "project": "projects", "degree": "degrees", "certification": "certifications",
    "skill_group": "skills", "language": "languages", "award": "awards",
    "volunteering": "volunteering", "publication": "publications",
}


def current_fields(part: Part | None) -> dict[str, Value]:
    """The part's fields as text, as a person would type them (dates MM/YYYY, Yes/No)."""
    if part is None:
        return {}
    if isinstance(part, Personal):
        flat: dict[str, object] = {"banner": part.banner, "note": part.note}
        for block in (part.contact, part.websites, part.visa):
            if block is not None:
                flat.update(block.model_dump())
    else:
        flat = dict(part)
    values: dict[str, Value] = {}
    for name, value in flat.items():
        if isinstance(value, bool):
            values[name] = "Yes" if value else "No"
        elif isinstance(value, tuple):
            values[name] = list(value)
        elif value is not None:
            values[name] = str(value)
    return values


def _lines(name: str, value: Value) -> list[str]:
    items = [value] if isinstance(value, str) else list(value or [])
    if any("\n" in str(item).strip() for item in items):
        raise Mistake(f"`{name}` takes one line per list entry; split the text into a list.")
    lines = [" ".join(str(item).split()) for item in items]
    return [line for line in lines if line]


def merged(spec_name: str, current: Mapping[str, Value], changes: Mapping[str, Value]) -> dict:
    """The current fields with the changes applied; None, "" or [] clears a field."""
    spec = SPECS[spec_name]
    unknown = sorted(set(changes) - set(spec.names))
    if unknown:
        raise Mistake(f"Unknown field(s) for a {spec_name}: {', '.join(unknown)}. "
                      f"Known fields: {', '.join(spec.names)}.")
    result = {**current, **changes}
    return {name: value for name, value in result.items() if value not in (None, "", [])}


def _list_part_markdown(spec_name: str, fields: Mapping[str, Value]) -> str:
    name = " ".join(_lines("name", fields.get("name")))
    if spec_name == "language":
        if ":" in name:
            # The line is `Name: level`: a colon in the name would silently move words into
            # the level when read back.
            raise Mistake(f"The edit was refused and nothing was saved: a language name cannot "
                          f"contain a colon (“{name}”); put the level in `level`.")
        level = " ".join(_lines("level", fields.get("level")))
        return "# Languages\n\n* " + (f"{name}: {level}" if level else name) + "\n"
    items = "\n".join(f"* {line}" for line in _lines("items", fields.get("items")))
    heading = f"## {escape_text(name)}\n\n" if name else ""
    return f"# Skills\n\n{heading}{items}\n"


def part_markdown(spec_name: str, fields: Mapping[str, Value]) -> str:
    """The part alone as a small document in the resume format."""
    if spec_name in ("skill_group", "language"):
        return _list_part_markdown(spec_name, fields)
    spec = SPECS[spec_name]
    out: list[str] = list(spec.prefix)
    for block in spec.blocks:
        body: list[str] = []
        for name, label in block.keys:
            lines = _lines(name, fields.get(name))
            if block.style == "fields":
                body += [f"{label}: {line}" for line in lines]
            elif block.style == "list" or name == "tasks":
                body += [f"* {line}" for line in lines]
            else:
                body += [escape_text(line) for line in lines]
        if body:
            out += [block.heading, "\n".join(body)]
    return "\n\n".join(out) + "\n"


def parse_part(spec_name: str, fields: Mapping[str, Value]) -> tuple[Part, list[str]]:
    """The part read back by the resume parser, with its warnings; refused with its errors."""
    result = parse_resume(part_markdown(spec_name, fields))
    if result.resume is None:
        messages = "\n".join(f"- {problem.message}" for problem in result.errors)
        raise Mistake(f"The edit was refused and nothing was saved:\n{messages}\n"
                      "Correct the values (ask the person if unsure) and call again.")
    warnings = [problem.message for problem in result.warnings]
    return _only_part(spec_name, result.resume), warnings


def _only_part(spec_name: str, resume: Resume) -> Part:
    if spec_name == "personal":
        assert resume.personal is not None
        return resume.personal
    collection = getattr(resume, COLLECTIONS[spec_name])
    if len(collection) != 1:
        raise Mistake(f"The fields describe {len(collection)} items of this kind, not one; give "
                      "one item per call.")
    return collection[0]
