"""Text compared as a reader compares it: case, spacing, dashes, ligatures and bullets aside."""

from __future__ import annotations

import re
import unicodedata

_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                            "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})
_BULLETS = re.compile(r"[•●▪■◦○‣∙➢➤►▶✓✔❖◆◇□➔→]")
_TOKEN = re.compile(r"[^\W_]+(?:[.+#][^\W_]+)*[+#]*", re.UNICODE)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text.translate(_LIGATURES)).replace("\u00ad", "")
    text = _BULLETS.sub(" ", text.translate(_DASHES).translate(_QUOTES)).casefold()
    return " ".join(text.split())


def squash(text: str) -> str:
    """Without any spaces: "J O R D A N" and a word broken across lines still match."""
    return re.sub(r"\s+", "", normalise(text))


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(normalise(text))
