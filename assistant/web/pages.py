"""Small server-rendered pages (first-run setup, password change): layout, escaping, origin check.

Plain HTML forms on purpose: they work before anyone can sign in to Chainlit's React app, and
need no JavaScript.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from starlette.requests import Request
from starlette.responses import HTMLResponse

from assistant import runtime
from assistant.web.origins import is_cross_origin

_STYLE = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;background:#f6f7f9;
color:#1b1f24;margin:0;display:flex;justify-content:center;padding:48px 16px}
main{background:#fff;max-width:440px;width:100%;padding:32px;border-radius:12px;
box-shadow:0 1px 4px rgba(0,0,0,.08)}
h1{font-size:1.4rem;margin:0 0 8px}p{line-height:1.45}
label{display:block;font-weight:600;margin:16px 0 4px}
input{width:100%;box-sizing:border-box;padding:10px;border:1px solid #c4c9d0;border-radius:6px;
font-size:1rem}
button{margin-top:24px;width:100%;padding:11px;border:0;border-radius:6px;background:#1d4ed8;
color:#fff;font-size:1rem;font-weight:600;cursor:pointer}
.problems{background:#fdecec;border:1px solid #f5b5b5;color:#8a1c1c;border-radius:6px;
padding:12px 16px}
.problems ul,.rules ul{margin:4px 0 0;padding-left:20px}
.rules{font-size:.92rem;color:#4b5563}
.notice{background:#eef4ff;border:1px solid #bcd0fb;border-radius:6px;padding:12px 16px}
"""


def page(title: str, body: str, *, status_code: int = 200) -> HTMLResponse:
    html = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width,initial-scale=1'>"
        f"<title>{escape(title)} · Tailor</title><style>{_STYLE}</style></head>"
        f"<body><main>{body}</main></body></html>"
    )
    # These pages hold password forms: never cache them, never frame them.
    headers = {
        "Cache-Control": "no-store",
        "X-Frame-Options": "DENY",
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
        "form-action 'self'; frame-ancestors 'none'",
    }
    return HTMLResponse(html, status_code=status_code, headers=headers)


def problem_list(problems: Iterable[str]) -> str:
    items = "".join(f"<li>{escape(problem)}</li>" for problem in problems)
    if not items:
        return ""
    return f"<div class='problems' role='alert'><strong>Please fix:</strong><ul>{items}</ul></div>"


def rule_list(rules: Iterable[str]) -> str:
    items = "".join(f"<li>{escape(rule)}</li>" for rule in rules)
    return f"<div class='rules'>A password must be:<ul>{items}</ul></div>"


def field(name: str, label: str, *, kind: str = "text", value: str = "", auto: str = "") -> str:
    return (
        f"<label for='{name}'>{escape(label)}</label>"
        f"<input id='{name}' name='{name}' type='{kind}' value='{escape(value, quote=True)}' "
        f"autocomplete='{auto}' required>"
    )


def is_same_origin(request: Request) -> bool:
    """False when the browser says the form came from another origin (``origins.py``).

    ``CrossOriginGuard`` already refuses such posts before any route; the form routes ask again
    so that a form never depends on the middleware being installed.
    """
    return not is_cross_origin(request.scope, runtime.settings().public_url)


def cross_site_refusal() -> HTMLResponse:
    body = (
        "<h1>Form refused</h1><p>This form was sent from another site. Open this page "
        "directly in your browser and submit it from there.</p>"
    )
    return page("Form refused", body, status_code=403)
