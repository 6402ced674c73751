"""Once the chat code is loaded, a full garbage collection no longer walks the process's
long-lived objects (modules, classes, schemas): each such pass held the interpreter, and with it
every conversation of the instance, for about 140 ms.

Checked in a fresh interpreter, so what other tests imported or froze does not count.
"""

from __future__ import annotations

import subprocess
import sys

LOAD_THE_CHAT_CODE = """
import gc
from assistant import chat_entry
chat_entry._import_chat()  # what the first sign-in starts in the background
print(gc.get_freeze_count(), len(gc.get_objects()))
"""


def test_a_full_collection_skips_what_the_chat_code_loaded() -> None:
    done = subprocess.run(
        [sys.executable, "-c", LOAD_THE_CHAT_CODE], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    frozen, walked = map(int, done.stdout.split()[-2:])
    assert frozen > 100_000, f"only {frozen} objects exempt from full collections"
    assert walked < frozen / 5, f"a full collection still walks {walked} objects"
