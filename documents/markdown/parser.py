"""Structured Markdown -> `Resume`, every problem reported with its line (sections 1-6)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from pydantic import ValidationError

from documents.markdown.fields import (
    Collector,
    check_order,
    date_value,
    read_fields,
    read_list,
    read_responsibilities,
    read_text,
    text_value,
)
from documents.markdown.tree import Block
from documents.model import (
    Certification,
    Contact,
    Degree,
    Personal,
    Project,
    Role,
    VisaStatus,
    Websites,
)

T = TypeVar("T")

CONTACT = ("Name", "Email", "Phone", "Location")
WEBSITES = ("GitHub", "LinkedIn", "Website", "Twitter")
VISA = ("Work Authorization", "Require sponsorship")
DEGREE = ("School", "Degree", "Major", "Start date", "End date", "GPA")
CERTIFICATION = ("Name", "Issuer", "Issued", "Expires", "Certification ID")
OVERVIEW = ("Title", "Url", "Url Description", "Start date", "End date")
BASICS = ("Company", "Title", "Employment type", "Job category", "Agency", "Reason for change",
          "Location", "Start date", "End date")
SECTIONS = ("Personal", "Education", "Certifications", "Experience")

SECTION_HINTS = {
    "summary": "the summary about you is `## Banner` under `# Personal`",
    "projects": "projects go under `# Experience` / `## Projects`",
    "roles": "roles go under `# Experience` / `## Roles`",
    "work experience": "roles go under `# Experience` / `## Roles`",
}


def _read_if(parts: dict[str, Block], name: str, read: Callable[[Block], T]) -> T | None:
    """Read an optional sub-block by its lower-case name; None when it is absent."""
    return read(parts[name]) if name in parts else None


class SectionParser:
    def __init__(self) -> None:
        self.out = Collector()

    # -- structure -------------------------------------------------------------------------

    def ignore_body(self, block: Block, holds: str) -> None:
        if block.body:
            first = block.body[0]
            self.out.warn(first.number, f"{len(block.body)} line(s) of text directly under "
                                        f"`{block.heading}` ignored: it holds only {holds}")

    def subsections(self, block: Block, names: Sequence[str]) -> dict[str, Block]:
        """Known sub-headings one level down by lower-case name; others reported."""
        wanted = {name.casefold(): name for name in names}
        found: dict[str, Block] = {}
        expected = ", ".join(f"`{'#' * (block.level + 1)} {name}`" for name in names)
        self.ignore_body(block, expected)
        for child in block.children:
            if child.level != block.level + 1 or child.key not in wanted:
                self.out.warn(child.line, f"unknown heading `{child.heading}` in "
                                          f"`{block.heading}` ignored; expected {expected}")
            elif child.key in found:
                self.out.error(child.line, f"`{child.heading}` appears twice in "
                                           f"`{block.heading}` (first at line "
                                           f"{found[child.key].line}); merge them into one")
            else:
                found[child.key] = child
        return found

    def items(self, block: Block, item: str, read: Callable[[Block], T | None]) -> tuple[T, ...]:
        """Every heading one level down is an item, whatever its name (as upstream reads it)."""
        self.ignore_body(block, f"`{'#' * (block.level + 1)} {item}` headings")
        results: list[T] = []
        for child in block.children:
            if child.level != block.level + 1:
                self.out.error(child.line, f"`{child.heading}` must be inside a "
                                           f"`{'#' * (block.level + 1)} {item}` heading")
                continue
            value = read(child)
            if value is not None:
                results.append(value)
        return tuple(results)

    def build(self, make: Callable[[], T], line: int, what: str) -> T | None:
        try:
            return make()
        except ValidationError as invalid:
            reasons = "; ".join(error["msg"] for error in invalid.errors())
            self.out.error(line, f"{what} is not valid: {reasons}")
            return None

    # -- Personal --------------------------------------------------------------------------

    def personal(self, block: Block) -> Personal | None:
        parts = self.subsections(block, ("Contact Information", "Websites", "Visa Status",
                                         "Banner", "Note"))
        contact = _read_if(parts, "contact information", self.contact)
        websites = _read_if(parts, "websites", self.websites)
        visa = _read_if(parts, "visa status", self.visa)
        banner = _read_if(parts, "banner", lambda b: read_text(b, self.out)) or ()
        note = _read_if(parts, "note", lambda b: read_text(b, self.out)) or ()
        if not (contact or websites or visa or banner or note):
            return None
        return self.build(lambda: Personal(contact=contact, websites=websites, visa=visa,
                                           banner=banner, note=note), block.line, block.heading)

    def contact(self, block: Block) -> Contact | None:
        fields = read_fields(block, CONTACT, self.out)
        name = text_value(fields, "Name")
        if name is None:
            self.out.error(block.line, f"`{block.heading}` has no `Name:` line; add your name "
                                       "as `Name: Your Name`")
            return None
        return self.build(lambda: Contact(name=name, email=text_value(fields, "Email"),
                                          phone=text_value(fields, "Phone"),
                                          location=text_value(fields, "Location")),
                          block.line, block.heading)

    def websites(self, block: Block) -> Websites | None:
        fields = read_fields(block, WEBSITES, self.out)
        values = {label.lower(): text_value(fields, label) for label in WEBSITES}
        if not any(values.values()):
            return None
        return self.build(lambda: Websites(**values), block.line, block.heading)

    def visa(self, block: Block) -> VisaStatus | None:
        fields = read_fields(block, VISA, self.out)
        authorization = text_value(fields, "Work Authorization")
        sponsorship: bool | None = None
        if (answer := fields.get("require sponsorship")) is not None:
            sponsorship = {"yes": True, "no": False}.get(answer.value.casefold())
            if sponsorship is None:
                self.out.error(answer.line, f"`{answer.source}` must be Yes or No")
                return None
        if authorization is None and sponsorship is None:
            return None
        return VisaStatus(work_authorization=authorization, require_sponsorship=sponsorship)

    # -- Education and certifications ------------------------------------------------------

    def education(self, block: Block) -> tuple[Degree, ...]:
        kept = self.drop_children(block, lambda child: child.level == 2 and child.key == "degree",
                                  "is not read: put degrees inside `## Degrees`, one "
                                  "`### Degree` each")
        parts = self.subsections(kept, ("Degrees",))
        return _read_if(parts, "degrees", lambda b: self.items(b, "Degree", self.degree)) or ()

    def drop_children(self, block: Block, wrong: Callable[[Block], bool], why: str) -> Block:
        """The block without children that are a known mistake, each reported as an error."""
        kept: list[Block] = []
        for child in block.children:
            if wrong(child):
                self.out.error(child.line, f"`{child.heading}` directly under "
                                           f"`{block.heading}` {why}")
            else:
                kept.append(child)
        return Block(block.level, block.title, block.line, block.body, kept)

    def degree(self, block: Block) -> Degree | None:
        errors = self.out.error_count
        fields = read_fields(block, DEGREE, self.out)
        school = text_value(fields, "School")
        if school is None:
            self.out.error(block.line, f"`{block.heading}` has no `School:` line")
        start = date_value(fields, "Start date", self.out)
        end = date_value(fields, "End date", self.out, year_only="end", allow_present=True)
        check_order(fields, start, end, ("Start date", "End date"), self.out)
        if self.out.error_count > errors or school is None:
            return None
        return self.build(lambda: Degree(school=school, degree=text_value(fields, "Degree"),
                                         major=text_value(fields, "Major"), start=start, end=end,
                                         gpa=text_value(fields, "GPA")), block.line, block.heading)

    def certifications(self, block: Block) -> tuple[Certification, ...]:
        kept = self.drop_children(
            block, lambda child: child.key == "certifications" and not child.body,
            "is a wrapper that is not used: put each `## Certification` directly under "
            "`# Certifications`")
        return self.items(kept, "Certification", self.certification)

    def certification(self, block: Block) -> Certification | None:
        errors = self.out.error_count
        fields = read_fields(block, CERTIFICATION, self.out)
        name = text_value(fields, "Name")
        if name is None:
            self.out.error(block.line, f"`{block.heading}` has no `Name:` line")
        issued = date_value(fields, "Issued", self.out)
        expires = date_value(fields, "Expires", self.out, year_only="end")
        check_order(fields, issued, expires, ("Issued", "Expires"), self.out)
        if self.out.error_count > errors or name is None:
            return None
        return self.build(lambda: Certification(
            name=name, issuer=text_value(fields, "Issuer"), issued=issued, expires=expires,
            certification_id=text_value(fields, "Certification ID")), block.line, block.heading)

    # -- Experience ------------------------------------------------------------------------

    def experience(self, block: Block) -> tuple[tuple[Project, ...], tuple[Role, ...]]:
        parts = self.subsections(block, ("Projects", "Roles"))
        projects = _read_if(
            parts, "projects", lambda b: self.items(b, "Project", self.project)) or ()
        roles = _read_if(parts, "roles", lambda b: self.items(b, "Role", self.role)) or ()
        return projects, roles

    def project(self, block: Block) -> Project | None:
        errors = self.out.error_count
        parts = self.subsections(block, ("Overview", "Description", "Skills"))
        if "overview" not in parts:
            self.out.error(block.line, f"`{block.heading}` has no `#### Overview` block "
                                       "(with at least `Title:`)")
            return None
        fields = read_fields(parts["overview"], OVERVIEW, self.out)
        title = text_value(fields, "Title")
        if title is None:
            self.out.error(parts["overview"].line, "`#### Overview` has no `Title:` line")
        start = date_value(fields, "Start date", self.out)
        end = date_value(fields, "End date", self.out, year_only="end", allow_present=True)
        check_order(fields, start, end, ("Start date", "End date"), self.out)
        description = _read_if(parts, "description", lambda b: read_text(b, self.out)) or ()
        if not description:
            self.out.error(block.line, f"`{block.heading}` needs a `#### Description` with at "
                                       "least one line")
        skills = _read_if(parts, "skills", lambda b: read_list(b, self.out)) or ()
        if self.out.error_count > errors or title is None:
            return None
        return self.build(lambda: Project(
            title=title, url=text_value(fields, "Url"),
            url_description=text_value(fields, "Url Description"), start=start, end=end,
            description=description, skills=skills), block.line, block.heading)

    def role(self, block: Block) -> Role | None:
        errors = self.out.error_count
        parts = self.subsections(block, ("Basics", "Summary", "Responsibilities", "Skills"))
        if "basics" not in parts:
            self.out.error(block.line, f"`{block.heading}` has no `#### Basics` block (with "
                                       "`Company:`, `Title:` and `Start date:`)")
            return None
        basics = parts["basics"]
        fields = read_fields(basics, BASICS, self.out)
        company, title = text_value(fields, "Company"), text_value(fields, "Title")
        missing = [label for label in ("Company", "Title")
                   if text_value(fields, label) is None]
        if missing:
            names = ", ".join(f"`{label}:`" for label in missing)
            self.out.error(basics.line, f"`{basics.heading}` is missing {names}")
        start = date_value(fields, "Start date", self.out)
        end = date_value(fields, "End date", self.out, year_only="end", allow_present=True)
        check_order(fields, start, end, ("Start date", "End date"), self.out)
        # No dates at all is a role the file gave no dates for (canonical, so no warning: the
        # import's summary says it); an end alone would read as a date range that is not there.
        if text_value(fields, "Start date") is None and text_value(fields, "End date") is not None:
            self.out.error(basics.line, f"`{basics.heading}` has `End date:` but no "
                                        "`Start date:`; give both, or neither for a role "
                                        "without dates")
        summary = _read_if(parts, "summary", lambda b: read_text(b, self.out)) or ()
        situation, tasks = _read_if(
            parts, "responsibilities", lambda b: read_responsibilities(b, self.out)) or ((), ())
        skills = _read_if(parts, "skills", lambda b: read_list(b, self.out)) or ()
        if self.out.error_count > errors or company is None or title is None:
            return None
        return self.build(lambda: Role(
            company=company, title=title,
            start=start, end=end, location=text_value(fields, "Location"),
            agency=text_value(fields, "Agency"), job_category=text_value(fields, "Job category"),
            employment_type=text_value(fields, "Employment type"),
            reason_for_change=text_value(fields, "Reason for change"), summary=summary,
            situation=situation, tasks=tasks, skills=skills), block.line, block.heading)
