"""Bytes of a Markdown, text or JSON file to a Python string, whatever the encoding."""

from __future__ import annotations

import codecs
import json

from charset_normalizer import CharsetMatch, from_bytes

from documents.importers.errors import ImportRefused

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_UNDECODABLE = ("The text in {name} is in an encoding we could not recognise. Save the file as "
                "UTF-8 (in most editors: Save As, Encoding: UTF-8) and upload it again.")


def decode_text(data: bytes, filename: str) -> str:
    """UTF-8 (BOM or not) and UTF-16/32 with a BOM first; a detected legacy encoding only if
    plain UTF-8 fails, then Windows-1252, the usual encoding of text saved on Windows."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise ImportRefused(_UNDECODABLE.format(name=filename)) from error
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = _likeliest(data)
    if best is not None:
        guessed = str(best)
        # Trust the detector for scripts Windows-1252 cannot hold (Cyrillic, Greek, CJK, ...);
        # for Latin text its guesses between similar code pages are a coin toss.
        if any(char.isalpha() and ord(char) > 0x24F for char in guessed):
            return guessed
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise ImportRefused(_UNDECODABLE.format(name=filename)) from error


def _likeliest(data: bytes) -> CharsetMatch | None:
    """The detector's best guess, but a Windows code page when it is as good a fit: files
    uploaded from Windows are far more common than Mac or DOS code pages."""
    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    for match in matches:
        if (match.encoding.startswith("cp125") and match.chaos <= best.chaos + 0.02
                and match.coherence >= best.coherence - 0.1):
            return match
    return best


def check_json(text: str, filename: str) -> None:
    """A JSON file must parse; a broken one is refused with the place of the first error."""
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportRefused(
            f"{filename} is not valid JSON: {error.msg} at line {error.lineno}, column "
            f"{error.colno}. Fix the file (or export it again) and upload it once more."
        ) from error
