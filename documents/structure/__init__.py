"""Resume text with layout hints -> the resume model, plus the lines code could not place.

Pure and deterministic: no model, no network. Nothing is guessed: a line that fits no rule is
returned as unplaced, and every string in the result is cut from the input text.
"""

from documents.structure.build import Structured, structure_lines, structure_text
from documents.structure.lines import SourceLine

__all__ = ["SourceLine", "Structured", "structure_lines", "structure_text"]
