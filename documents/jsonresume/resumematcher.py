"""Resume-Matcher's own JSON shape -> a JSON Resume document, noting what does not map."""

from __future__ import annotations

import re
from typing import Any

from documents.dates import YearOnly, parse_month
from documents.jsonresume.export import drop_empty, iso
from documents.jsonresume.fields import Reader
from documents.markdown.parser_added import loose_language


def _years(text: str | None) -> tuple[str | None, str | None]:
    """Resume-Matcher's "Jan 2021 - Present" -> JSON Resume start and end dates."""
    if not text:
        return None, None
    halves = [half.strip() for half in re.split(r"\s[-–—]\s|\sto\s", text, maxsplit=1)]
    dates: list[str | None] = []
    ends: tuple[YearOnly, YearOnly] = ("start", "end")
    for half, year_only in zip(halves, ends, strict=False):
        try:
            month = parse_month(half, year_only=year_only)
        except ValueError:
            dates.append(half)  # reported by the JSON Resume reader with its path
            continue
        dates.append(iso(month))
    if len(dates) == 1:
        dates.append(None)
    return dates[0], dates[1]


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _names(value: Any) -> list[str]:
    return [name for name in value if isinstance(name, str)] if isinstance(value, list) else []


def from_resume_matcher(data: dict[str, Any], reader: Reader) -> dict[str, Any]:
    info = _object(data.get("personalInfo"))
    profiles = [{"network": network, "url": info[key]}
                for network, key in (("GitHub", "github"), ("LinkedIn", "linkedin"))
                if info.get(key)]
    basics = {"name": info.get("name"), "email": info.get("email"), "phone": info.get("phone"),
              "location": {"address": info.get("location")}, "url": info.get("website"),
              "summary": data.get("summary"), "profiles": profiles}

    def dated(item: dict[str, Any], path: str) -> dict[str, Any]:
        start, end = _years(reader.text(item, "years", path))
        return {"startDate": start, "endDate": end}

    degrees = reader.items(data, "education")
    own_projects = reader.items(data, "personalProjects")
    work = [{"name": item.get("company"), "position": item.get("title"),
             "location": item.get("location"), "highlights": item.get("description"),
             **dated(item, path)} for path, item in reader.items(data, "workExperience")]
    education = [{"institution": item.get("institution"), "studyType": item.get("degree"),
                  **dated(item, path)} for path, item in degrees]
    projects = [{"name": item.get("name"), "description": item.get("description"),
                 **dated(item, path)} for path, item in own_projects]
    additional = _object(data.get("additional"))
    certificates = [{"name": name} for name in _names(additional.get("certificationsTraining"))]
    skills = [{"name": name} for name in _names(additional.get("technicalSkills"))]
    languages = [drop_empty(dict(zip(("language", "fluency"), loose_language(text), strict=True)))
                 for text in _names(additional.get("languages"))]
    awards = [{"title": title} for title in _names(additional.get("awards"))]
    lost = ["personalInfo.title"] if info.get("title") else []
    lost += [f"{path}.description" for path, item in degrees if item.get("description")]
    lost += [f"{path}.role" for path, item in own_projects if item.get("role")]
    if lost:
        reader.warn("not imported (no place in a Tailor resume): " + ", ".join(lost))
    return {"basics": drop_empty(basics), "work": work, "education": education,
            "projects": projects, "certificates": certificates, "skills": skills,
            "languages": languages, "awards": awards}
