"""Walk a PDF page's content stream and report every text run with its position and visibility.

pypdf's own `extract_text(visitor_text=...)` joins every run on one baseline into a single string
before the visitor sees it, so two columns sharing a baseline arrive glued together and a colour
change in the middle of a line is applied to the whole line. We therefore walk the operators
ourselves, with pypdf's object model and font decoding and our own fast tokenizer, and keep each
run separate together with the graphics state that decides whether a reader could see it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from pypdf import PageObject, PdfReader
from pypdf.generic import DictionaryObject, NameObject, StreamObject
from pypdf.generic._font import Font

from documents.importers.pdf_tokens import operations
from documents.importers.pdf_visibility import (
    BLACK,
    Box,
    Colour,
    Filled,
    Ink,
    colour,
    components,
    intersect,
    record_fill,
    why_hidden,
)

Matrix = tuple[float, float, float, float, float, float]

IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MAX_FORM_DEPTH = 8
_PAINT = frozenset({b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"S", b"s", b"n"})
_FILLS = frozenset({b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"})
_PATH = frozenset({b"m", b"l", b"c", b"v", b"y"})
_TEXT_STATE = {b"Tc": "char_spacing", b"Tw": "word_spacing", b"TL": "leading", b"Ts": "rise"}


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


def _numbers(operands: list[Any]) -> list[float]:
    return [float(value) for value in operands if isinstance(value, int | float)]


@dataclass
class _GraphicsState:
    ctm: Matrix = IDENTITY
    fill: Colour | None = BLACK
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
class _PageWalk:
    reader: PdfReader
    page_box: Box
    runs: list[TextRun] = field(default_factory=list)
    fills: list[Filled] = field(default_factory=list)
    fonts: dict[int, _FontInfo] = field(default_factory=dict)
    # Resolving a font reference re-reads the object from the file; Tf repeats the same few.
    font_names: dict[tuple[int, str], _FontInfo | None] = field(default_factory=dict)


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
    _walk(walk, operations(contents.get_data()), resources, _GraphicsState(), depth=0,
          seen=frozenset())
    return walk.runs


def _font_for(walk: _PageWalk, resources: DictionaryObject, name: Any) -> _FontInfo | None:
    key = (id(resources), str(name))
    if key not in walk.font_names:
        walk.font_names[key] = _load_font(walk, resources, name)
    return walk.font_names[key]


def _load_font(walk: _PageWalk, resources: DictionaryObject, name: Any) -> _FontInfo | None:
    fonts = resources.get("/Font")
    ref = fonts.get_object().get(name) if fonts is not None else None
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
    """(unicode text, width in glyph units, is a single-byte space) for each glyph code."""
    widths = font.character_widths
    default = widths.get("default", 500)
    if isinstance(font.encoding, str):
        try:
            raw = data.decode(font.encoding, "surrogatepass")
        except UnicodeDecodeError:
            raw = data.decode(font.encoding, "replace")
        return [(font.character_map.get(c, c), widths.get(c, default), False) for c in raw]
    out: list[tuple[str, float, bool]] = []
    for code in data:
        raw_char = chr(code)
        mapped = font.encoding.get(code, raw_char)
        out.append((font.character_map.get(mapped, mapped), widths.get(raw_char, default),
                    code == 32))
    return out


def _walk(
    walk: _PageWalk,
    operations: list[tuple[Any, bytes]],
    resources: DictionaryObject,
    state: _GraphicsState,
    depth: int,
    seen: frozenset[int],
) -> None:
    stack: list[_GraphicsState] = []
    text_matrix = line_matrix = IDENTITY
    path: list[float] = []  # x0, y0, x1, y1 of the path being built, in page space
    pending_clip = False
    colour_spaces = resources.get("/ColorSpace")
    colour_spaces = colour_spaces.get_object() if colour_spaces is not None else {}

    def extend_path(values: list[float]) -> None:
        ctm = state.ctm
        for px, py in zip(values[0::2], values[1::2], strict=False):
            x = px * ctm[0] + py * ctm[2] + ctm[4]
            y = px * ctm[1] + py * ctm[3] + ctm[5]
            if path:
                path[:] = [min(path[0], x), min(path[1], y), max(path[2], x), max(path[3], y)]
            else:
                path[:] = [x, y, x, y]

    def show(data: Any) -> None:
        nonlocal text_matrix
        if state.font is None or not isinstance(data, bytes):
            return
        size, scale = state.font_size, state.font.width_scale
        advance = 0.0
        pieces: list[str] = []
        for text, width, is_space in _glyphs(state.font.font, data):
            pieces.append(text)
            advance += (width * scale * size + state.char_spacing
                        + (state.word_spacing if is_space else 0.0)) * state.horizontal_scale
        start = text_matrix
        text_matrix = (start[0], start[1], start[2], start[3],
                       start[4] + advance * start[0], start[5] + advance * start[1])
        _emit(walk, state, start, advance, "".join(pieces))

    for operands, op in operations:
        if op == b"Tj" or op == b"'" or op == b'"':
            if op != b"Tj":
                line_matrix = text_matrix = multiply((1, 0, 0, 1, 0, -state.leading), line_matrix)
            if op == b'"' and len(operands) >= 3:
                spacing = _numbers(operands[:2])
                if len(spacing) == 2:
                    state.word_spacing, state.char_spacing = spacing
            if operands:
                show(operands[-1])
        elif op == b"TJ":
            if operands and isinstance(operands[0], list):
                for item in operands[0]:
                    if isinstance(item, bytes):
                        show(item)
                    elif isinstance(item, int | float):
                        shift = -float(item) / 1000 * state.font_size * state.horizontal_scale
                        m = text_matrix
                        text_matrix = (m[0], m[1], m[2], m[3],
                                       m[4] + shift * m[0], m[5] + shift * m[1])
        elif op == b"Td" or op == b"TD":
            values = _numbers(operands)
            if len(values) == 2:
                if op == b"TD":
                    state.leading = -values[1]
                line_matrix = text_matrix = multiply((1, 0, 0, 1, *values), line_matrix)
        elif op == b"Tm":
            values = _numbers(operands)
            if len(values) == 6:
                line_matrix = text_matrix = tuple(values)  # type: ignore[assignment]
        elif op == b"T*":
            line_matrix = text_matrix = multiply((1, 0, 0, 1, 0, -state.leading), line_matrix)
        elif op == b"Tf":
            if len(operands) >= 2:
                state.font = _font_for(walk, resources, operands[0])
                size = operands[1]
                state.font_size = float(size) if isinstance(size, int | float) else 0.0
        elif op == b"BT":
            text_matrix = line_matrix = IDENTITY
        elif op in _TEXT_STATE:
            values = _numbers(operands)
            if values:
                setattr(state, _TEXT_STATE[op], values[0])
        elif op == b"Tz":
            values = _numbers(operands)
            if values:
                state.horizontal_scale = values[0] / 100
        elif op == b"Tr":
            values = _numbers(operands)
            if values:
                state.render_mode = int(values[0])
        elif op == b"q":
            stack.append(replace(state))
        elif op == b"Q":
            if stack:
                state = stack.pop()
        elif op == b"cm":
            values = _numbers(operands)
            if len(values) == 6:
                state.ctm = multiply(tuple(values), state.ctm)  # type: ignore[arg-type]
        elif op in (b"g", b"rg", b"k"):
            state.fill = colour(_numbers(operands))
        elif op in (b"G", b"RG", b"K"):
            state.stroke = colour(_numbers(operands))
        elif op == b"cs" and operands:
            state.fill_components = components(operands[0], colour_spaces)
            state.fill = BLACK if state.fill_components else None
        elif op == b"CS" and operands:
            state.stroke_components = components(operands[0], colour_spaces)
            state.stroke = BLACK if state.stroke_components else None
        elif op == b"sc" or op == b"scn":
            values = _numbers(operands)
            state.fill = colour(values) if len(values) == state.fill_components else None
        elif op == b"SC" or op == b"SCN":
            values = _numbers(operands)
            state.stroke = colour(values) if len(values) == state.stroke_components else None
        elif op == b"re":
            values = _numbers(operands)
            if len(values) == 4:
                x, y, w, h = values
                extend_path([x, y, x + w, y, x, y + h, x + w, y + h])
        elif op in _PATH:
            extend_path(_numbers(operands))
        elif op == b"W" or op == b"W*":
            pending_clip = True
        elif op in _PAINT:
            if path:
                box: Box = (path[0], path[1], path[2], path[3])
                if op in _FILLS:
                    record_fill(walk.fills, box, state.fill)
                if pending_clip:
                    state.clip = intersect(state.clip, box)
            path.clear()
            pending_clip = False
        elif op == b"Do" and operands and depth < MAX_FORM_DEPTH:
            _draw_form(walk, resources, operands[0], state, depth, seen)


def _draw_form(
    walk: _PageWalk,
    resources: DictionaryObject,
    name: Any,
    state: _GraphicsState,
    depth: int,
    seen: frozenset[int],
) -> None:
    xobjects = resources.get("/XObject")
    ref = xobjects.get_object().get(name) if xobjects is not None else None
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
    _walk(walk, operations(form.get_data()), form_resources, inner, depth + 1, seen | {key})


def _emit(walk: _PageWalk, state: _GraphicsState, start: Matrix, advance: float,
          text: str) -> None:
    if not text:
        return
    size = state.font_size
    # Text space to page space: font size and rise, then the text matrix, then the CTM.
    glyph = multiply(
        multiply((size * state.horizontal_scale, 0, 0, size, 0, state.rise), start), state.ctm
    )
    ctm = state.ctm
    end_x = start[4] + advance * start[0] + state.rise * start[2]
    end_y = start[5] + advance * start[1] + state.rise * start[3]
    x1 = end_x * ctm[0] + end_y * ctm[2] + ctm[4]
    x0, y = glyph[4], glyph[5]
    effective_size = (glyph[2] ** 2 + glyph[3] ** 2) ** 0.5
    upright = glyph[0] > 0 and abs(glyph[1]) < 1e-3 * glyph[0] and abs(glyph[2]) < 1e-3
    box = (min(x0, x1), y, max(x0, x1), y)
    ink = Ink(state.stroke if state.render_mode in (1, 5) else state.fill,
              state.render_mode, state.clip)
    walk.runs.append(TextRun(
        text=text, x0=box[0], x1=box[2], y=y, size=effective_size, upright=upright,
        hidden_because=why_hidden(ink, box, effective_size, walk.page_box, walk.fills),
    ))
