"""Problems found while reading a resume, and the one exception a reader may raise.

A reader collects every problem it finds instead of stopping at the first, so a person can fix a
document in one pass. Errors refuse the document; warnings say what was ignored or guessed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from documents.model import Resume

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    line: int | None
    severity: Severity
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line is not None else self.message

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in document order; problems about the whole document come last."""
    return sorted(problems, key=lambda p: (p.line is None, p.line or 0))


def format_problems(problems: Iterable[Problem]) -> str:
    """Every problem by line, errors first: readable by a person and by a language model."""
    problems = tuple(problems)
    errors = [p for p in problems if p.is_error]
    warnings = [p for p in problems if not p.is_error]
    count = f"{len(errors)} error" + ("s" if len(errors) != 1 else "")
    lines = [f"The resume was not read: {count}. Fix these and try again:" if errors
             else "The resume was read. Notes:"]
    lines += [f"- {p}" for p in errors]
    if warnings:
        lines.append("Also noted (not blocking):" if errors else "")
        lines += [f"- {p}" for p in warnings]
    return "\n".join(line for line in lines if line)


class ResumeFormatError(ValueError):
    """The resume text or data cannot be used; the message lists every problem by line."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self._describe())

    def _describe(self) -> str:
        return format_problems(self.problems)


@dataclass(frozen=True)
class ParseResult:
    """What a reader made of its input: a resume only when there is no error."""

    resume: Resume | None
    problems: tuple[Problem, ...] = field(default_factory=tuple)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def ok(self) -> bool:
        return self.resume is not None

    def unwrap(self) -> Resume:
        """The resume, or `ResumeFormatError` listing every problem."""
        if self.resume is None:
            raise ResumeFormatError(self.problems)
        return self.resume


def result_of(resume: Resume | None, problems: Iterable[Problem]) -> ParseResult:
    """Build a result that never carries a resume alongside an error (no partial results)."""
    ordered = tuple(sorted_problems(problems))
    has_error = any(p.is_error for p in ordered)
    return ParseResult(resume=None if has_error else resume, problems=ordered)
