"""The one way an admin action changes state: proposed, then confirmed by the admin's click.

A tool call or a typed command only *proposes*: ``propose`` checks the change, stores it
server-side with a single-use nonce made for this admin (and target), and returns the text saying
exactly what will change plus the button. Only the button's click handler calls ``confirm``,
which takes the browser's payload as a claim: the nonce must be live, made for the clicker, for
the target the payload names, and it is used up; the change run is the stored one, so nothing in
the payload can alter what happens. A model reading someone's hostile text can therefore ask,
but never act.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from assistant.workflows.admin_accounts import ACCOUNT_CHANGES
from assistant.workflows.admin_approvals import APPROVAL_CHANGES
from assistant.workflows.admin_change import AdminChange, Params
from assistant.workflows.admin_delete import DELETE_CHANGES
from assistant.workflows.admin_guard import AdminScope, admin_work
from assistant.workflows.admin_support import MODEL_CHANGES
from assistant.workflows.library_common import Mistake
from db.accounts import get_account
from db.admin import CONFIRMATION_LIFETIME, new_confirmation, use_confirmation
from documents.markdown_text import md_text

CONFIRM_BUTTON = "admin_confirm"  # the Chainlit action name of every confirmation button
CHANGES: dict[str, AdminChange] = {
    **ACCOUNT_CHANGES, **APPROVAL_CHANGES, **MODEL_CHANGES, **DELETE_CHANGES,
}
MINUTES = int(CONFIRMATION_LIFETIME.total_seconds() // 60)
PROPOSED = (
    "{what}\n\nNothing has changed yet. To go ahead, the administrator must click the button "
    "“{label}” (valid for {minutes} minutes); it cannot be confirmed in the chat."
)
STALE_BUTTON = (
    "This confirmation button is not valid any more (used, expired after {minutes} minutes, or "
    "not made for you), so nothing was changed. Ask again."
)


async def propose(
    scope: AdminScope, action: str, subject: str, **params: Any
) -> tuple[str, dict[str, Any]]:
    """Text saying what would change and the button that alone can make it happen."""
    change = CHANGES[action]
    async with admin_work(scope, f"request_{action}", subject.strip()) as work:
        target = await work.account(subject.strip()) if change.targets_account else None
        stored: Params = params if target else {**params, "subject": subject.strip()}
        await change.check(work, target, stored)
        name = target.username if target else subject.strip()
        nonce = await new_confirmation(
            work.session, work.actor.id, target.id if target else None, action, stored
        )
        await work.done(target=name)
    label = change.label(name, stored)
    button = {
        "action": CONFIRM_BUTTON,
        "payload": {"nonce": nonce, "target_id": str(target.id) if target else ""},
        "label": label,
    }
    # The button shows its label as plain text; the chat message renders Markdown.
    text = PROPOSED.format(
        what=change.describe(md_text(name), stored), label=md_text(label), minutes=MINUTES
    )
    return text, {"confirm": [button]}


def _payload_parts(payload: object) -> tuple[str, uuid.UUID | None] | None:
    if not isinstance(payload, Mapping):
        return None
    nonce, target = payload.get("nonce"), payload.get("target_id")
    if not isinstance(nonce, str) or not nonce or not isinstance(target, str):
        return None
    try:
        return nonce, uuid.UUID(target) if target else None
    except ValueError:
        return None


async def confirm(scope: AdminScope, payload: object) -> str:
    """Run the stored change behind a clicked button; the payload is the browser's claim."""
    parts = _payload_parts(payload)
    async with admin_work(scope, "confirm_admin_action") as work:
        row, target = None, None
        if parts is not None:
            nonce, target_id = parts
            target = await get_account(work.session, target_id) if target_id else None
            if target_id is None or target is not None:
                row = await use_confirmation(
                    work.session, nonce, work.actor.id, target.id if target else None
                )
        if row is None or row.action not in CHANGES:
            raise Mistake(STALE_BUTTON.format(minutes=MINUTES))
        work.action = row.action
        work.target = target.username if target else str(row.params.get("subject"))
        outcome = await CHANGES[row.action].apply(work, target, row.params)
    return outcome if isinstance(outcome, str) else await outcome()
