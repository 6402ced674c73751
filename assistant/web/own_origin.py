"""Chainlit's app page without links to other hosts: a page view tells no third party about it.

Chainlit's ``index.html`` loads KaTeX's stylesheet from cdn.jsdelivr.net (math rendering, which
resumes do not need; ``features.latex`` is off) and preconnects to Google Fonts (the font links
themselves are already dropped by ``"custom_fonts": []`` in public/theme.json, the preconnects
are outside the part that setting replaces). Each one hands the person's address to a third
party on every page view, and fails on an offline install. Chainlit has no setting for them, so
the page it builds is served with every ``<link>`` and ``<script>`` that points off this origin
removed; the app's own assets, under relative paths, stay.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import chainlit.server

# A <link ...> or <script ...></script> whose href/src is absolute (scheme or "//") or a
# protocol-relative URL: anything not served by this app.
OFF_ORIGIN_TAG = re.compile(
    r"""<link\b[^>]*?\bhref\s*=\s*["']?(?:[a-z][a-z0-9+.-]*:)?//[^>]*>"""
    r"""|<script\b[^>]*?\bsrc\s*=\s*["']?(?:[a-z][a-z0-9+.-]*:)?//[^>]*>\s*</script>""",
    re.IGNORECASE,
)


def without_off_origin_links(html: str) -> str:
    return OFF_ORIGIN_TAG.sub("", html)


def _own_origin_template(original: Callable[[str], str]) -> Callable[[str], str]:
    def get_html_template(root_path: str) -> str:
        return without_off_origin_links(original(root_path))

    get_html_template.__wrapped__ = original  # type: ignore[attr-defined]
    return get_html_template


def serve_pages_from_own_origin() -> None:
    """Chainlit's catch-all page route calls this name from its module; wrap it once."""
    current = chainlit.server.get_html_template
    if not hasattr(current, "__wrapped__"):
        chainlit.server.get_html_template = _own_origin_template(current)
