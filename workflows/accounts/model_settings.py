"""Which model a person talks to: their own settings, else the instance default, else the env.

Keys are encrypted before they are stored and decrypted only into a `ModelConnection`; nothing
here returns or logs a key. A per-person base URL may not point into the instance's own network
(loopback, private, link-local) unless the administrator allowed it: it would let anyone make the
server send requests to internal services. Loopback alone is allowed on an instance only its own
machine can reach (``Settings.personal_loopback_allowed``): whoever uses it already has the machine.
"""

from __future__ import annotations

import asyncio
import math
import socket
import uuid
from typing import Any
from urllib.parse import urlsplit

from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import UserFacingError
from core.secrets import decrypt, encrypt
from core.settings import Settings, get_settings
from db.llm_settings import KEEP, instance_default, personal_settings, upsert_settings
from db.models import LlmSettings
from llm.outbound import first_private
from llm.reply_limits import ReplyLimits
from llm.structured import ModelConnection


async def resolve_connection(
    session: AsyncSession, account_id: uuid.UUID, settings: Settings
) -> ModelConnection | None:
    """The connection for this person, or None when no model is configured anywhere."""
    personal = await personal_settings(session, account_id)
    if personal is not None and personal.model:
        return connection_for(personal, None, settings)
    return connection_for(None, await instance_default(session), settings)


def connection_for(
    personal: LlmSettings | None, default: LlmSettings | None, settings: Settings
) -> ModelConnection | None:
    """The rules of ``resolve_connection`` on rows already read: the person's row when it names
    a model, else the instance default's, else the environment's, else None."""
    if personal is not None and personal.model:
        return _connection_from_row(
            personal, settings, settings.allow_private_model_urls,
            loopback_allowed=settings.personal_loopback_allowed,
        )
    if default is not None and default.model:
        return _connection_from_row(default, settings, private_allowed=True)
    if settings.model_name:
        return ModelConnection(
            base_url=settings.openai_base_url,
            api_key=settings.openai_api_key,
            model=settings.model_name,
            timeout_s=settings.model_timeout_s,
            limits=reply_limits(settings),
        )
    return None


def reply_limits(settings: Settings) -> ReplyLimits:
    return ReplyLimits(
        reply_max_kb=settings.model_reply_max_kb,
        argument_max_kb=settings.model_tool_argument_max_kb,
        max_events=settings.model_reply_max_events,
        wire_max_mb=settings.model_reply_max_wire_mb,
    )


def _connection_from_row(
    row: LlmSettings, settings: Settings, private_allowed: bool, *, loopback_allowed: bool = False
) -> ModelConnection:
    key = SecretStr(decrypt(row.encrypted_key, settings)) if row.encrypted_key else None
    return ModelConnection(
        base_url=row.base_url,
        api_key=key,
        model=row.model or "",
        timeout_s=row.timeout_s or settings.model_timeout_s,
        private_allowed=private_allowed,
        loopback_allowed=loopback_allowed,
        limits=reply_limits(settings),
    )


async def save_personal(
    session: AsyncSession,
    account_id: uuid.UUID,
    base_url: str | None,
    model: str | None,
    api_key: str | None,
    *,
    timeout_s: float | None = None,
    settings: Settings | None = None,
) -> None:
    """Store the person's model settings. ``api_key`` None keeps the stored key; "" removes it.

    Raises UserFacingError for a base URL that is malformed, unresolvable or (unless allowed)
    inside the instance's network, and for a timeout that is not a number of seconds in range
    (NaN and infinity included: the client would wait forever).
    """
    settings = settings or get_settings()
    base_url = (base_url or "").strip() or None
    model = (model or "").strip() or None
    if base_url is not None:
        await check_base_url(
            base_url, allow_private=settings.allow_private_model_urls,
            allow_loopback=settings.personal_loopback_allowed,
        )
    if timeout_s is not None and not (
        math.isfinite(timeout_s) and MIN_TIMEOUT_S <= timeout_s <= settings.model_timeout_max_s
    ):
        raise UserFacingError(timeout_rule(settings))
    key: bytes | None | object = KEEP
    if api_key is not None:
        key = encrypt(api_key.strip(), settings) if api_key.strip() else None
    await upsert_settings(
        session, account_id, base_url=base_url, model=model, encrypted_key=key,
        timeout_s=timeout_s,
    )


MIN_TIMEOUT_S = 1.0


def timeout_rule(settings: Settings) -> str:
    return (f"The timeout must be a number of seconds from {MIN_TIMEOUT_S:g} to "
            f"{settings.model_timeout_max_s:g}, e.g. 120.")


async def describe_personal(session: AsyncSession, account_id: uuid.UUID) -> dict[str, Any]:
    """What the settings panel shows: everything except the key, which is only `key_set`."""
    row = await personal_settings(session, account_id)
    if row is None:
        return {"base_url": None, "model": None, "key_set": False, "timeout_s": None}
    return {
        "base_url": row.base_url,
        "model": row.model,
        "key_set": row.encrypted_key is not None,
        "timeout_s": row.timeout_s,
    }


async def check_base_url(
    base_url: str, *, allow_private: bool, allow_loopback: bool = False
) -> None:
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UserFacingError(
            f"The base URL '{base_url}' is not an http(s) address. Enter something like "
            "https://api.example.com/v1 or http://localhost:11434/v1."
        )
    if allow_private:
        return
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(
            parts.hostname, parts.port or (443 if parts.scheme == "https" else 80),
            type=socket.SOCK_STREAM,
        )
    except socket.gaierror as exc:
        raise UserFacingError(
            f"The host '{parts.hostname}' in the base URL cannot be found. Check the address."
        ) from exc
    address = first_private(
        (str(info[4][0]) for info in infos), loopback_allowed=allow_loopback
    )
    if address is not None:
        raise UserFacingError(
            f"The base URL '{base_url}' points into a private network ({address}), which "
            "personal settings may not reach. Ask your administrator to set the model for "
            "the instance, or to allow private model addresses."
        )
