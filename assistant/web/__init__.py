"""Tailor's own HTTP routes and middleware, attached to Chainlit's FastAPI app."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI

from assistant.web import (
    chainlit_auth,
    files,
    links,
    login,
    own_origin,
    ownership,
    password,
    reset,
    reveal,
    setup,
    sharing,
    signup,
)
from assistant.web.abandoned_polls import AbandonedPollGuard
from assistant.web.content_policy import ContentPolicy
from assistant.web.cross_origin import CrossOriginGuard, restrict_cors
from assistant.web.gate import AccessGate
from assistant.web.hosts import HostGuard
from assistant.web.live_sessions import SessionRouteGuard

API_DOCS_PATHS = frozenset({"/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"})


def install(app: FastAPI) -> None:
    """Add our routes in front of Chainlit's and the access gate around everything.

    Chainlit ends its routes with a catch-all ``GET /{full_path:path}`` and already owns
    ``POST /login`` and ``/project/translations``; routes appended after those would never be
    reached, so ours go to the front of the list.
    """
    # FastAPI's generated API docs would hand a visitor the map of every route; nobody needs it.
    app.router.routes[:] = [
        route for route in app.router.routes if getattr(route, "path", None) not in API_DOCS_PATHS
    ]
    router = APIRouter()
    modules = (setup, password, files, login, signup, reset, links, reveal, ownership, sharing)
    for module in (*modules, chainlit_auth):
        router.include_router(module.router)
    existing = len(app.router.routes)
    app.include_router(router)
    ours = app.router.routes[existing:]
    del app.router.routes[existing:]
    app.router.routes[0:0] = ours
    # Innermost first: the gate has already turned away ended sessions when the guard runs.
    app.add_middleware(SessionRouteGuard)
    app.add_middleware(AccessGate)
    app.add_middleware(AbandonedPollGuard)
    # Every answer, refusals of the guards above included, says what its page may load.
    app.add_middleware(ContentPolicy)
    # A request another site's page made is refused before anything acts on it.
    app.add_middleware(CrossOriginGuard)
    # Outermost, before any origin check: those trust the Host header this one vouches for.
    app.add_middleware(HostGuard)
    restrict_cors(app)
    chainlit_auth.guard_chainlit_sign_in()
    ownership.hide_other_peoples_threads()
    own_origin.serve_pages_from_own_origin()
