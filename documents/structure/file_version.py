"""A model-read resume corrected to what its file says: the person's "keep the file's version".

Pure. Dates the file gives at another precision take the file's; list items the file does not
say (an added skill, a reworded bullet) are dropped; an optional field the file does not say is
emptied; a section whose required fields the file does not support (a merged role, an invented
title) is taken from the deterministic read of the file when it has one. Sections and bullets
the model left out are taken from the deterministic read too.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from documents.model import Resume
from documents.structure.fidelity import FidelityReport

_STEP = re.compile(r"([a-z_]+)(?:\[(\d+)\])?")
_REQUIRED = frozenset({"title", "company", "school", "name", "organization", "start"})
_SECTIONS = ("roles", "degrees", "certifications", "projects", "skills", "languages", "awards",
             "volunteering", "publications", "interests")


def file_version(model: Resume, report: FidelityReport, read: Resume | None) -> Resume | None:
    """The corrected resume, or None when no valid resume can be made from the file's words."""
    data: dict[str, Any] = model.model_dump(mode="json")
    removals: list[tuple[list[Any], int]] = []
    replace: set[str] = set()
    for finding in report.unsupported:
        steps = [(m[1], int(m[2]) if m[2] else None) for m in _STEP.finditer(finding.path)]
        parent, (key, index) = _walk(data, steps[:-1]), steps[-1]
        if parent is None:
            continue
        if finding.kind == "date_precision" and finding.file_date:
            year, month = finding.file_date
            parent[key] = {"year": year, "month": month}
        elif finding.kind == "range_not_in_file":
            replace.add(steps[0][0])
        elif index is not None and isinstance(parent.get(key), list):
            removals.append((parent[key], index))
        elif key in _REQUIRED or finding.kind == "range_not_in_file":
            replace.add(steps[0][0])
        else:
            parent[key] = None
    for items, index in sorted(removals, key=lambda item: -item[1]):
        items[index] = None
    _drop_marked(data)
    own = read.model_dump(mode="json") if read is not None else {}
    for section in _SECTIONS:
        if section in replace or (not data.get(section) and own.get(section)):
            data[section] = own.get(section, [])
    _add_missing_tasks(data, own)
    try:
        return Resume.model_validate(data)
    except ValidationError:
        return None


def _walk(data: Any, steps: list[tuple[str, int | None]]) -> dict | None:
    node = data
    for key, index in steps:
        if not isinstance(node, dict) or node.get(key) is None:
            return None
        node = node[key]
        if index is not None:
            if not isinstance(node, list) or index >= len(node):
                return None
            node = node[index]
    return node if isinstance(node, dict) else None


def _drop_marked(node: Any) -> None:
    if isinstance(node, dict):
        for value in node.values():
            _drop_marked(value)
    elif isinstance(node, list):
        node[:] = [item for item in node if item is not None]
        for item in node:
            _drop_marked(item)
        # A skill group emptied of invented items is no group.
        node[:] = [item for item in node if not (isinstance(item, dict) and "items" in item
                                                 and not item["items"])]


def _add_missing_tasks(data: dict, own: dict) -> None:
    """Bullets the model dropped, from the same role (same company) in the file's read."""
    by_company = {role["company"].casefold(): role for role in own.get("roles", [])}
    for role in data.get("roles", []):
        mine = by_company.get(role["company"].casefold())
        if mine is None:
            continue
        present = {task.casefold() for task in role["tasks"]}
        role["tasks"] = list(role["tasks"]) + [
            task for task in mine["tasks"] if task.casefold() not in present]
