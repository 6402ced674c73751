"""Word differences as data (for the canvas to draw), not as Markdown (engine/diff.py does chat).

Each piece says whether its words stayed, were removed or were added; the canvas marks them with
strike-through and underline as well as colour, so the difference never rests on colour alone.
"""

from __future__ import annotations

import difflib

Piece = dict[str, str]


def word_pieces(old: str, new: str) -> list[Piece]:
    """``[{"op": "same" | "removed" | "added", "text": ...}]`` turning ``old`` into ``new``."""
    old_words, new_words = old.split(), new.split()
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    pieces: list[Piece] = []
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append({"op": "same", "text": " ".join(old_words[a1:a2])})
            continue
        if a2 > a1:
            pieces.append({"op": "removed", "text": " ".join(old_words[a1:a2])})
        if b2 > b1:
            pieces.append({"op": "added", "text": " ".join(new_words[b1:b2])})
    return pieces


def changed_lines(old: str, new: str) -> list[dict[str, object]]:
    """The lines that differ between two texts, each as word pieces; unchanged lines left out.

    A reworded line is one row with removed and added words; a line only in one text is a row
    of removed or added words.
    """
    old_lines = [line for line in old.splitlines() if line.strip()]
    new_lines = [line for line in new.splitlines() if line.strip()]
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    rows: list[dict[str, object]] = []
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        olds, news = old_lines[a1:a2], new_lines[b1:b2]
        paired = min(len(olds), len(news)) if tag == "replace" else 0
        for before, after in zip(olds[:paired], news[:paired], strict=True):
            rows.append({"change": "reworded", "pieces": word_pieces(before, after)})
        rows += [{"change": "removed", "pieces": [{"op": "removed", "text": line}]}
                 for line in olds[paired:]]
        rows += [{"change": "added", "pieces": [{"op": "added", "text": line}]}
                 for line in news[paired:]]
    return rows
