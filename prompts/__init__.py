"""Prompt templates: one text file per prompt in this package, rendered strictly.

File format:

    # version: 3
    You are Tailor. Today is {{ today }}.

- The first line records the prompt's version (an integer, raised whenever the wording changes;
  generated documents store it). It is not part of the rendered text.
- `{{ name }}` is a placeholder (spaces inside the braces optional; a name is a Python identifier).
- Single braces are plain text, so JSON examples need no escaping: `{"title": "..."}`.
- A literal `{{` is written `\\{{` (backslash, two braces).
- Any other `{{` (an unclosed placeholder, `{{ user name }}`) is an error when the file is loaded.

Rendering is strict: every placeholder needs a value, every value needs a placeholder, and values
must be strings. Values are inserted once and never re-scanned, so a resume that contains
`{{ today }}` stays literal text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

PROMPT_SUFFIXES = (".txt", ".md")

_HEADER = re.compile(r"#\s*version:\s*(\d+)\s*")
_NAME = re.compile(r"[a-z][a-z0-9_]*")
# One pass over the template finds escapes, placeholders and stray double braces alike, so an
# escaped brace can never be mistaken for the start of a placeholder.
_TOKEN = re.compile(
    r"(?P<escape>\\\{\{)"
    r"|\{\{\s*(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*\}\}"
    r"|(?P<stray>\{\{)"
)


class PromptError(ValueError):
    """A prompt file is malformed, or was rendered with the wrong variables."""


@dataclass(frozen=True)
class Prompt:
    name: str
    version: int
    template: str  # the text after the header line, placeholders unrendered
    variables: tuple[str, ...]  # in order of first appearance

    def render(self, **values: str) -> str:
        missing = [name for name in self.variables if name not in values]
        unused = sorted(set(values) - set(self.variables))
        if missing or unused:
            problems = []
            if missing:
                problems.append(f"missing value(s) for {', '.join(missing)}")
            if unused:
                problems.append(f"no placeholder for {', '.join(unused)}")
            raise PromptError(
                f"prompt '{self.name}' (version {self.version}): {'; '.join(problems)}. "
                f"It takes exactly: {', '.join(self.variables) or 'no variables'}."
            )
        not_text = [name for name, value in values.items() if not isinstance(value, str)]
        if not_text:
            raise PromptError(
                f"prompt '{self.name}': values must be text (str); format "
                f"{', '.join(f'{n} ({type(values[n]).__name__})' for n in not_text)} first."
            )
        return _TOKEN.sub(lambda m: _replacement(m, values), self.template)


def _replacement(match: re.Match[str], values: dict[str, str]) -> str:
    if match.group("escape"):
        return "{{"
    return values[match.group("name")]


def parse_prompt(name: str, source: str) -> Prompt:
    """Build a prompt from a file's text; `name` is used in error messages."""
    header, _, template = source.partition("\n")
    version = _HEADER.fullmatch(header)
    if version is None:
        raise PromptError(
            f"prompt '{name}': the first line must be '# version: N' (N a whole number), "
            f"found {header[:60]!r}"
        )
    variables: list[str] = []
    for match in _TOKEN.finditer(template):
        if match.group("stray"):
            line = template.count("\n", 0, match.start()) + 2  # +1 for 1-based, +1 for header
            raise PromptError(
                f"prompt '{name}', line {line}: '{{{{' that does not start a placeholder "
                f"like {{{{ name }}}}; write \\{{{{ for literal braces"
            )
        if match.group("name") and match.group("name") not in variables:
            variables.append(match.group("name"))
    return Prompt(name, int(version.group(1)), template, tuple(variables))


@cache
def load_prompt(name: str) -> Prompt:
    """The prompt in `prompts/<name>.txt` (or `.md`), read on first use and then cached."""
    if not _NAME.fullmatch(name):
        raise PromptError(f"'{name}' is not a prompt name (lowercase letters, digits, _)")
    package = resources.files(__name__)
    for suffix in PROMPT_SUFFIXES:
        candidate = package / f"{name}{suffix}"
        if candidate.is_file():
            return parse_prompt(name, candidate.read_text(encoding="utf-8"))
    available = ", ".join(_prompt_names()) or "none"
    raise PromptError(f"no prompt named '{name}'; available: {available}")


def all_prompts() -> list[Prompt]:
    """Every prompt file in the package, by name."""
    return [load_prompt(name) for name in _prompt_names()]


def _prompt_names() -> list[str]:
    package = resources.files(__name__)
    return sorted(
        entry.name.rsplit(".", 1)[0]
        for entry in package.iterdir()
        if entry.is_file() and entry.name.endswith(PROMPT_SUFFIXES)
    )
