"""Warm the exporters in a background thread at app start, so the first export is fast.

Start must neither wait for this (font loading was measured at up to 1.5 s) nor fail because of
it: the thread is a daemon, and a failure is logged; the exporters then warm on the first real
export.
"""

from __future__ import annotations

import logging
import threading

from assistant import long_lived
from assistant.import_lock import BACKGROUND_IMPORTS

log = logging.getLogger(__name__)


def _warm_up() -> None:
    # Held throughout: the first renders import more of python-docx and lxml as they go.
    with BACKGROUND_IMPORTS:
        from documents.render.warmup import warm_up_exports

        try:
            warm_up_exports()
        except Exception:
            # Not fatal: the first real export pays the cost instead, and shows its own error.
            log.exception("Warming up the exporters failed")
        long_lived.freeze()  # fonts, templates and the renderers' modules stay for good


def start_export_warm_up() -> threading.Thread:
    """Begin warming the exporters without blocking the caller."""
    thread = threading.Thread(target=_warm_up, name="export-warm-up", daemon=True)
    thread.start()
    return thread
