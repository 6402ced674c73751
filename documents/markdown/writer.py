"""`Resume` -> canonical structured Markdown (RESUME_FORMAT.md section 7).

Blocks that would be empty are left out, so a model holding an empty `Websites()` or
`VisaStatus()` reads back with None there: the canonical text has no empty blocks.
"""

from __future__ import annotations

from collections.abc import Iterable

from documents.markdown.tree import escape_text
from documents.markdown.writer_added import write_added_sections
from documents.model import (
    Certification,
    Degree,
    Month,
    Personal,
    Project,
    Resume,
    Role,
)


def _fields(pairs: Iterable[tuple[str, str | Month | None]]) -> str:
    return "\n".join(f"{label}: {value}" for label, value in pairs if value is not None)


def _text(lines: Iterable[str]) -> str:
    return "\n".join(escape_text(line) for line in lines)


def _items(items: Iterable[str]) -> str:
    return "\n".join(f"* {item}" for item in items)


class _Chunks:
    """Headings and blocks in order; joined with one blank line after each."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def block(self, heading: str, body: str) -> None:
        if body:
            self.parts += [heading, body]

    def heading(self, heading: str) -> None:
        self.parts.append(heading)

    def text(self, body: str) -> None:
        """A block right under the last heading, without a heading of its own."""
        self.parts.append(body)


def _personal(personal: Personal, out: _Chunks) -> None:
    blocks: list[tuple[str, str]] = []
    if personal.contact:
        contact = personal.contact
        blocks.append(("## Contact Information", _fields([
            ("Name", contact.name), ("Email", contact.email), ("Phone", contact.phone),
            ("Location", contact.location)])))
    if personal.websites:
        sites = personal.websites
        blocks.append(("## Websites", _fields([
            ("GitHub", sites.github), ("LinkedIn", sites.linkedin), ("Website", sites.website),
            ("Twitter", sites.twitter)])))
    if personal.visa:
        visa = personal.visa
        answer = None if visa.require_sponsorship is None else (
            "Yes" if visa.require_sponsorship else "No")
        blocks.append(("## Visa Status", _fields([
            ("Work Authorization", visa.work_authorization), ("Require sponsorship", answer)])))
    blocks.append(("## Banner", _text(personal.banner)))
    blocks.append(("## Note", _text(personal.note)))
    blocks = [(heading, body) for heading, body in blocks if body]
    if blocks:
        out.heading("# Personal")
        for heading, body in blocks:
            out.block(heading, body)


def _degree(degree: Degree) -> str:
    return _fields([
        ("School", degree.school), ("Degree", degree.degree), ("Major", degree.major),
        ("Start date", degree.start), ("End date", degree.end), ("GPA", degree.gpa)])


def _certification(cert: Certification) -> str:
    return _fields([
        ("Name", cert.name), ("Issuer", cert.issuer), ("Issued", cert.issued),
        ("Expires", cert.expires), ("Certification ID", cert.certification_id)])


def _project(project: Project, out: _Chunks) -> None:
    out.heading("### Project")
    out.block("#### Overview", _fields([
        ("Title", project.title), ("Url", project.url),
        ("Url Description", project.url_description), ("Start date", project.start),
        ("End date", project.end)]))
    out.block("#### Description", _text(project.description))
    out.block("#### Skills", _items(project.skills))


def _role(role: Role, out: _Chunks) -> None:
    out.heading("### Role")
    out.block("#### Basics", _fields([
        ("Company", role.company), ("Title", role.title),
        ("Employment type", role.employment_type), ("Job category", role.job_category),
        ("Agency", role.agency), ("Reason for change", role.reason_for_change),
        ("Location", role.location), ("Start date", role.start), ("End date", role.end)]))
    out.block("#### Summary", _text(role.summary))
    responsibilities = [escape_text(line) for line in role.situation]
    responsibilities += [f"* {task}" for task in role.tasks]
    out.block("#### Responsibilities", "\n".join(responsibilities))
    out.block("#### Skills", _items(role.skills))


def write_resume(resume: Resume) -> str:
    """The canonical text; `parse_resume(write_resume(m)).resume == m` for models without
    empty blocks."""
    out = _Chunks()
    if resume.personal:
        _personal(resume.personal, out)
    if resume.degrees:
        out.heading("# Education")
        out.heading("## Degrees")
        for degree in resume.degrees:
            out.block("### Degree", _degree(degree))
    if resume.certifications:
        out.heading("# Certifications")
        for cert in resume.certifications:
            out.block("## Certification", _certification(cert))
    if resume.projects or resume.roles:
        out.heading("# Experience")
        if resume.projects:
            out.heading("## Projects")
            for project in resume.projects:
                _project(project, out)
        if resume.roles:
            out.heading("## Roles")
            for role in resume.roles:
                _role(role, out)
    write_added_sections(resume, _fields, out)
    return "\n\n".join(out.parts) + "\n"
