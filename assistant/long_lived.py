"""Keep the garbage collector's full passes off what lives as long as the process.

After the background imports (the chat code at the first sign-in, the exporters at start) the
process holds about 380,000 objects that are never freed: modules, classes, functions, compiled
schemas. Every full collection walked all of them, about 140 ms with the interpreter's lock held,
which every conversation of the instance waits out. ``gc.freeze`` moves them to a generation the
collector skips, so a full pass walks only what conversations made since (about 14,000 objects
after a few turns). The frozen objects are still freed normally by reference counting; only
reference cycles among them are left alone, and there are none worth the walk.
"""

from __future__ import annotations

import gc


def freeze() -> None:
    """Exempt every object alive now from future collections (cheap; call after big imports)."""
    gc.freeze()
