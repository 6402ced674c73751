"""The typed resume and cover-letter models.

Every text field is a single stripped line (no line breaks, never empty when present) without
control characters, so the structured Markdown writer can emit any valid model, the parser reads
back the same model, and every export can write it.
Multi-line text (banner, summaries, descriptions) is a list of such lines.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from functools import total_ordering
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from documents.text import clean_text

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


def _one_line(value: str) -> str:
    # Control characters are dropped, not refused: they come invisibly with pasted text.
    value = clean_text(value).strip()
    if not value:
        raise ValueError("must not be empty")
    if "\n" in value or "\r" in value:
        raise ValueError("must be a single line")
    return value


Line = Annotated[str, AfterValidator(_one_line)]
"""A non-empty, stripped, single line of text."""


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


@total_ordering
class Month(_Model):
    """A calendar month, or a year alone when that is all the person wrote.

    Resumes are timezone-free. `month` None means only the year is known ("2015"): it stays a
    year everywhere (Markdown `YYYY`, JSON Resume `YYYY`, rendered "2015") so no month is ever
    invented. Ordering: a year alone sorts before the months of that year (`2020 < 01/2020`);
    whether a span is reversed is decided by `ends_before`, which reads a year-only start as its
    January and a year-only end as its December, so "2014 - 2014" and "2020 - 03/2020" are valid.
    """

    year: int = Field(ge=1900, le=2200)
    month: int | None = Field(default=None, ge=1, le=12)

    def _key(self) -> tuple[int, int]:
        return self.year, self.month or 0

    def __lt__(self, other: Month) -> bool:
        return self._key() < other._key()

    def __str__(self) -> str:
        return str(self.year) if self.month is None else f"{self.month:02d}/{self.year}"

    @property
    def year_only(self) -> bool:
        return self.month is None

    @property
    def iso(self) -> str:
        return f"{self.year:04d}" if self.month is None else f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        if self.month is None:
            return str(self.year)
        return f"{MONTH_NAMES[self.month - 1]} {self.year}"

    @property
    def earliest(self) -> Month:
        """The first month this date can mean: itself, or January of a year alone."""
        return self if self.month is not None else Month(year=self.year, month=1)

    @property
    def latest(self) -> Month:
        """The last month this date can mean: itself, or December of a year alone."""
        return self if self.month is not None else Month(year=self.year, month=12)

    @classmethod
    def of(cls, day: dt.date) -> Month:
        return cls(year=day.year, month=day.month)


def ends_before(end: Month, start: Month) -> bool:
    """True when a span from `start` to `end` is reversed, at the precision each was given."""
    return end.latest < start.earliest


def _check_order(start: Month | None, end: Month | None, what: str) -> None:
    if start is not None and end is not None and ends_before(end, start):
        raise ValueError(f"{what}: end {end} is before start {start}")


class Contact(_Model):
    name: Line
    email: Line | None = None
    phone: Line | None = None
    location: Line | None = None


class Websites(_Model):
    github: Line | None = None
    linkedin: Line | None = None
    website: Line | None = None
    twitter: Line | None = None


class VisaStatus(_Model):
    work_authorization: Line | None = None
    require_sponsorship: bool | None = None


class Personal(_Model):
    contact: Contact | None = None
    websites: Websites | None = None
    visa: VisaStatus | None = None
    banner: tuple[Line, ...] = ()
    note: tuple[Line, ...] = ()


class Degree(_Model):
    school: Line
    degree: Line | None = None
    major: Line | None = None
    start: Month | None = None
    end: Month | None = None
    gpa: Line | None = None

    @model_validator(mode="after")
    def _dates(self) -> Degree:
        _check_order(self.start, self.end, f"degree at {self.school}")
        return self


class Certification(_Model):
    name: Line
    issuer: Line | None = None
    issued: Month | None = None
    expires: Month | None = None
    certification_id: Line | None = None

    @model_validator(mode="after")
    def _dates(self) -> Certification:
        _check_order(self.issued, self.expires, f"certification {self.name}")
        return self


class Project(_Model):
    title: Line
    url: Line | None = None
    url_description: Line | None = None
    start: Month | None = None
    end: Month | None = None
    description: tuple[Line, ...] = Field(min_length=1)
    skills: tuple[Line, ...] = ()

    @model_validator(mode="after")
    def _dates(self) -> Project:
        _check_order(self.start, self.end, f"project {self.title}")
        return self


class Role(_Model):
    company: Line
    title: Line
    # None: the file gives no dates (a template, a student's list of jobs); such a role is kept
    # as written, never counted as current nor towards years of experience.
    start: Month | None = None
    end: Month | None = None  # None after a start: the current job ("Present")
    location: Line | None = None
    agency: Line | None = None
    job_category: Line | None = None
    employment_type: Line | None = None
    reason_for_change: Line | None = None
    summary: tuple[Line, ...] = ()
    # Responsibilities: optional situation lines, then task bullets.
    situation: tuple[Line, ...] = ()
    tasks: tuple[Line, ...] = ()
    skills: tuple[Line, ...] = ()

    @model_validator(mode="after")
    def _dates(self) -> Role:
        if self.start is None and self.end is not None:
            raise ValueError(f"role {self.title} at {self.company} has an end date but no "
                             "start date; give both or neither")
        _check_order(self.start, self.end, f"role {self.title} at {self.company}")
        return self

    @property
    def is_current(self) -> bool:
        return self.start is not None and self.end is None

    @property
    def dated(self) -> bool:
        return self.start is not None


class SkillGroup(_Model):
    """Skills as the person grouped them ("Languages: Python, Go"); `name` None for a plain list.

    Top-level skills are the person's own list, beside (not instead of) each role's skills."""

    name: Line | None = None
    items: tuple[Line, ...] = Field(min_length=1)


class Language(_Model):
    """A spoken language and, when given, the level as the person wrote it ("Native", "B2")."""

    name: Line
    level: Line | None = None

    @model_validator(mode="after")
    def _plain_name(self) -> Language:
        # The Markdown line is `Name: level`; a colon in the name could not be read back.
        if ":" in self.name:
            raise ValueError(f"language name {self.name!r} must not contain a colon")
        return self


class Award(_Model):
    """An award, honour, competition result or scholarship."""

    title: Line
    issuer: Line | None = None
    date: Month | None = None
    description: tuple[Line, ...] = ()


class Volunteering(_Model):
    """Volunteer and community work: like a role, but the role name and dates are optional."""

    organization: Line
    role: Line | None = None
    start: Month | None = None
    end: Month | None = None
    location: Line | None = None
    summary: tuple[Line, ...] = ()
    tasks: tuple[Line, ...] = ()

    @model_validator(mode="after")
    def _dates(self) -> Volunteering:
        _check_order(self.start, self.end, f"volunteering at {self.organization}")
        return self


class Publication(_Model):
    """A paper, article, book or talk the person published."""

    title: Line
    publisher: Line | None = None
    date: Month | None = None
    url: Line | None = None
    description: tuple[Line, ...] = ()


class Resume(_Model):
    personal: Personal | None = None
    degrees: tuple[Degree, ...] = ()
    certifications: tuple[Certification, ...] = ()
    projects: tuple[Project, ...] = ()
    roles: tuple[Role, ...] = ()
    skills: tuple[SkillGroup, ...] = ()
    languages: tuple[Language, ...] = ()
    awards: tuple[Award, ...] = ()
    volunteering: tuple[Volunteering, ...] = ()
    publications: tuple[Publication, ...] = ()
    interests: tuple[Line, ...] = ()

    @property
    def name(self) -> str | None:
        contact = self.personal.contact if self.personal else None
        return contact.name if contact else None

    @model_validator(mode="after")
    def _not_empty(self) -> Resume:
        sections = (self.personal, self.degrees, self.certifications, self.projects, self.roles,
                    self.skills, self.languages, self.awards, self.volunteering,
                    self.publications, self.interests)
        if not any(sections):
            raise ValueError("a resume needs at least one section with content")
        return self

    @model_validator(mode="after")
    def _unnamed_skills_first(self) -> Resume:
        # In Markdown an unnamed group is the plain list right under `# Skills`, before any
        # `## Group` heading, so only the first group can be unnamed.
        if any(group.name is None for group in self.skills[1:]):
            raise ValueError("only the first skill group may be unnamed; merge the plain lists "
                             "into one group, or give each group a name")
        return self


class Inclusion(StrEnum):
    """How an item is treated at export time (stored beside the resume, never in its text)."""

    INCLUDE = "include"
    NOT_RELEVANT = "not_relevant"
    OMIT = "omit"


class CoverLetter(_Model):
    sender_name: Line
    sender_email: Line | None = None
    sender_phone: Line | None = None
    sender_location: Line | None = None
    date: dt.date
    recipient_name: Line | None = None  # the hiring manager, when known
    company: Line
    company_location: Line | None = None
    greeting: Line
    paragraphs: tuple[Line, ...] = Field(min_length=1)
    closing: Line = "Sincerely,"
    signature: Line
    # ISO 639-1 code of the language the letter is written in: its date is written that way.
    language: Line | None = None
