"""Deleting an account and everything of theirs: an ``AdminChange``, run only by a click.

Like every state-changing admin action it goes through ``admin_confirm``: a tool or command
proposes it, the administrator's click on the confirmation button runs it.
"""

from __future__ import annotations

from assistant.workflows.admin_accounts import keep_one_admin
from assistant.workflows.admin_change import AdminChange, Params
from assistant.workflows.admin_guard import AdminWork
from assistant.workflows.library_common import Mistake
from db.admin import delete_account_everywhere
from db.models import Account
from documents.markdown_text import md_text

DELETE_ACTION = "delete_account"


async def _may_delete(work: AdminWork, target: Account | None, params: Params) -> None:
    assert target is not None
    if target.id == work.actor.id:
        raise Mistake("You cannot delete your own account from the chat.")
    await keep_one_admin(work, target, "deleted")


async def _delete(work: AdminWork, target: Account | None, params: Params) -> str:
    assert target is not None
    await _may_delete(work, target, params)
    name = target.username
    threads = await delete_account_everywhere(work.session, target)
    await work.done({"threads": threads}, target=name)
    return f"**{md_text(name)}** is deleted, with everything of theirs ({threads} conversations)."


DELETE_CHANGES = {
    DELETE_ACTION: AdminChange(
        label=lambda name, p: f"Delete {name}",
        describe=lambda name, p: (
            f"Deleting **{name}** removes their account, resumes, jobs, documents, "
            "conversations and files for good."
        ),
        check=_may_delete,
        apply=_delete,
    ),
}
