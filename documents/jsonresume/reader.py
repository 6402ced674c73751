"""JSON Resume document -> `Resume`, with problems named by JSON path."""

from __future__ import annotations

import json
from typing import Any

from documents.jsonresume.added import read_added
from documents.jsonresume.fields import Reader
from documents.jsonresume.resumematcher import from_resume_matcher
from documents.model import (
    Certification,
    Contact,
    Degree,
    Personal,
    Project,
    Resume,
    Role,
    Websites,
)
from documents.problems import ParseResult, result_of

_KNOWN_TOP = {"basics", "work", "education", "certificates", "projects", "skills", "volunteer",
              "awards", "publications", "languages", "interests", "references", "meta", "$schema"}
_NETWORKS = {"github": "github", "linkedin": "linkedin", "twitter": "twitter", "x": "twitter"}


def _read_basics(basics: dict[str, Any], reader: Reader) -> Personal | None:
    path = "basics"
    name = reader.text(basics, "name", path)
    email, phone = reader.text(basics, "email", path), reader.text(basics, "phone", path)
    location = None
    if isinstance(place := basics.get("location"), dict):
        parts = [reader.text(place, key, "basics.location")
                 for key in ("address", "city", "region", "countryCode")]
        location = ", ".join(part for part in parts if part) or None
    contact = None
    if name:
        contact = reader.build(lambda: Contact(name=name, email=email, phone=phone,
                                               location=location), path)
    elif email or phone or location:
        reader.error("basics.name is missing: contact details need the person's name")
    sites: dict[str, str | None] = {"website": reader.text(basics, "url", path)}
    for index, profile in reader.items(basics, "profiles"):
        network = (reader.text(profile, "network", f"basics.{index}") or "").casefold()
        url = reader.text(profile, "url", f"basics.{index}")
        if network in _NETWORKS and url:
            sites[_NETWORKS[network]] = url
        elif url or profile.get("username"):
            reader.warn(f"basics.{index} ({network or 'no network'}) is not GitHub, LinkedIn or "
                        "Twitter; not imported")
    banner = reader.lines(basics, "summary", path)
    reader.unused(basics, {"name", "email", "phone", "location", "url", "profiles", "summary"},
                  path)
    websites = Websites(**sites) if any(sites.values()) else None
    if not (contact or websites or banner):
        return None
    return reader.build(lambda: Personal(contact=contact, websites=websites, banner=banner), path)


def _read_role(item: dict[str, Any], path: str, reader: Reader) -> Role | None:
    company, title = reader.text(item, "name", path), reader.text(item, "position", path)
    start = reader.month(item, "startDate", path)
    end = reader.month(item, "endDate", path, year_only="end", allow_present=True)
    given_start = reader.text(item, "startDate", path)
    for key, value in (("name", company), ("position", title)):
        if value is None:
            reader.error(f"{path}.{key} is missing")
    reader.unused(item, {"name", "position", "startDate", "endDate", "location", "summary",
                         "highlights", "keywords"}, path)
    # No startDate at all is a role without dates; one that cannot be read was reported.
    if company is None or title is None or (given_start is not None and start is None):
        return None
    return reader.build(lambda: Role(
        company=company, title=title, start=start, end=end,
        location=reader.text(item, "location", path), summary=reader.lines(item, "summary", path),
        tasks=reader.lines(item, "highlights", path),
        skills=reader.lines(item, "keywords", path)), path)


def _read_degree(item: dict[str, Any], path: str, reader: Reader) -> Degree | None:
    school = reader.text(item, "institution", path)
    if school is None:
        reader.error(f"{path}.institution is missing")
        return None
    reader.unused(item, {"institution", "studyType", "area", "startDate", "endDate", "score"},
                  path)
    return reader.build(lambda: Degree(
        school=school, degree=reader.text(item, "studyType", path),
        major=reader.text(item, "area", path), start=reader.month(item, "startDate", path),
        end=reader.month(item, "endDate", path, year_only="end", allow_present=True),
        gpa=reader.text(item, "score", path)), path)


def _read_certificate(item: dict[str, Any], path: str, reader: Reader) -> Certification | None:
    name = reader.text(item, "name", path)
    if name is None:
        reader.error(f"{path}.name is missing")
        return None
    reader.unused(item, {"name", "issuer", "date"}, path)
    return reader.build(lambda: Certification(
        name=name, issuer=reader.text(item, "issuer", path),
        issued=reader.month(item, "date", path)), path)


def _read_project(item: dict[str, Any], path: str, reader: Reader) -> Project | None:
    title = reader.text(item, "name", path)
    description = reader.lines(item, "description", path) + reader.lines(item, "highlights", path)
    if title is None or not description:
        reader.error(f"{path} needs a name and a description")
        return None
    reader.unused(item, {"name", "description", "highlights", "url", "startDate", "endDate",
                         "keywords"}, path)
    return reader.build(lambda: Project(
        title=title, url=reader.text(item, "url", path), description=description,
        start=reader.month(item, "startDate", path),
        end=reader.month(item, "endDate", path, year_only="end", allow_present=True),
        skills=reader.lines(item, "keywords", path)), path)




def _parse_json(data: dict[str, Any] | str | bytes, reader: Reader) -> dict[str, Any] | None:
    if isinstance(data, str | bytes):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as bad:
            reader.error(f"the file is not valid JSON (line {bad.lineno}, column {bad.colno}: "
                         f"{bad.msg}); export it again or paste the resume as text")
            return None
        except UnicodeDecodeError:
            reader.error("the file is not UTF-8 text; save it as UTF-8 JSON and try again")
            return None
    if not isinstance(data, dict):
        reader.error("a JSON Resume is an object with `basics`, `work`, `education` and so on "
                     f"at the top, not a {type(data).__name__}")
        return None
    return data


def from_json_resume(data: dict[str, Any] | str | bytes) -> ParseResult:
    """Read a JSON Resume (or Resume-Matcher's JSON). Never raises: problems come back in the
    result, each naming its JSON path; the resume is None when there is any error."""
    reader = Reader()
    document = _parse_json(data, reader)
    if document is None:
        return result_of(None, reader.problems)
    if "personalInfo" in document or "workExperience" in document:
        reader.warn("read as Resume-Matcher's JSON shape, converted to JSON Resume")
        document = from_resume_matcher(document, reader)
    elif not _KNOWN_TOP & document.keys():
        found = ", ".join(f"`{key}`" for key in list(document)[:6]) or "nothing"
        reader.error(f"this JSON is not a JSON Resume: expected top-level keys such as `basics` "
                     f"and `work`, found {found}")
        return result_of(None, reader.problems)

    basics = document.get("basics")
    personal = _read_basics(basics, reader) if isinstance(basics, dict) else None
    roles = [_read_role(item, path, reader) for path, item in reader.items(document, "work")]
    degrees = [_read_degree(item, path, reader)
               for path, item in reader.items(document, "education")]
    certificates = [_read_certificate(item, path, reader)
                    for path, item in reader.items(document, "certificates")]
    projects = [_read_project(item, path, reader)
                for path, item in reader.items(document, "projects")]
    added = read_added(document, roles, projects, reader)
    for key in ("references",):
        if document.get(key):
            reader.warn(f"`{key}` has no place in a Tailor resume; not imported")
    if reader.failed:
        return result_of(None, reader.problems)
    if not (personal or roles or degrees or certificates or projects or any(added.values())):
        reader.error("the JSON Resume has no name, work, education, certificates, projects, "
                     "skills or other section with content")
        return result_of(None, reader.problems)
    resume = reader.build(lambda: Resume(
        personal=personal, roles=tuple(filter(None, roles)), degrees=tuple(filter(None, degrees)),
        certifications=tuple(filter(None, certificates)),
        projects=tuple(filter(None, projects)), **added), "the resume")
    return result_of(resume, reader.problems)
