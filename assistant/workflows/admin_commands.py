"""The admin slash commands' arguments, parsed into admin workflow calls.

Each function takes the acting scope and the text after the command name, and returns the text
to show. A command that changes state only proposes the change: it returns the confirmation
button's artifact too, and only the administrator's click on it changes anything (exactly as when
the model proposes it). The role is checked inside the workflows, not here.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from assistant.workflows.admin_accounts import list_accounts, show_account
from assistant.workflows.admin_guard import AdminScope
from assistant.workflows.admin_proposals import (
    create_user,
    force_password_change,
    request_deletion,
    reset_password,
    set_account_active,
    set_admin_role,
    set_default_model,
)
from assistant.workflows.admin_support import audit_log, support_view
from assistant.workflows.library_common import Mistake

Outcome = str | tuple[str, dict[str, Any]]
AdminCommand = Callable[[AdminScope, str], Awaitable[Outcome]]
MAX_AUDIT_ENTRIES = 100


def _username(argument: str, usage: str) -> str:
    words = argument.split()
    if len(words) != 1:
        raise Mistake(f"Name one account: `{usage}`. `/accounts` lists them.")
    return words[0]


def on_account(work: Callable[[AdminScope, str], Awaitable[Outcome]], usage: str) -> AdminCommand:
    async def run(scope: AdminScope, argument: str) -> Outcome:
        return await work(scope, _username(argument, usage))

    return run


async def accounts(scope: AdminScope, argument: str) -> Outcome:
    return await list_accounts(scope)


async def add_user(scope: AdminScope, argument: str) -> Outcome:
    words = argument.split()
    if not 1 <= len(words) <= 2 or (len(words) == 2 and words[1].lower() != "admin"):
        raise Mistake("Use `/adduser <username>`, or `/adduser <username> admin`.")
    return await create_user(scope, words[0], admin=len(words) == 2)


async def disable(scope: AdminScope, argument: str) -> Outcome:
    return await set_account_active(scope, _username(argument, "/disable <username>"), False)


async def enable(scope: AdminScope, argument: str) -> Outcome:
    return await set_account_active(scope, _username(argument, "/enable <username>"), True)


async def grant_admin(scope: AdminScope, argument: str) -> Outcome:
    return await set_admin_role(scope, _username(argument, "/grantadmin <username>"), True)


async def revoke_admin(scope: AdminScope, argument: str) -> Outcome:
    return await set_admin_role(scope, _username(argument, "/revokeadmin <username>"), False)


async def default_model(scope: AdminScope, argument: str) -> Outcome:
    words = argument.split()
    if len(words) not in (1, 2):
        raise Mistake(
            "Use `/defaultmodel <model>` or `/defaultmodel <base URL> <model>`, e.g. "
            "`/defaultmodel http://localhost:11434/v1 llama3.1`. A stored API key is kept."
        )
    base_url, model = (None, words[0]) if len(words) == 1 else (words[0], words[1])
    return await set_default_model(scope, base_url=base_url, model=model)


async def audit(scope: AdminScope, argument: str) -> Outcome:
    text = argument.strip()
    limit = min(int(text), MAX_AUDIT_ENTRIES) if text.isdigit() and int(text) > 0 else 20
    return await audit_log(scope, limit)


ADMIN_COMMANDS: dict[str, tuple[str, str, AdminCommand]] = {
    # name: (description, lucide icon, handler)
    "accounts": ("list every account (admin)", "users", accounts),
    "account": ("show one account: `/account <username>` (admin)", "user",
                on_account(show_account, "/account <username>")),
    "adduser": ("create an account: `/adduser <username> [admin]` (admin)", "user-plus",
                add_user),
    "disable": ("disable an account: `/disable <username>` (admin)", "user-x", disable),
    "enable": ("enable an account again: `/enable <username>` (admin)", "user-check", enable),
    "delete": ("delete an account and all its data: `/delete <username>` (admin)", "trash-2",
               on_account(request_deletion, "/delete <username>")),
    "resetpassword": ("give an account a temporary password (admin)", "key-round",
                      on_account(reset_password, "/resetpassword <username>")),
    "forcepassword": ("make someone choose a new password (admin)", "lock",
                      on_account(force_password_change, "/forcepassword <username>")),
    "grantadmin": ("make an account an administrator (admin)", "shield-plus", grant_admin),
    "revokeadmin": ("remove the administrator role (admin)", "shield-minus", revoke_admin),
    "support": ("read someone's resumes and documents, read-only (admin)", "eye",
                on_account(support_view, "/support <username>")),
    "defaultmodel": ("set the instance default model (admin)", "cpu", default_model),
    "audit": ("show recent audit log entries: `/audit [count]` (admin)", "scroll-text", audit),
}
