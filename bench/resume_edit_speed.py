"""What one structured resume edit costs in code (no database): read the stored text, apply the
edit through the resume parser, validate, write canonical Markdown, read it back, and diff.

Prints the median of RUNS runs per edit kind, in milliseconds, on the template resume.
Run: .venv/bin/python bench/resume_edit_speed.py
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from documents import TEMPLATE_RESUME_MARKDOWN, load_resume, parse_resume, write_resume
from engine.resume_edits import Edited, edit_item, edit_personal
from workflows.resume_edit.edit import short_diff

RUNS = 200
EDITS: dict[str, Callable[..., Edited]] = {
    "set phone": lambda r: edit_personal(r, {"phone": "+1 555 0100"}),
    "add certification": lambda r: edit_item(r, "add", "certification", fields={
        "name": "AWS Certified Solutions Architect", "issued": "March 2023"}),
    "change role end": lambda r: edit_item(r, "change", "role", item="1",
                                           fields={"end": "06/2030"}),
    "move role": lambda r: edit_item(r, "move", "role", item="1"),
}


def one_edit(edit: Callable[..., Edited]) -> float:
    started = time.perf_counter()
    before = TEMPLATE_RESUME_MARKDOWN
    edited, _, _ = edit(load_resume(before))
    after = write_resume(edited)
    assert parse_resume(after).ok
    short_diff(before, after)
    return (time.perf_counter() - started) * 1000


def main() -> None:
    for name, edit in EDITS.items():
        timings = [one_edit(edit) for _ in range(RUNS)]
        print(f"{name:>18}: median {statistics.median(timings):6.2f} ms, "
              f"p90 {statistics.quantiles(timings, n=10)[-1]:6.2f} ms ({RUNS} runs)")


if __name__ == "__main__":
    main()
