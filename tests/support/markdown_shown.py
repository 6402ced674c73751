"""What a person reads from Markdown the app built: backslash escapes are not shown."""

from __future__ import annotations

import re

_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def as_read(markdown: str) -> str:
    """``markdown`` without the backslashes that only escape punctuation."""
    return _ESCAPE.sub(r"\1", markdown)
