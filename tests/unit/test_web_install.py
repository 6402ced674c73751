"""What the app's HTTP surface offers before any request: no generated API documentation."""

from __future__ import annotations

from fastapi import FastAPI

from assistant import web


def all_paths(routes: list) -> set[str]:
    """Route paths, looking inside included routers (FastAPI keeps them as one entry)."""
    found: set[str] = set()
    for route in routes:
        if hasattr(route, "path"):
            found.add(route.path)
        inner = getattr(route, "original_router", None)
        if inner is not None:
            found |= all_paths(inner.routes)
    return found


def test_generated_api_docs_are_not_served() -> None:
    app = FastAPI()
    assert {"/openapi.json", "/docs"} <= all_paths(app.router.routes)
    web.install(app)
    paths = all_paths(app.router.routes)
    assert not paths & web.API_DOCS_PATHS
    assert {"/setup", "/files/{file_id}", "/account/password"} <= paths
