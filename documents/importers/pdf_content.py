"""Walk a PDF page's content stream and report every text run with its position and visibility.

pypdf's own `extract_text(visitor_text=...)` joins every run on one baseline into a single string
before the visitor sees it, so two columns sharing a baseline arrive glued together and a colour
change in the middle of a line is applied to the whole line. We therefore walk the operators
ourselves, with pypdf's content-stream parser and its font decoding, and keep each run separate
together with the graphics state that decides whether a reader could actually see it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any

from pypdf import PageObject, PdfReader
from pypdf.generic import ArrayObject, ContentStream, DictionaryObject, NameObject, StreamObject
from pypdf.generic._font import Font

Matrix = tuple[float, float, float, float, float, float]
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in page space
Colour = tuple[float, float, float]  # RGB 0..1

IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
WHITE: Colour = (1.0, 1.0, 1.0)
BLACK: Colour = (0.0, 0.0, 0.0)
MAX_FORM_DEPTH = 8
# Text closer than this to its background colour cannot be read (0 = same colour, ~1.7 = max).
MIN_CONTRAST = 0.12
MIN_VISIBLE_SIZE = 1.5  # points; smaller glyphs are a trick, not typesetting


@dataclass(frozen=True)
class TextRun:
    """A piece of text on one baseline, in page space (origin bottom-left, y up)."""

    text: str
    x0: float
    x1: float
    y: float
    size: float
    upright: bool
    hidden_because: str | None  # None when a reader can see it


def multiply(a: Matrix, b: Matrix) -> Matrix:
    """a then b (PDF's row-vector convention)."""
    return (
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    )


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])


def _numbers(operands: list[Any]) -> list[float]:
    out: list[float] = []
    for value in operands:
        if isinstance(value, int | float):
            out.append(float(value))
    return out


def _colour(values: list[float]) -> Colour | None:
    if len(values) == 1:
        return (values[0],) * 3
    if len(values) == 3:
        return (values[0], values[1], values[2])
    if len(values) == 4:
        c, m, y, k = values
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return None


def _distance(a: Colour, b: Colour) -> float:
    return math.sqrt(sum((p - q) ** 2 for p, q in zip(a, b, strict=True)))


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _intersect(a: Box | None, b: Box) -> Box:
    if a is None:
        return b
    return (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))


@dataclass
class _GraphicsState:
    ctm: Matrix = IDENTITY
    fill: Colour | None = BLACK  # None: a pattern or a colour space we cannot judge
    stroke: Colour | None = BLACK
    fill_components: int = 1
    stroke_components: int = 1
    clip: Box | None = None
    font: _FontInfo | None = None
    font_size: float = 0.0
    char_spacing: float = 0.0
    word_spacing: float = 0.0
    horizontal_scale: float = 1.0
    leading: float = 0.0
    rise: float = 0.0
    render_mode: int = 0


@dataclass(frozen=True)
class _FontInfo:
    font: Font
    # Glyph widths are in 1/1000 of the size, except in Type 3 fonts, whose /FontMatrix says.
    width_scale: float = 0.001


@dataclass
class _Filled:
    box: Box
    colour: Colour


@dataclass
class _PageWalk:
    reader: PdfReader
    page_box: Box
    runs: list[TextRun] = field(default_factory=list)
    filled: list[_Filled] = field(default_factory=list)
    fonts: dict[int, _FontInfo] = field(default_factory=dict)


def page_text_runs(reader: PdfReader, page: PageObject) -> list[TextRun]:
    """Every text run on the page, visible or not, in content-stream order."""
    box = page.cropbox
    page_box = (float(box.left), float(box.bottom), float(box.right), float(box.top))
    walk = _PageWalk(reader=reader, page_box=page_box)
    contents = page.get_contents()
    if contents is None:
        return []
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else DictionaryObject()
    stream = ContentStream(contents, reader, "bytes")
    _walk(walk, stream.operations, resources, _GraphicsState(), depth=0, seen=set())
    return walk.runs


def _font_for(walk: _PageWalk, resources: DictionaryObject, name: Any) -> _FontInfo | None:
    fonts = resources.get("/Font")
    if fonts is None:
        return None
    ref = fonts.get_object().get(name)
    if ref is None:
        return None
    font_dict = ref.get_object()
    key = id(font_dict)
    if key not in walk.fonts:
        scale = 0.001
        matrix = _numbers(list(font_dict.get("/FontMatrix", [])))
        if font_dict.get("/Subtype") == "/Type3" and len(matrix) == 6 and matrix[0]:
            scale = abs(matrix[0])
        walk.fonts[key] = _FontInfo(Font.from_font_resource(font_dict), scale)
    return walk.fonts[key]


def _glyphs(font: Font, data: bytes) -> list[tuple[str, float, bool]]:
    """(unicode text, width in 1/1000 em, is a single-byte space) for each glyph code."""
    widths = font.character_widths
    default = widths.get("default", 500)
    out: list[tuple[str, float, bool]] = []
    if isinstance(font.encoding, str):
        try:
            raw = data.decode(font.encoding, "surrogatepass")
        except UnicodeDecodeError:
            raw = data.decode(font.encoding, "replace")
        for char in raw:
            out.append((font.character_map.get(char, char), widths.get(char, default), False))
        return out
    for code in data:
        raw_char = chr(code)
        mapped = font.encoding.get(code, raw_char)
        text = font.character_map.get(mapped, mapped)
        out.append((text, widths.get(raw_char, default), code == 32))
    return out


def _walk(
    walk: _PageWalk,
    operations: list[tuple[Any, bytes]],
    resources: DictionaryObject,
    state: _GraphicsState,
    depth: int,
    seen: set[int],
) -> None:
    stack: list[_GraphicsState] = []
    text_matrix = IDENTITY
    line_matrix = IDENTITY
    path_box: Box | None = None
    pending_clip = False
    colour_spaces = resources.get("/ColorSpace")
    colour_spaces = colour_spaces.get_object() if colour_spaces is not None else {}

    def extend_path(points: list[tuple[float, float]]) -> None:
        nonlocal path_box
        for px, py in points:
            x, y = apply(state.ctm, px, py)
            if path_box is None:
                path_box = (x, y, x, y)
            else:
                path_box = (
                    min(path_box[0], x), min(path_box[1], y),
                    max(path_box[2], x), max(path_box[3], y),
                )

    def show(data: bytes) -> None:
        nonlocal text_matrix
        if state.font is None or not isinstance(data, bytes):
            return
        font, width_scale = state.font.font, state.font.width_scale
        size = state.font_size
        start = text_matrix
        advance = 0.0
        pieces: list[str] = []
        for text, width, is_space in _glyphs(font, data):
            pieces.append(text)
            advance += (width * width_scale * size + state.char_spacing
                        + (state.word_spacing if is_space else 0.0)) * state.horizontal_scale
        end = multiply((1, 0, 0, 1, advance, 0), start)
        text_matrix = end
        _emit(walk, state, start, end, "".join(pieces))

    def show_array(items: ArrayObject) -> None:
        nonlocal text_matrix
        for item in items:
            if isinstance(item, bytes):
                show(item)
            elif isinstance(item, int | float):
                shift = -float(item) / 1000 * state.font_size * state.horizontal_scale
                text_matrix = multiply((1, 0, 0, 1, shift, 0), text_matrix)

    for operands, operator in operations:
        op = operator
        if op == b"q":
            stack.append(replace(state))
        elif op == b"Q":
            if stack:
                state = stack.pop()
        elif op == b"cm":
            values = _numbers(operands)
            if len(values) == 6:
                state.ctm = multiply(tuple(values), state.ctm)  # type: ignore[arg-type]
        elif op == b"BT":
            text_matrix = line_matrix = IDENTITY
        elif op == b"Tf" and len(operands) >= 2:
            state.font = _font_for(walk, resources, operands[0])
            state.font_size = float(operands[1]) if isinstance(operands[1], int | float) else 0.0
        elif op == b"Tc" and _numbers(operands):
            state.char_spacing = _numbers(operands)[0]
        elif op == b"Tw" and _numbers(operands):
            state.word_spacing = _numbers(operands)[0]
        elif op == b"Tz" and _numbers(operands):
            state.horizontal_scale = _numbers(operands)[0] / 100
        elif op == b"TL" and _numbers(operands):
            state.leading = _numbers(operands)[0]
        elif op == b"Ts" and _numbers(operands):
            state.rise = _numbers(operands)[0]
        elif op == b"Tr" and _numbers(operands):
            state.render_mode = int(_numbers(operands)[0])
        elif op in (b"Td", b"TD") and len(_numbers(operands)) == 2:
            tx, ty = _numbers(operands)
            if op == b"TD":
                state.leading = -ty
            line_matrix = text_matrix = multiply((1, 0, 0, 1, tx, ty), line_matrix)
        elif op == b"Tm" and len(_numbers(operands)) == 6:
            line_matrix = text_matrix = tuple(_numbers(operands))  # type: ignore[assignment]
        elif op in (b"T*", b"'", b'"'):
            line_matrix = text_matrix = multiply((1, 0, 0, 1, 0, -state.leading), line_matrix)
            if op == b'"' and len(operands) >= 3:
                state.word_spacing, state.char_spacing = _numbers(operands[:2]) or (0.0, 0.0)
                show(operands[2])
            elif op == b"'" and operands:
                show(operands[0])
        elif op == b"Tj" and operands:
            show(operands[0])
        elif op == b"TJ" and operands and isinstance(operands[0], ArrayObject):
            show_array(operands[0])
        elif op in (b"g", b"rg", b"k"):
            state.fill = _colour(_numbers(operands))
        elif op in (b"G", b"RG", b"K"):
            state.stroke = _colour(_numbers(operands))
        elif op in (b"cs", b"CS") and operands:
            components = _components(operands[0], colour_spaces)
            if op == b"cs":
                state.fill_components, state.fill = components, (BLACK if components else None)
            else:
                state.stroke_components, state.stroke = components, (BLACK if components else None)
        elif op in (b"sc", b"scn"):
            values = _numbers(operands)
            state.fill = _colour(values) if len(values) == state.fill_components else None
        elif op in (b"SC", b"SCN"):
            values = _numbers(operands)
            state.stroke = _colour(values) if len(values) == state.stroke_components else None
        elif op == b"re" and len(_numbers(operands)) == 4:
            x, y, w, h = _numbers(operands)
            extend_path([(x, y), (x + w, y), (x, y + h), (x + w, y + h)])
        elif op in (b"m", b"l", b"c", b"v", b"y"):
            values = _numbers(operands)
            extend_path(list(zip(values[0::2], values[1::2], strict=False)))
        elif op in (b"W", b"W*"):
            pending_clip = True
        elif op in (b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"S", b"s", b"n"):
            if op not in (b"S", b"s", b"n") and path_box is not None and state.fill is not None:
                walk.filled.append(_Filled(path_box, state.fill))
            if pending_clip and path_box is not None:
                state.clip = _intersect(state.clip, path_box)
            path_box, pending_clip = None, False
        elif op == b"Do" and operands and depth < MAX_FORM_DEPTH:
            _draw_form(walk, resources, operands[0], state, depth, seen)


def _components(name: Any, colour_spaces: Any) -> int:
    """Components of a colour space, or 0 when colours in it cannot be judged (patterns)."""
    fixed = {"/DeviceGray": 1, "/G": 1, "/DeviceRGB": 3, "/RGB": 3, "/DeviceCMYK": 4, "/CMYK": 4}
    if name in fixed:
        return fixed[name]
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


def _draw_form(
    walk: _PageWalk,
    resources: DictionaryObject,
    name: Any,
    state: _GraphicsState,
    depth: int,
    seen: set[int],
) -> None:
    xobjects = resources.get("/XObject")
    if xobjects is None:
        return
    ref = xobjects.get_object().get(name)
    if ref is None:
        return
    form = ref.get_object()
    if not isinstance(form, StreamObject) or form.get("/Subtype") != NameObject("/Form"):
        return
    key = id(form)
    if key in seen:  # a form that draws itself would never end
        return
    inner = replace(state)
    matrix = _numbers(list(form.get("/Matrix", [])))
    if len(matrix) == 6:
        inner.ctm = multiply(tuple(matrix), inner.ctm)  # type: ignore[arg-type]
    form_resources = form.get("/Resources")
    form_resources = form_resources.get_object() if form_resources is not None else resources
    stream = ContentStream(form, walk.reader, "bytes")
    _walk(walk, stream.operations, form_resources, inner, depth + 1, seen | {key})


def _emit(walk: _PageWalk, state: _GraphicsState, start: Matrix, end: Matrix, text: str) -> None:
    if not text:
        return
    size = state.font_size
    rise = (1, 0, 0, 1, 0, state.rise)
    scale = (size * state.horizontal_scale, 0, 0, size, 0, 0)
    begin = multiply(multiply(multiply(scale, rise), start), state.ctm)
    finish = multiply(multiply(rise, end), state.ctm)
    x0, y = begin[4], begin[5]
    x1 = finish[4]
    effective_size = math.hypot(begin[2], begin[3])
    upright = begin[0] > 0 and abs(begin[1]) < 1e-3 * abs(begin[0]) and abs(begin[2]) < 1e-3
    run = TextRun(
        text=text,
        x0=min(x0, x1),
        x1=max(x0, x1),
        y=y,
        size=effective_size,
        upright=upright,
        hidden_because=_why_hidden(walk, state, (min(x0, x1), y, max(x0, x1), y), effective_size),
    )
    walk.runs.append(run)


def _why_hidden(walk: _PageWalk, state: _GraphicsState, box: Box, size: float) -> str | None:
    if state.render_mode in (3, 7):
        return "invisible text"
    if size < MIN_VISIBLE_SIZE:
        return "text too small to read"
    # A glyph that shows even partly is kept: clipping that shaves an overflowing letter is
    # layout, clipping that removes whole words is hiding.
    glyphs: Box = (box[0], box[1], box[2], box[1] + size * 0.7)
    if not _overlaps(glyphs, walk.page_box):
        return "text outside the page"
    if state.clip is not None and not _overlaps(glyphs, state.clip):
        return "text hidden by a clipping path"
    mid_x = (box[0] + box[2]) / 2
    mid_y = box[1] + size * 0.3
    colour = state.stroke if state.render_mode in (1, 5) else state.fill
    if colour is None:
        return None
    background = WHITE
    for filled in reversed(walk.filled):
        fb = filled.box
        if fb[0] <= mid_x <= fb[2] and fb[1] <= mid_y <= fb[3]:
            background = filled.colour
            break
    if _distance(colour, background) < MIN_CONTRAST:
        return "text in the background colour"
    return None
