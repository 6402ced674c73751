"""Run in a child process: import one file as an upload and report outcome, time and peak memory.

`python upload_probe.py NAME PATH` prints one JSON line with two memory figures: the peak of
Python allocations during the import (tracemalloc), and how far the process's maximum resident
size (ru_maxrss, which also sees C libraries such as lxml and zlib) rose above where it stood
after the imports.
"""

from __future__ import annotations

import json
import resource
import sys
import time
import tracemalloc
from pathlib import Path


def main() -> None:
    name, path = sys.argv[1], Path(sys.argv[2])
    from documents.importers.dispatch import extract_text
    from documents.importers.errors import ImportRefused

    data = path.read_bytes()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    started = time.perf_counter()
    try:
        text = extract_text(name, data).text
        outcome, message = "accepted", text[:200]
    except ImportRefused as refusal:
        outcome, message = "refused", str(refusal)
    seconds = time.perf_counter() - started
    _, python_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"outcome": outcome, "message": message, "seconds": round(seconds, 3),
                      "python_peak_mb": round(python_peak / 2**20, 1),
                      "rss_rise_mb": round((peak - before) / 1024, 1),
                      "message_full": message}))


if __name__ == "__main__":
    main()
