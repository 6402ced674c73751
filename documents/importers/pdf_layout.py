"""Turn a page's visible text runs into lines in reading order, one column after the other.

Lines are rows of runs sharing a baseline. A column gutter is a vertical strip of the page that
almost no row crosses while both sides hold many rows; when a page has one, rows that cross it
(a name banner, a full-width heading) cut the page into bands, and each band is read left column
first, then right column, so the roles of a two-column resume never interleave.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from documents.importers.pdf_content import TextRun

MIN_GUTTER_WIDTH = 6.0  # points
MIN_ROWS_PER_COLUMN = 4
# Rows allowed to cross a gutter: headers and the odd long line, not the body text.
CROSSING_SHARE = 0.12
PARAGRAPH_GAP = 1.9  # a vertical gap this many font sizes wide separates paragraphs
# A horizontal gap this many font sizes wide is a tab stop or flush-right text (a date beside a
# title): it is kept as three spaces so a reader can still tell the two pieces apart.
TAB_GAP = 2.0
TAB = "   "


@dataclass(frozen=True)
class _Row:
    runs: tuple[TextRun, ...]

    @property
    def y(self) -> float:
        return max(run.y for run in self.runs)

    @property
    def size(self) -> float:
        return max(run.size for run in self.runs)


# An icon font's glyph without a Unicode mapping comes out as its glyph name ("/map-marker",
# "/heartbeat") when the font's encoding lists names; as a word of its own it is never text.
_GLYPH_NAME = re.compile(r"(?<!\S)/[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)*(?!\S)")


def clean_glyphs(text: str) -> tuple[str, int]:
    """Drop icon-font and junk glyphs (private use, unassigned, control, replacement, leaked
    glyph names). A drawn soft hyphen is a visible hyphen (TeX fonts draw "-" with it).

    Whitespace of any kind becomes one plain space: some generators map the space glyph to
    tab, carriage return, space and no-break space all at once.
    """
    text, names = _GLYPH_NAME.subn("", text.replace("\u00ad", "-"))
    kept: list[str] = []
    dropped = names
    for char in text:
        if char.isspace():
            if not kept or kept[-1] != " ":
                kept.append(" ")
            continue
        category = unicodedata.category(char)
        if char == "\ufffd" or category in ("Co", "Cn", "Cs", "Cc"):
            dropped += 1
            continue
        kept.append(char)
    return "".join(kept), dropped


def page_lines(runs: Iterable[TextRun]) -> list[str]:
    """Reading-order lines of one page; a blank string marks a paragraph break."""
    upright = [run for run in runs if run.upright and run.text.strip()]
    sideways = [run for run in runs if not run.upright and run.text.strip()]
    rows = _rows(upright)
    lines = _read_region(rows)
    if sideways:
        # Rotated text (a vertical label, a stamp) has no place in the rows; keep it after them.
        lines += ["", "".join(run.text for run in sideways)]
    return lines


def _read_region(rows: list[_Row]) -> list[str]:
    """Columns are decided per region: a full-width header (or footer) above (or below) two
    columns has no gutter, and must not hide the gutter of the columns below it."""
    gutter = _find_gutter(rows)
    if gutter is not None:
        if _aligned_rail(rows, gutter):
            return _read_rows(rows)
        return _read_columns(rows, gutter)
    cuts = [i for i in range(1, len(rows)) if rows[i - 1].y - rows[i].y > 1.5 * rows[i - 1].size]
    for cut in cuts:  # a full-width block on top, columns below
        below = rows[cut:]
        gutter = _find_gutter(below)
        if gutter is not None:
            return _read_rows(rows[:cut]) + [""] + _read_region(below)
    for cut in reversed(cuts):  # columns on top, a full-width block below
        above = rows[:cut]
        gutter = _find_gutter(above)
        if gutter is not None:
            return _read_region(above) + [""] + _read_rows(rows[cut:])
    return _read_rows(rows)


# A narrow left column whose lines sit on the main column's baselines is a rail of dates and
# labels beside the entries: read across, each date on its entry's line.
RAIL_SHARE = 0.35  # of the text width, at most
RAIL_ALIGNED = 0.6  # of the rail's rows share a baseline with the main column (labels may not)
RAIL_WORDS = 4  # a rail holds dates and labels: short rows


def _aligned_rail(rows: list[_Row], split: float) -> bool:
    left_edge = min(run.x0 for row in rows for run in row.runs)
    right_edge = max(run.x1 for row in rows for run in row.runs)
    if split - left_edge > RAIL_SHARE * (right_edge - left_edge):
        return False
    rail = [row for row in rows if any((run.x0 + run.x1) / 2 < split for run in row.runs)]
    if not rail:
        return False
    beside = sum(1 for row in rail if any((run.x0 + run.x1) / 2 >= split for run in row.runs))
    words = sorted(sum(len(run.text.split()) for run in row.runs if (run.x0 + run.x1) / 2 < split)
                   for row in rail)
    return beside >= RAIL_ALIGNED * len(rail) and words[len(words) // 2] <= RAIL_WORDS


def _rows(runs: list[TextRun]) -> list[_Row]:
    rows: list[list[TextRun]] = []
    top = size = 0.0  # baseline and largest size of the row being filled
    for run in sorted(runs, key=lambda r: (-r.y, r.x0)):
        if rows and top - run.y <= 0.45 * min(run.size, size):
            rows[-1].append(run)
            size = max(size, run.size)
            continue
        rows.append([run])
        top, size = run.y, run.size
    return [_Row(tuple(sorted(row, key=lambda r: r.x0))) for row in _with_superscripts(rows)]


def _with_superscripts(rows: list[list[TextRun]]) -> list[list[TextRun]]:
    """A row of small runs just above a line, each starting where a word of it ends ("47" then
    a raised "th"), is that line's superscripts."""
    out: list[list[TextRun]] = []
    index = 0
    while index < len(rows):
        row = rows[index]
        below = rows[index + 1] if index + 1 < len(rows) else None
        if below is not None and _superscripts_of(row, below):
            out.append(row + below)
            index += 2
            continue
        out.append(row)
        index += 1
    return out


def _superscripts_of(row: list[TextRun], below: list[TextRun]) -> bool:
    size = max(run.size for run in below)
    if max(run.size for run in row) > 0.8 * size:
        return False
    if min(run.y for run in row) - max(run.y for run in below) > 0.6 * size:
        return False
    return all(any(-1.0 <= small.x0 - run.x1 <= 0.3 * size for run in below) for small in row)


def _find_gutter(rows: list[_Row]) -> float | None:
    """The x of a column gutter: a strip few rows cross, with enough rows on both sides."""
    if len(rows) < 2 * MIN_ROWS_PER_COLUMN:
        return None
    left_edge = min(run.x0 for row in rows for run in row.runs)
    right_edge = max(run.x1 for row in rows for run in row.runs)
    width = int(right_edge - left_edge) + 1
    if width < 100:
        return None
    # Rows crossing each x, by a difference array over each row's merged extents.
    change = [0] * (width + 1)
    for row in rows:
        extents = sorted((max(int(run.x0 - left_edge), 0),
                          min(int(_visible_end(run) - left_edge), width - 1)) for run in row.runs)
        start = end = -1
        for low, high in extents:
            if high < low:
                continue
            if low > end + 1:
                if end >= start >= 0:
                    change[start] += 1
                    change[end + 1] -= 1
                start, end = low, high
            else:
                end = max(end, high)
            if start < 0:
                start, end = low, high
        if end >= start >= 0:
            change[start] += 1
            change[end + 1] -= 1
    crossing = [0] * width
    running = 0
    for x in range(width):
        running += change[x]
        crossing[x] = running
    allowed = max(1, int(CROSSING_SHARE * len(rows)))
    best: tuple[int, float, float] | None = None  # (rows crossing, -width, split)
    x = int(width * 0.1)
    while x < int(width * 0.9):
        if crossing[x] > allowed:
            x += 1
            continue
        start = x
        while x < int(width * 0.9) and crossing[x] <= allowed:
            x += 1
        gap = (left_edge + start, left_edge + x)
        if gap[1] - gap[0] < MIN_GUTTER_WIDTH or not _both_sides_full(rows, gap):
            continue
        # Inside the strip, split where the fewest rows cross: a few long lines of the wider
        # column often reach into the strip, the true gutter is where nothing does.
        fewest = min(crossing[start:x])
        lows = [i for i in range(start, x) if crossing[i] == fewest]
        candidate = (fewest, -(gap[1] - gap[0]), left_edge + (lows[0] + lows[-1]) / 2)
        if best is None or candidate < best:
            best = candidate
    return None if best is None else best[2]


def _visible_end(run: TextRun) -> float:
    """Right edge without trailing spaces, which some generators use to pad a column."""
    stripped = run.text.rstrip()
    if len(stripped) == len(run.text) or not run.text:
        return run.x1
    return run.x0 + (run.x1 - run.x0) * len(stripped) / len(run.text)


def _both_sides_full(rows: list[_Row], gap: tuple[float, float]) -> bool:
    left_rows = [row for row in rows if any(_visible_end(run) <= gap[0] + 1 for run in row.runs)]
    right_rows = [row for row in rows if any(run.x0 >= gap[1] - 1 for run in row.runs)]
    if len(left_rows) < MIN_ROWS_PER_COLUMN or len(right_rows) < MIN_ROWS_PER_COLUMN:
        return False
    # Flush-right dates beside each role title also leave an empty strip, but every one of them
    # shares its baseline with a title. A real column holds rows of its own ...
    shared = len({row.y for row in left_rows} & {row.y for row in right_rows})
    right_only = len(right_rows) - shared
    if right_only >= 3 and right_only >= 0.2 * len(right_rows):
        return True
    # ... or is filled with wrapped text whose lines run up to the gutter, where titles stop short.
    ends = [max(_visible_end(run) for run in row.runs if _visible_end(run) <= gap[0] + 1)
            for row in left_rows]
    near = sum(1 for end in ends if gap[0] - end <= 15)
    return near >= 0.4 * len(ends)


def _read_rows(rows: list[_Row]) -> list[str]:
    lines: list[str] = []
    previous: _Row | None = None
    for row in rows:
        if previous is not None and previous.y - row.y > PARAGRAPH_GAP * previous.size:
            lines.append("")
        lines.append(_join(row.runs))
        previous = row
    return lines


def _read_columns(rows: list[_Row], split: float) -> list[str]:
    lines: list[str] = []
    left: list[_Row] = []
    right: list[_Row] = []

    def flush() -> None:
        if left:
            lines.extend(_read_rows(left))
        if left and right:
            lines.append("")
        if right:
            lines.extend(_read_rows(right))
        left.clear()
        right.clear()

    for row in rows:
        if any(x0 < split < x1 for x0, x1 in _segments(row.runs)):
            flush()
            lines.extend(_read_rows([row]))
            lines.append("")
            continue
        left_runs = tuple(run for run in row.runs if (run.x0 + run.x1) / 2 < split)
        right_runs = tuple(run for run in row.runs if (run.x0 + run.x1) / 2 >= split)
        if left_runs:
            left.append(_Row(left_runs))
        if right_runs:
            right.append(_Row(right_runs))
    flush()
    return lines


def _segments(runs: tuple[TextRun, ...]) -> list[tuple[float, float]]:
    """Extents of the row's runs chained by gaps no wider than a few spaces."""
    segments: list[tuple[float, float]] = []
    for run in runs:
        end = _visible_end(run)
        if segments and run.x0 - segments[-1][1] <= 0.8 * run.size:
            segments[-1] = (segments[-1][0], max(segments[-1][1], end))
        elif run.text.strip():
            segments.append((run.x0, end))
    return segments


def _join(runs: tuple[TextRun, ...]) -> str:
    """Runs of one row, left to right, with a space wherever the gap is a word gap."""
    threshold = _word_gap(runs)
    parts: list[str] = [runs[0].text]
    for before, after in zip(runs, runs[1:], strict=False):
        gap = after.x0 - before.x1
        if gap > TAB_GAP * max(before.size, after.size):
            parts[-1] = parts[-1].rstrip()
            parts.append(TAB + after.text.lstrip())
            continue
        if gap > threshold and not parts[-1].endswith(" ") and not after.text.startswith(" "):
            parts.append(" ")
        parts.append(after.text)
    return "".join(parts).strip()


def _word_gap(runs: tuple[TextRun, ...]) -> float:
    """The smallest gap that separates words in this row.

    Letter-spaced headings ("J O R D A N") draw one glyph per run with a gap between every
    pair; there only gaps clearly wider than the usual one separate words.
    """
    size = max(run.size for run in runs)
    base = 0.15 * size
    single = sum(1 for run in runs if len(run.text.strip()) == 1)
    if len(runs) >= 4 and single >= 0.7 * len(runs):
        gaps = [b.x0 - a.x1 for a, b in zip(runs, runs[1:], strict=False)]
        return max(base, statistics.median(gaps) * 1.6 + 0.05 * size)
    return base
