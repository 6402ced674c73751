"""Deleting an account: asked for by an admin (or their agent), confirmed only by a button click.

A model can ask for a deletion but cannot confirm it: the request makes a single-use nonce stored
server-side for this admin and this target and returns a button; only the click handler calls
``confirm_deletion``, which checks the payload against that row and the admin's role again.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from assistant.workflows.admin_accounts import keep_one_admin
from assistant.workflows.admin_guard import AdminScope, admin_work
from assistant.workflows.library_common import Mistake
from db.accounts import get_account
from db.admin import (
    CONFIRMATION_LIFETIME,
    delete_account_everywhere,
    new_confirmation,
    use_confirmation,
)
from documents.markdown_text import md_text

DELETE_ACTION = "delete_account"
DELETE_BUTTON = "admin_delete_account"  # the Chainlit action name of the confirmation button
STALE_BUTTON = (
    "This confirmation button is not valid any more (used, expired after {minutes} minutes, or "
    "not made for you), so nothing was deleted. Ask again with `/delete <username>`."
)


async def request_deletion(scope: AdminScope, username: str) -> tuple[str, dict[str, Any]]:
    """Text for the admin and an artifact carrying the confirmation button."""
    async with admin_work(scope, "request_delete_account", username) as work:
        target = await work.account(username)
        if target.id == work.actor.id:
            raise Mistake("You cannot delete your own account from the chat.")
        await keep_one_admin(work, target, "deleted")
        nonce = await new_confirmation(work.session, work.actor.id, target.id, DELETE_ACTION)
        await work.done(target=target.username)
    minutes = int(CONFIRMATION_LIFETIME.total_seconds() // 60)
    text = (
        f"Deleting **{md_text(target.username)}** removes their account, resumes, jobs, documents, "
        "conversations and files for good. To go ahead, the administrator must click the "
        f"button “Delete {md_text(target.username)}” (valid for {minutes} minutes); it cannot be "
        "confirmed in the chat."
    )
    button = {
        "action": DELETE_BUTTON,
        "payload": {"nonce": nonce, "target_id": str(target.id)},
        "label": f"Delete {target.username}",
    }
    return text, {"confirm": [button]}


def _payload_parts(payload: object) -> tuple[str, uuid.UUID] | None:
    if not isinstance(payload, Mapping):
        return None
    nonce = payload.get("nonce")
    try:
        target_id = uuid.UUID(str(payload.get("target_id")))
    except ValueError:
        return None
    return (nonce, target_id) if isinstance(nonce, str) and nonce else None


async def confirm_deletion(scope: AdminScope, payload: object) -> str:
    """Run a deletion whose button was clicked; the payload is the browser's claim, checked."""
    minutes = int(CONFIRMATION_LIFETIME.total_seconds() // 60)
    parts = _payload_parts(payload)
    async with admin_work(scope, DELETE_ACTION) as work:
        target = await get_account(work.session, parts[1]) if parts else None
        if parts is None or target is None or not await use_confirmation(
            work.session, parts[0], work.actor.id, target.id, DELETE_ACTION
        ):
            raise Mistake(STALE_BUTTON.format(minutes=minutes))
        await keep_one_admin(work, target, "deleted")
        name = target.username
        threads = await delete_account_everywhere(work.session, target)
        await work.done({"threads": threads}, target=name)
    return f"**{md_text(name)}** is deleted, with everything of theirs ({threads} conversations)."
