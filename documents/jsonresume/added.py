"""JSON Resume's skills, languages, awards, volunteer, publications and interests, both ways.

Mapping (docs/resume-format.md section 4); dates are `YYYY-MM` or `YYYY` at their precision:
- skills: a group is `{"name", "keywords"}`; the unnamed group is written as one `{"name"}` per
  skill, first, and bare `{"name"}` entries read back as the unnamed group. A `level` has no
  place and is reported. A list of bare names that is exactly the role and project skills (what
  an export without top-level skills writes, for themes) is not read as a group of its own.
- languages: `language` + `fluency`. awards: `title`, `awarder`, `date`, `summary`.
- volunteer: `organization`, `position`, `startDate`, `endDate`, `summary`, `highlights`
  (a volunteering's location has no place in JSON Resume and is not exported).
- publications: `name`, `publisher`, `releaseDate`, `url`, `summary`.
- interests: `{"name"}` each; an interest's keywords are kept in parentheses after its name.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from documents.jsonresume.fields import Reader
from documents.model import (
    Award,
    Language,
    Month,
    Project,
    Publication,
    Resume,
    Role,
    SkillGroup,
    Volunteering,
)

Json = dict[str, Any]


def _iso(month: Month | None) -> str | None:
    return month.iso if month else None


def _drop_empty(data: Json) -> Json:
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def role_skills(resume: Resume) -> list[str]:
    """Every role and project skill once, in order: the themes' skills list when the person has
    no top-level skills."""
    skills: dict[str, None] = {}
    for item in (*resume.roles, *resume.projects):
        skills.update(dict.fromkeys(item.skills))
    return list(skills)


def export_added(resume: Resume) -> Json:
    if resume.skills:
        skills: list[Json] = []
        for group in resume.skills:
            if group.name is None:
                skills += [{"name": item} for item in group.items]
            else:
                skills.append({"name": group.name, "keywords": list(group.items)})
    else:
        skills = [{"name": skill} for skill in role_skills(resume)]
    return {
        "skills": skills,
        "languages": [_drop_empty({"language": lang.name, "fluency": lang.level})
                      for lang in resume.languages],
        "awards": [_drop_empty({
            "title": award.title, "awarder": award.issuer, "date": _iso(award.date),
            "summary": "\n".join(award.description)}) for award in resume.awards],
        "volunteer": [_drop_empty({
            "organization": item.organization, "position": item.role,
            "startDate": _iso(item.start), "endDate": _iso(item.end),
            "summary": "\n".join(item.summary), "highlights": list(item.tasks),
        }) for item in resume.volunteering],
        "publications": [_drop_empty({
            "name": item.title, "publisher": item.publisher,
            "releaseDate": _iso(item.date), "url": item.url,
            "summary": "\n".join(item.description)}) for item in resume.publications],
        "interests": [{"name": interest} for interest in resume.interests],
    }


def _skills(document: Json, placed: Iterable[str], reader: Reader) -> tuple[SkillGroup, ...]:
    bare: list[str] = []
    groups: list[SkillGroup] = []
    for path, item in reader.items(document, "skills"):
        name = reader.text(item, "name", path)
        keywords = reader.lines(item, "keywords", path)
        reader.unused(item, {"name", "keywords"}, path)
        if keywords:
            group = reader.build(lambda name=name, keywords=keywords: SkillGroup(
                name=name, items=keywords), path)
            if group is not None:
                groups.append(group)
        elif name:
            bare.append(name)
    if bare and not groups and bare == list(dict.fromkeys(placed)):
        return ()
    unnamed = [SkillGroup(items=tuple(bare))] if bare else []
    return tuple(unnamed + groups)


def _languages(document: Json, reader: Reader) -> tuple[Language, ...]:
    found = []
    for path, item in reader.items(document, "languages"):
        name = reader.text(item, "language", path)
        reader.unused(item, {"language", "fluency"}, path)
        if name is None:
            reader.error(f"{path}.language is missing")
            continue
        found.append(reader.build(lambda name=name, item=item, path=path: Language(
            name=name, level=reader.text(item, "fluency", path)), path))
    return tuple(filter(None, found))


def _awards(document: Json, reader: Reader) -> tuple[Award, ...]:
    found = []
    for path, item in reader.items(document, "awards"):
        title = reader.text(item, "title", path)
        reader.unused(item, {"title", "awarder", "date", "summary"}, path)
        if title is None:
            reader.error(f"{path}.title is missing")
            continue
        found.append(reader.build(lambda title=title, item=item, path=path: Award(
            title=title, issuer=reader.text(item, "awarder", path),
            date=reader.month(item, "date", path),
            description=reader.lines(item, "summary", path)), path))
    return tuple(filter(None, found))


def _volunteering(document: Json, reader: Reader) -> tuple[Volunteering, ...]:
    found = []
    for path, item in reader.items(document, "volunteer"):
        organization = reader.text(item, "organization", path)
        reader.unused(item, {"organization", "position", "startDate", "endDate", "summary",
                             "highlights"}, path)
        if organization is None:
            reader.error(f"{path}.organization is missing")
            continue
        found.append(reader.build(lambda org=organization, item=item, path=path: Volunteering(
            organization=org, role=reader.text(item, "position", path),
            start=reader.month(item, "startDate", path),
            end=reader.month(item, "endDate", path, allow_present=True),
            summary=reader.lines(item, "summary", path),
            tasks=reader.lines(item, "highlights", path)), path))
    return tuple(filter(None, found))


def _publications(document: Json, reader: Reader) -> tuple[Publication, ...]:
    found = []
    for path, item in reader.items(document, "publications"):
        title = reader.text(item, "name", path)
        reader.unused(item, {"name", "publisher", "releaseDate", "url", "summary"}, path)
        if title is None:
            reader.error(f"{path}.name is missing")
            continue
        found.append(reader.build(lambda title=title, item=item, path=path: Publication(
            title=title, publisher=reader.text(item, "publisher", path),
            date=reader.month(item, "releaseDate", path), url=reader.text(item, "url", path),
            description=reader.lines(item, "summary", path)), path))
    return tuple(filter(None, found))


def _interests(document: Json, reader: Reader) -> tuple[str, ...]:
    found = []
    for path, item in reader.items(document, "interests"):
        name = reader.text(item, "name", path)
        keywords = reader.lines(item, "keywords", path)
        reader.unused(item, {"name", "keywords"}, path)
        if name and keywords:
            found.append(f"{name} ({', '.join(keywords)})")
        elif name or keywords:
            found += [name] if name else list(keywords)
    return tuple(found)


def read_added(document: Json, roles: Iterable[Role | None], projects: Iterable[Project | None],
               reader: Reader) -> Json:
    """The added sections of a JSON Resume as `Resume` fields."""
    placed = [skill for item in (*roles, *projects) if item for skill in item.skills]
    return {
        "skills": _skills(document, placed, reader),
        "languages": _languages(document, reader),
        "awards": _awards(document, reader),
        "volunteering": _volunteering(document, reader),
        "publications": _publications(document, reader),
        "interests": _interests(document, reader),
    }
