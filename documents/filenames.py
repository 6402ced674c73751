"""Download file names that are safe on Windows, macOS and Linux.

``Priya-Natarajan_Riverbend-Logistics_Resume.pdf``: every part is folded to ASCII letters and
digits, words joined by ``-``, parts by ``_``. Nothing a file system or a shell could misread
survives, and the result is never empty and never a reserved Windows device name.
"""

from __future__ import annotations

import re
import unicodedata

# Letters that Unicode does not decompose into a base letter plus marks.
_SPECIAL_FOLDS = str.maketrans(
    {
        "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O",
        "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th",
        "ı": "i", "ħ": "h", "Ħ": "H", "ŋ": "ng", "Ŋ": "NG",
    }
)
_NOT_WORD = re.compile(r"[^A-Za-z0-9]+")
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CLOCK$"}
    | {f"COM{n}" for n in range(10)}
    | {f"LPT{n}" for n in range(10)}
)
_PART_LIMITS = {"name": 40, "company": 40, "kind": 24}
_EXTENSION_LIMIT = 10
FALLBACK_STEM = "Document"


def ascii_fold(text: str) -> str:
    """Closest ASCII spelling: accents dropped, ligatures spelled out, anything else removed."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL_FOLDS))
    return "".join(ch for ch in decomposed if ch.isascii())


def _part(text: str | None, limit: int) -> str:
    words = [word for word in _NOT_WORD.split(ascii_fold(text or "")) if word]
    joined = "-".join(words)
    return joined[:limit].strip("-")


def export_filename(
    person_name: str | None, company: str | None, kind: str, extension: str
) -> str:
    """``Name_Company_Kind.ext`` from free text; empty parts are left out."""
    parts = [
        _part(person_name, _PART_LIMITS["name"]),
        _part(company, _PART_LIMITS["company"]),
        _part(kind, _PART_LIMITS["kind"]),
    ]
    stem = "_".join(part for part in parts if part) or FALLBACK_STEM
    if stem.upper() in _RESERVED:
        stem = f"{stem}_{FALLBACK_STEM}"
    suffix = _part(extension, _EXTENSION_LIMIT).replace("-", "").lower()
    return f"{stem}.{suffix}" if suffix else stem
