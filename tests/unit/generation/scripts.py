"""Replies for the scripted server that depend on what the engine asked (calls run concurrently,
so a queue in arrival order would not know which role it is answering)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from support.llm_script import RecordedRequest, Reply, message_text, structured

from documents.model import Role


def schema_name(request: RecordedRequest) -> str | None:
    if request.response_format:
        return request.response_format.get("json_schema", {}).get("name")
    return request.forced_tool


ROLE_SCHEMAS = ("TailoredRole", "TailoredBullets")  # with a summary to rewrite, and without


def role_block(request: RecordedRequest) -> str:
    return "\n".join(message_text(m) for m in request.messages if m.get("role") == "user")


def faithful_role(role: Role) -> dict[str, Any]:
    """A tailoring that only reorders and rephrases lightly: the well-behaved model."""
    lines = [*role.summary, *role.situation, *role.tasks]
    offset = len(role.summary) + len(role.situation)
    return {
        "summary": list(role.summary),
        "bullets": [f"[{offset + i}] {t}" for i, t in enumerate(role.tasks, 1)] if lines else [],
    }


def engine_rule(
    roles: Mapping[str, Reply | Callable[[], Reply]],
    banner: Reply | None = None,
) -> Callable[[RecordedRequest], Reply | None]:
    """Answer role calls by the company named in the role block, banner calls with `banner`."""

    def rule(request: RecordedRequest) -> Reply | None:
        name = schema_name(request)
        if name == "TailoredBanner":
            return banner or structured({"lines": ["[0] Platform engineer."]})
        if name in ROLE_SCHEMAS:
            block = role_block(request)
            for company, reply in roles.items():
                if f" at {company}," in block:
                    return reply() if callable(reply) else reply
        return None

    return rule


def faithful_rule(
    roles: tuple[Role, ...],
    overrides: Mapping[str, Reply | Callable[[], Reply]] | None = None,
    banner: Reply | None = None,
) -> Callable[[RecordedRequest], Reply | None]:
    """Every role answered faithfully except the companies in `overrides`."""
    replies: dict[str, Reply | Callable[[], Reply]] = {
        r.company: structured(faithful_role(r)) for r in roles
    }
    replies.update(overrides or {})
    return engine_rule(replies, banner)
