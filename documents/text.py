"""Text that can be stored, written as Word XML and read back: no control characters.

Pasted and imported text carries invisible characters (NUL and form feeds from PDF extraction,
escape sequences, lone surrogates from broken JSON). XML 1.0 cannot hold most of them, so
python-docx refused the whole export with a ValueError, and PostgreSQL refuses NUL in text.
They are removed where text enters (every field of the resume model, job text) and again where
documents are rendered, so no stored text can make an export fail.
"""

from __future__ import annotations

import re

# Characters that end a line for str.splitlines() besides \n and \r: a space, so a "single line"
# stays one line when written to Markdown and read back.
_LINE_BREAKS_AS_SPACE = str.maketrans(dict.fromkeys(
    "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029", " "
))
# XML 1.0 allows \t, \n, \r and everything from U+0020 except surrogates and U+FFFE/U+FFFF;
# C1 controls (U+0080-U+009F) are allowed but only ever come from mis-decoded text.
_UNWANTED = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """``text`` without control characters; line breaks (\\n, \\r) and tabs are kept."""
    return _UNWANTED.sub("", text.translate(_LINE_BREAKS_AS_SPACE))


def has_unwanted(text: str) -> bool:
    return clean_text(text) != text
