"""Structured edits applied to a resume model: pure, no database.

Each function takes the resume and returns the edited resume plus a short description of the
edit ("set phone", "removed role Intern at Initech"), or raises `Mistake` with a message the
model can act on (the parser's message for an invalid part, the list of items when the words
name none or several).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from pydantic import ValidationError

from core.errors import Mistake
from documents.model import (
    Award,
    Certification,
    Degree,
    Language,
    Project,
    Publication,
    Resume,
    Role,
    SkillGroup,
    Volunteering,
)
from engine.resume_fields import (
    COLLECTIONS,
    Kind,
    Part,
    Value,
    current_fields,
    merged,
    parse_part,
)

Action = Literal["add", "change", "remove", "move"]
Edited = tuple[Resume, str, list[str]]  # the new resume, what was done, parser warnings


def item_label(item: Part) -> str:
    if isinstance(item, Role):
        end = str(item.end) if item.end else "present"
        dates = f" ({item.start} - {end})" if item.start else ""
        return f"role {item.title} at {item.company}{dates}"
    if isinstance(item, Project):
        return f"project {item.title}" + (f" ({item.start})" if item.start else "")
    if isinstance(item, Degree):
        what = " ".join(p for p in (item.degree, item.major) if p)
        return f"degree {what or 'studies'} at {item.school}" + (
            f" ({item.end})" if item.end else "")
    if isinstance(item, Certification):
        return f"certification {item.name}" + (f" ({item.issued})" if item.issued else "")
    if isinstance(item, SkillGroup):
        return f"skill group {item.name or '(unnamed)'}: {', '.join(item.items)}"
    if isinstance(item, Language):
        return f"language {item.name}" + (f" ({item.level})" if item.level else "")
    if isinstance(item, Award | Publication):
        kind = "award" if isinstance(item, Award) else "publication"
        return f"{kind} {item.title}" + (f" ({item.date})" if item.date else "")
    if isinstance(item, Volunteering):
        return f"volunteering {item.role + ' at ' if item.role else ''}{item.organization}" + (
            f" ({item.start})" if item.start else "")
    return "personal details"


def _validated(resume: Resume, **update: object) -> Resume:
    try:
        return Resume.model_validate({**resume.model_dump(), **update})
    except ValidationError as exc:
        reasons = "; ".join(str(error["msg"]).removeprefix("Value error, ")
                            for error in exc.errors())
        raise Mistake(f"The edit was refused and nothing was saved: {reasons}.") from None


def find_item(resume: Resume, kind: Kind, words: str | None) -> int:
    """The position of the one item of this kind that the words name (title, company, year)."""
    items = getattr(resume, COLLECTIONS[kind])
    labels = [item_label(item).casefold() for item in items]
    needle = " ".join((words or "").split()).casefold()
    if needle.isdigit() and 1 <= int(needle) <= len(items) and len(needle) < 3:
        return int(needle) - 1
    tokens = needle.split()
    matches = [i for i, label in enumerate(labels) if tokens and all(t in label for t in tokens)]
    if len(matches) == 1:
        return matches[0]
    listed = "\n".join(f"{i + 1}. {item_label(item)}" for i, item in enumerate(items))
    if not items:
        raise Mistake(f"The resume has no {kind} to edit.")
    problem = "matches several" if matches else "matches none"
    raise Mistake(f'"{words}" {problem} of the {COLLECTIONS[kind]}:\n{listed}\n'
                  "Call again with words that name exactly one, or its number.")


def edit_personal(resume: Resume, changes: Mapping[str, Value]) -> Edited:
    if not changes:
        raise Mistake("Say which personal field to set or clear, e.g. {\"phone\": \"+1 555 0100\"}"
                      " or {\"note\": null}.")
    fields = merged("personal", current_fields(resume.personal), changes)
    if not fields:
        return _validated(resume, personal=None), "cleared the personal details", []
    personal, warnings = parse_part("personal", fields)
    done = ", ".join(("set " if changes[name] not in (None, "", []) else "cleared ") + name
                     for name in changes)
    return _validated(resume, personal=personal.model_dump()), done, warnings


def edit_item(
    resume: Resume,
    action: Action,
    kind: Kind,
    *,
    item: str | None = None,
    fields: Mapping[str, Value] | None = None,
    before: str | None = None,
) -> Edited:
    """Add, change, remove or move one item of a resume's lists (a role, a skill group, ...)."""
    if kind not in COLLECTIONS:
        raise Mistake(f"kind must be one of: {', '.join(COLLECTIONS)}.")
    name = COLLECTIONS[kind]
    items = list(getattr(resume, name))
    changes = dict(fields or {})
    if action == "add":
        new, warnings = parse_part(kind, merged(kind, {}, changes))
        items.insert(find_item(resume, kind, before) if before else len(items), new)
        return _validated(resume, **{name: items}), f"added {item_label(new)}", warnings
    index = find_item(resume, kind, item)
    old = items[index]
    if action == "remove":
        del items[index]
        return _validated(resume, **{name: items}), f"removed {item_label(old)}", []
    if action == "move":
        if not before:
            items.append(items.pop(index))
            return _validated(resume, **{name: items}), f"moved {item_label(old)} to the end", []
        target = items[find_item(resume, kind, before)]
        if target is old:
            raise Mistake("An item cannot move above itself; name a different one in `before`.")
        items.remove(old)
        items.insert(items.index(target), old)
        done = f"moved {item_label(old)} above {item_label(target)}"
        return _validated(resume, **{name: items}), done, []
    if action == "change":
        if not changes:
            raise Mistake("Give the fields to change in `fields`, e.g. {\"end\": \"06/2023\"}.")
        new, warnings = parse_part(kind, merged(kind, current_fields(old), changes))
        items[index] = new
        return _validated(resume, **{name: items}), f"changed {item_label(new)}", warnings
    raise Mistake("action must be one of: add, change, remove, move.")
