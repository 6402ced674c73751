"""What a state-changing admin action is made of, for ``admin_confirm`` to propose and run.

Kept apart from the registry so the modules that define changes need not import it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from assistant.workflows.admin_guard import AdminWork
from db.models import Account

Params = dict[str, Any]
# Work that must wait until the change is committed (an email saying it happened).
FollowUp = Callable[[], Awaitable[str]]
Check = Callable[[AdminWork, Account | None, Params], Awaitable[None]]
Apply = Callable[[AdminWork, Account | None, Params], Awaitable[str | FollowUp]]


@dataclass(frozen=True)
class AdminChange:
    """One kind of change. ``label`` and ``describe`` get the subject (the target's username,
    or ``params["subject"]`` when no account is targeted) and the stored params, so the button
    shows exactly what the click will do. ``check`` refuses a proposal early with a ``Mistake``;
    ``apply`` runs at the click, checks again, records the audit entry and returns the answer."""

    label: Callable[[str, Params], str]
    describe: Callable[[str, Params], str]
    check: Check
    apply: Apply
    targets_account: bool = True
