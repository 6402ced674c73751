"""Typed reading of JSON values, each problem naming its JSON path."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import ValidationError

from documents.dates import YearOnly, read_iso_month
from documents.model import Month
from documents.problems import Problem

T = TypeVar("T")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class Reader:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.failed = False

    def error(self, message: str) -> None:
        self.problems.append(Problem(None, "error", message))
        self.failed = True

    def warn(self, message: str) -> None:
        self.problems.append(Problem(None, "warning", message))

    def text(self, obj: dict[str, Any], key: str, path: str) -> str | None:
        value = obj.get(key)
        if value is None or isinstance(value, bool):
            return None
        if isinstance(value, int | float):
            return str(value)
        if not isinstance(value, str):
            self.error(f"{path}.{key} should be text, not {type(value).__name__}")
            return None
        # Single-line fields: a wrapped value is joined back into one line.
        parts = _LINE_BREAK.split(value)
        return " ".join(part.strip() for part in parts if part.strip()) or None

    def lines(self, obj: dict[str, Any], key: str, path: str) -> tuple[str, ...]:
        value = obj.get(key)
        if value is None:
            return ()
        parts = [value] if isinstance(value, str) else value
        if not isinstance(parts, list) or not all(isinstance(p, str) for p in parts):
            self.error(f"{path}.{key} should be text or a list of text")
            return ()
        return tuple(line.strip() for part in parts for line in _LINE_BREAK.split(part)
                     if line.strip())

    def items(self, data: dict[str, Any], key: str) -> list[tuple[str, dict[str, Any]]]:
        value = data.get(key) or []
        if not isinstance(value, list):
            self.error(f"`{key}` should be a list")
            return []
        found = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                found.append((f"{key}[{index}]", item))
            else:
                self.error(f"{key}[{index}] should be an object")
        return found

    def month(self, obj: dict[str, Any], key: str, path: str, year_only: YearOnly = "start",
              allow_present: bool = False) -> Month | None:
        value = self.text(obj, key, path)
        if value is None:
            return None
        month, problems = read_iso_month(value, source=f"{path}.{key} `{value}`",
                                         year_only=year_only, allow_present=allow_present)
        for problem in problems:
            (self.error if problem.is_error else self.warn)(problem.message)
        return month

    def unused(self, obj: dict[str, Any], used: set[str], path: str) -> None:
        for key, value in obj.items():
            if key not in used and value not in (None, "", [], {}):
                self.warn(f"{path}.{key} has no place in a Tailor resume; not imported")

    def build(self, make: Callable[[], T], path: str) -> T | None:
        try:
            return make()
        except ValidationError as invalid:
            self.error(f"{path} is not valid: " + "; ".join(e["msg"] for e in invalid.errors()))
            return None
