"""`Resume` -> a JSON Resume v1 document (see the package notes for what it cannot carry)."""

from __future__ import annotations

from typing import Any

from documents.jsonresume.added import export_added
from documents.model import Month, Personal, Resume

SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"


def iso(month: Month | None) -> str | None:
    return month.iso if month else None


def drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def _location(text: str | None) -> dict[str, str]:
    """"City, Region" becomes city and region when that splits back exactly; else city alone."""
    if text is None:
        return {}
    city, comma, region = text.partition(", ")
    if comma and city == city.strip() and region == region.strip() and city and region:
        return {"city": city, "region": region}
    return {"city": text}


def _basics(personal: Personal | None) -> dict[str, Any]:
    if personal is None:
        return {}
    basics: dict[str, Any] = {}
    if contact := personal.contact:
        basics |= {"name": contact.name, "email": contact.email, "phone": contact.phone,
                   "location": _location(contact.location)}
    basics["summary"] = "\n".join(personal.banner)
    if sites := personal.websites:
        basics["url"] = sites.website
        basics["profiles"] = [{"network": network, "url": url} for network, url in
                              (("GitHub", sites.github), ("LinkedIn", sites.linkedin),
                               ("Twitter", sites.twitter)) if url]
    return drop_empty(basics)


def to_json_resume(resume: Resume) -> dict[str, Any]:
    """A JSON Resume v1 document (dates `YYYY-MM`, or `YYYY` for a year alone); see the module
    notes for what is left out."""
    document = {
        "$schema": SCHEMA_URL,
        "basics": _basics(resume.personal),
        "work": [drop_empty({
            "name": role.company, "position": role.title, "location": role.location,
            "startDate": iso(role.start), "endDate": iso(role.end),
            "summary": "\n".join((*role.summary, *role.situation)),
            "highlights": list(role.tasks), "keywords": list(role.skills),
        }) for role in resume.roles],
        "education": [drop_empty({
            "institution": degree.school, "studyType": degree.degree, "area": degree.major,
            "startDate": iso(degree.start), "endDate": iso(degree.end), "score": degree.gpa,
        }) for degree in resume.degrees],
        "certificates": [drop_empty({
            "name": cert.name, "issuer": cert.issuer, "date": iso(cert.issued),
        }) for cert in resume.certifications],
        "projects": [drop_empty({
            "name": project.title, "url": project.url, "startDate": iso(project.start),
            "endDate": iso(project.end), "description": "\n".join(project.description),
            "keywords": list(project.skills),
        }) for project in resume.projects],
        **export_added(resume),
    }
    return drop_empty(document)


