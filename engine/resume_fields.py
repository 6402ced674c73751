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
from documents.model import Certification, Degree, Personal, Project, Resume, Role

Kind = Literal["role", "project", "degree", "certification"]
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

Part = Role | Project | Degree | Certification | Personal


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


def part_markdown(spec_name: str, fields: Mapping[str, Value]) -> str:
    """The part alone as a small document in the resume format."""
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
    collection = {"role": resume.roles, "project": resume.projects, "degree": resume.degrees,
                  "certification": resume.certifications}[spec_name]
    assert len(collection) == 1
    return collection[0]
