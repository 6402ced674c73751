"""Reading the leaf blocks: `Label: value` blocks, text blocks and list blocks (sections 3-4)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from documents.dates import YearOnly, read_month
from documents.markdown.tree import Block, bullet_item, normalize_key, unescape_text
from documents.model import Month, ends_before
from documents.problems import Problem


@dataclass(frozen=True)
class Field:
    line: int
    source: str  # the whole line as written, quoted in messages
    value: str


class Collector:
    """Problems found so far; the parser asks it whether a part added errors."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.error_count = 0

    def error(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(line, "error", message))
        self.error_count += 1

    def warn(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(line, "warning", message))

    def add(self, problems: Sequence[Problem]) -> None:
        for problem in problems:
            self.problems.append(problem)
            self.error_count += problem.is_error

    def ignore_children(self, block: Block, kind: str) -> None:
        for child in block.children:
            self.warn(child.line, f"heading `{child.heading}` inside `{block.heading}` ignored: "
                                  f"that block holds only {kind}")


def read_fields(block: Block, labels: Sequence[str], out: Collector) -> dict[str, Field]:
    """The fields of a key/value block by lower-case label; empty values count as absent."""
    known = {normalize_key(label): label for label in labels}
    fields: dict[str, Field] = {}
    out.ignore_children(block, "`Label: value` lines")
    for body in block.body:
        label, colon, value = body.text.partition(":")
        if not colon:
            out.warn(body.number, f"`{body.text}` in `{block.heading}` is not a `Label: value` "
                                  "line; ignored")
            continue
        key = normalize_key(label)
        if key not in known:
            expected = ", ".join(labels)
            out.warn(body.number, f"unknown field `{label.strip()}` in `{block.heading}` ignored; "
                                  f"known fields: {expected}")
            continue
        if key in fields:
            out.warn(body.number, f"`{known[key]}` is given twice in `{block.heading}` "
                                  f"(also line {fields[key].line}); the last one is kept")
        if value.strip():
            fields[key] = Field(body.number, body.text, value.strip())
        else:
            fields.pop(key, None)
    return fields


def text_value(fields: dict[str, Field], label: str) -> str | None:
    found = fields.get(normalize_key(label))
    return found.value if found else None


def date_value(
    fields: dict[str, Field],
    label: str,
    out: Collector,
    *,
    year_only: YearOnly = "start",
    allow_present: bool = False,
) -> Month | None:
    found = fields.get(normalize_key(label))
    if found is None:
        return None
    month, problems = read_month(
        found.value,
        source=f"`{found.source}`",
        line=found.line,
        year_only=year_only,
        allow_present=allow_present,
    )
    out.add(problems)
    return month


def check_order(
    fields: dict[str, Field],
    start: Month | None,
    end: Month | None,
    labels: tuple[str, str],
    out: Collector,
) -> None:
    if start is None or end is None or not ends_before(end, start):
        return
    end_field = fields[normalize_key(labels[1])]
    start_field = fields[normalize_key(labels[0])]
    out.error(end_field.line, f"`{end_field.source}` is before `{start_field.source}` "
                              f"(line {start_field.line}); swap or correct them")


def read_text(block: Block, out: Collector) -> tuple[str, ...]:
    out.ignore_children(block, "text lines")
    return tuple(unescape_text(body.text) for body in block.body)


def read_list(block: Block, out: Collector) -> tuple[str, ...]:
    out.ignore_children(block, "`* item` lines")
    items: list[str] = []
    for body in block.body:
        item = bullet_item(body.text)
        if item is None:
            out.warn(body.number, f"`{body.text}` in `{block.heading}` is not a list item "
                                  "(start it with `* `); ignored")
        else:
            items.append(item)
    return tuple(items)


def read_responsibilities(
    block: Block, out: Collector
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(situation, tasks): plain lines before the first bullet, then the bullets.

    A plain line after a bullet is taken as the bullet's wrapped continuation (people hard-wrap
    long bullets) and joined to it with a space, with a warning, because the writer will put it
    back on one line.
    """
    out.ignore_children(block, "text lines and `* ` task bullets")
    situation: list[str] = []
    tasks: list[str] = []
    for body in block.body:
        item = bullet_item(body.text)
        if item is not None:
            tasks.append(item)
        elif tasks:
            tasks[-1] = f"{tasks[-1]} {unescape_text(body.text)}"
            out.warn(body.number, "a line without `* ` after the task bullets was joined to the "
                                  "bullet above; start it with `* ` if it is a task of its own")
        else:
            situation.append(unescape_text(body.text))
    return tuple(situation), tuple(tasks)
