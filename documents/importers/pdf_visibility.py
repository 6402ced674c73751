"""Whether a reader of the printed page could see a piece of text, and colour bookkeeping.

Text is hidden when it is drawn invisibly (render mode 3 or 7), too small to read, outside the
page, outside the clipping path, or in (nearly) the colour of what is behind it. "Behind" is the
last filled shape drawn under the text before it, else the white page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pypdf.generic import ArrayObject, DictionaryObject

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in page space
Colour = tuple[float, float, float]  # RGB 0..1

WHITE: Colour = (1.0, 1.0, 1.0)
BLACK: Colour = (0.0, 0.0, 0.0)
# Text closer than this to its background cannot be read (0 = same colour, ~1.7 = black/white).
MIN_CONTRAST = 0.12
MIN_VISIBLE_SIZE = 1.5  # points; smaller glyphs are a trick, not typesetting
# Thinner shapes are rules and underlines, never the background of a line of text.
MIN_BACKGROUND_HEIGHT = 3.0
_DEVICE_SPACES = {"/DeviceGray": 1, "/G": 1, "/DeviceRGB": 3, "/RGB": 3, "/DeviceCMYK": 4,
                  "/CMYK": 4}


@dataclass(frozen=True)
class Filled:
    box: Box
    colour: Colour


@dataclass(frozen=True)
class Ink:
    """What decides a run's visibility, taken from the graphics state when it is drawn."""

    colour: Colour | None  # None: a pattern or colour space we cannot judge, so visible
    render_mode: int
    clip: Box | None


def colour(values: list[float]) -> Colour | None:
    """RGB of gray, RGB or CMYK operands; None for anything else."""
    if len(values) == 1:
        return (values[0],) * 3
    if len(values) == 3:
        return (values[0], values[1], values[2])
    if len(values) == 4:
        c, m, y, k = values
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return None


def components(name: Any, colour_spaces: Any) -> int:
    """Components of a colour space, or 0 when colours in it cannot be judged (patterns)."""
    if name in _DEVICE_SPACES:
        return _DEVICE_SPACES[name]
    space = colour_spaces.get(name) if isinstance(colour_spaces, DictionaryObject) else None
    space = space.get_object() if space is not None else None
    if isinstance(space, ArrayObject) and space:
        family = space[0]
        if family == "/ICCBased" and len(space) > 1:
            return int(space[1].get_object().get("/N", 0))
        if family in ("/CalRGB", "/Lab"):
            return 3
        if family == "/CalGray":
            return 1
    return 0


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def intersect(a: Box | None, b: Box) -> Box:
    if a is None:
        return b
    return (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))


def record_fill(fills: list[Filled], box: Box, fill: Colour | None) -> None:
    if fill is not None and box[3] - box[1] >= MIN_BACKGROUND_HEIGHT:
        fills.append(Filled(box, fill))


def why_hidden(ink: Ink, box: Box, size: float, page: Box, fills: list[Filled]) -> str | None:
    """Why a run spanning `box` (baseline y in box[1]) cannot be seen, or None if it can."""
    if ink.render_mode in (3, 7):
        return "invisible text"
    if size < MIN_VISIBLE_SIZE:
        return "text too small to read"
    # A glyph that shows even partly is kept: clipping that shaves an overflowing letter is
    # layout, clipping that removes whole words is hiding.
    glyphs: Box = (box[0], box[1], box[2], box[1] + size * 0.7)
    if not overlaps(glyphs, page):
        return "text outside the page"
    if ink.clip is not None and not overlaps(glyphs, ink.clip):
        return "text hidden by a clipping path"
    if ink.colour is None:
        return None
    mid_x = (box[0] + box[2]) / 2
    mid_y = box[1] + size * 0.3
    background = WHITE
    for filled in reversed(fills):
        fb = filled.box
        if fb[0] <= mid_x <= fb[2] and fb[1] <= mid_y <= fb[3]:
            background = filled.colour
            break
    r, g, b = ink.colour
    distance = ((r - background[0]) ** 2 + (g - background[1]) ** 2
                + (b - background[2]) ** 2) ** 0.5
    if distance < MIN_CONTRAST:
        return "text in the background colour"
    return None
