"""One lock for the threads that import in the background: the exporters' warm-up at start and
the chat code's load at the first sign-in (or setup).

Two threads importing the same packages at once can hand one of them a half-initialised package
("No module named 'sqlalchemy.engine.interfaces'", seen once in CI); these two both import
documents.render, python-docx and lxml, and a sign-in right after start runs them together.
"""

from __future__ import annotations

import threading

BACKGROUND_IMPORTS = threading.Lock()
