"""The login token a request carries, read one way for every gate (HTTP and the chat socket).

Each reader used to see a different token in the same request: Starlette merges repeated
``Cookie`` headers and the last one wins, engine.io joins them with a comma into one string that
Chainlit parses again (so ``access_token=<old>;`` plus ``access_token=`` gave the gate no token
and Chainlit the old one), and Chainlit prefers the cookie over ``Authorization: Bearer`` where
``/auth/jwt`` reads only the header. A request is only as clear as its least clear reading, so
credentials that two readers could read differently are refused outright rather than resolved:

- the login cookie (or any of its ``_<n>`` chunks) named more than once, in one header or
  across several ``Cookie`` headers, or named in more than one ``Cookie`` header at all;
- a plain login cookie next to chunked ones;
- more than one ``Authorization`` header;
- a cookie token and a Bearer token that differ.

Cookie pairs are split on both ``;`` and ``,`` (a login token never contains either), so a pair
hidden behind engine.io's comma is seen too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from http import cookies as http_cookies

from chainlit.auth import get_token_from_cookies
from chainlit.auth.cookie import _auth_cookie_name as AUTH_COOKIE
from fastapi.security.utils import get_authorization_scheme_param

AMBIGUOUS = (
    "This request carries more than one sign-in credential; sign in again "
    "(clear this site's cookies if that keeps happening)."
)
_AUTH_COOKIE_NAME = re.compile(rf"{re.escape(AUTH_COOKIE)}(_\d+)?")


@dataclass(frozen=True)
class Credentials:
    """The one login token a request carries (None: none), or why it carries no usable one."""

    token: str | None = None
    ambiguous: bool = False


def read_credentials(headers: Iterable[tuple[bytes, bytes]]) -> Credentials:
    """Read raw ASGI headers (every repetition kept) into at most one token."""
    cookie_headers: list[str] = []
    authorizations: list[str] = []
    for name, value in headers:
        if name.lower() == b"cookie":
            cookie_headers.append(value.decode("latin-1"))
        elif name.lower() == b"authorization":
            authorizations.append(value.decode("latin-1"))

    pairs: dict[str, str] = {}
    carrying_headers = 0
    for header in cookie_headers:
        found = [
            (key, value)
            for key, value in (_pair(chunk) for chunk in re.split(r"[;,]", header))
            if _AUTH_COOKIE_NAME.fullmatch(key)
        ]
        carrying_headers += bool(found)
        for key, value in found:
            if key in pairs:
                return Credentials(ambiguous=True)
            pairs[key] = value
    plain_and_chunked = AUTH_COOKIE in pairs and len(pairs) > 1
    if carrying_headers > 1 or plain_and_chunked or len(authorizations) > 1:
        return Credentials(ambiguous=True)

    cookie_token = get_token_from_cookies(pairs)
    bearer_token = None
    if authorizations:
        scheme, param = get_authorization_scheme_param(authorizations[0])
        bearer_token = param if scheme.lower() == "bearer" and param else None
    if cookie_token and bearer_token and cookie_token != bearer_token:
        return Credentials(ambiguous=True)
    return Credentials(token=cookie_token or bearer_token)


def _pair(chunk: str) -> tuple[str, str]:
    # As Starlette's cookie_parser: "name=value", a bare value has an empty name, quotes unwrap.
    key, _, value = chunk.partition("=") if "=" in chunk else ("", "", chunk)
    return key.strip(), http_cookies._unquote(value.strip())  # type: ignore[attr-defined]
