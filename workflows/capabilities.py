"""Every capability once: its name, the role it needs, whether it changes state, its function.

A capability is something a person can do through a slash command, through the agent's tool,
or both. The Chainlit layer builds the command list, `/help` and the command menu from this
table (`assistant/commands.py`), `tools/__init__.py` builds the tool list and the role split from
it, and the security matrices read it. A new command or tool gets one row here (see
CONTRIBUTING.md); `tests/unit/test_capabilities.py` fails on a tool or command without one.

A command's handler runs over a workflow: an admin command's over an ``AdminScope`` (the admin
workflows read the role from the database again), everyone's over a library ``Scope``. A command
without a handler is answered by the Chainlit layer itself (`/settings`, `/help`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from core.roles import ADMIN, USER
from workflows.admin import commands as admin
from workflows.admin.accounts import show_account
from workflows.admin.proposals import force_password_change, request_deletion, reset_password
from workflows.admin.signup_queue import approve_command
from workflows.admin.support import support_view
from workflows.applications.commands import jobs_command, sent_command, status_command
from workflows.library.export import export_command
from workflows.library.resumes import resume_listing
from workflows.library.versions import version_listing

Outcome = str | tuple[str, dict[str, Any]]
# (scope, the text after the command name) -> the reply; the scope is an AdminScope for an admin
# command and a library Scope otherwise.
CommandHandler = Callable[[Any, str], Awaitable[Outcome]]


@dataclass(frozen=True)
class CommandSpec:
    name: str
    description: str
    icon: str  # a lucide icon name, shown in Chainlit's command menu
    run: CommandHandler | None = None  # None: a UI-only command the Chainlit layer answers


@dataclass(frozen=True)
class Capability:
    role: str
    changes_state: bool
    commands: tuple[CommandSpec, ...] = ()
    tool: str | None = None  # the agent tool's name (tools/<name>.py)

    @property
    def name(self) -> str:
        return self.tool or self.commands[0].name


def _tool(name: str, role: str = USER, *, changes_state: bool) -> Capability:
    return Capability(role, changes_state, tool=name)


def _no_argument(listing: Callable[[Any], Awaitable[str]]) -> CommandHandler:
    """A listing takes no argument; text typed after its command name is ignored, as always."""

    async def run(scope: Any, argument: str) -> Outcome:
        return await listing(scope)

    return run


def _on_account(name: str, work: Callable[..., Awaitable[Outcome]]) -> CommandHandler:
    return admin.on_account(work, f"/{name} <username>")


# The order is the order of `/help`, the command menu and the tools offered to the model.
CAPABILITIES: tuple[Capability, ...] = (
    _tool("import_resume", changes_state=True),
    _tool("create_resume", changes_state=True),
    Capability(USER, False, (CommandSpec("resumes", "list your resumes", "file-text",
                                         _no_argument(resume_listing)),), tool="list_resumes"),
    Capability(USER, False, (CommandSpec(
        "jobs", "your applications by status, or one in full: `/jobs [company]`", "briefcase",
        jobs_command),), tool="list_jobs"),
    _tool("use_resume", changes_state=True),
    _tool("save_job", changes_state=True),
    _tool("edit_job", changes_state=True),
    Capability(USER, True, (CommandSpec(
        "status", "record where an application stands: `/status applied Acme[: note]`",
        "list-checks", status_command),), tool="set_job_status"),
    Capability(USER, False, (CommandSpec(
        "sent", "the files that went with an application: `/sent Acme`", "send",
        sent_command),), tool="sent_documents"),
    _tool("analyze_job", changes_state=True),
    _tool("match_report", changes_state=False),
    _tool("tailor_resume", changes_state=True),
    _tool("write_cover_letter", changes_state=True),
    _tool("refine_document", changes_state=True),
    Capability(USER, False, (CommandSpec("versions", "list every generated version, by job",
                                         "history", _no_argument(version_listing)),),
               tool="show_versions"),
    _tool("compare_versions", changes_state=False),
    _tool("set_inclusion", changes_state=True),
    Capability(USER, True, (CommandSpec(
        "export", "download the newest version (or `resume`): `/export pdf|docx|md|json`",
        "download", export_command),), tool="export_document"),
    Capability(USER, False, (CommandSpec("settings", "show and change your model settings",
                                         "settings"),)),
    Capability(USER, False, (CommandSpec("help", "list the commands you can use",
                                         "circle-help"),)),
    _tool("remember_fact", changes_state=True),
    Capability(ADMIN, True, (CommandSpec(
        "approve", "list sign-ups waiting for approval, or approve one: `/approve <username>`",
        "user-check", approve_command),)),
    Capability(ADMIN, False, (CommandSpec("accounts", "list every account (admin)", "users",
                                          admin.accounts),), tool="admin_list_accounts"),
    Capability(ADMIN, False, (CommandSpec(
        "account", "show one account: `/account <username>` (admin)", "user",
        _on_account("account", show_account)),), tool="admin_show_account"),
    Capability(ADMIN, True, (CommandSpec(
        "adduser", "create an account: `/adduser <username> [admin]` (admin)", "user-plus",
        admin.add_user),), tool="admin_create_account"),
    Capability(ADMIN, True, (
        CommandSpec("disable", "disable an account: `/disable <username>` (admin)", "user-x",
                    admin.disable),
        CommandSpec("enable", "enable an account again: `/enable <username>` (admin)",
                    "user-check", admin.enable),
    ), tool="admin_set_account_active"),
    Capability(ADMIN, True, (CommandSpec(
        "delete", "delete an account and all its data: `/delete <username>` (admin)", "trash-2",
        _on_account("delete", request_deletion)),), tool="admin_delete_account"),
    Capability(ADMIN, True, (CommandSpec(
        "resetpassword", "give an account a temporary password (admin)", "key-round",
        _on_account("resetpassword", reset_password)),), tool="admin_reset_password"),
    Capability(ADMIN, True, (CommandSpec(
        "forcepassword", "make someone choose a new password (admin)", "lock",
        _on_account("forcepassword", force_password_change)),),
        tool="admin_force_password_change"),
    Capability(ADMIN, True, (
        CommandSpec("grantadmin", "make an account an administrator (admin)", "shield-plus",
                    admin.grant_admin),
        CommandSpec("revokeadmin", "remove the administrator role (admin)", "shield-minus",
                    admin.revoke_admin),
    ), tool="admin_set_admin_role"),
    Capability(ADMIN, False, (CommandSpec(
        "support", "read someone's resumes and documents, read-only (admin)", "eye",
        _on_account("support", support_view)),), tool="admin_support_view"),
    Capability(ADMIN, True, (CommandSpec(
        "defaultmodel", "set the instance default model (admin)", "cpu",
        admin.default_model),), tool="admin_set_default_model"),
    Capability(ADMIN, False, (CommandSpec(
        "audit", "show recent audit log entries: `/audit [count]` (admin)", "scroll-text",
        admin.audit),), tool="admin_audit_log"),
    _tool("show_resume", changes_state=False),
    _tool("edit_personal", changes_state=True),
    _tool("edit_resume_item", changes_state=True),
    _tool("undo_edit", changes_state=True),
    _tool("rename_resume", changes_state=True),
    _tool("duplicate_resume", changes_state=True),
    _tool("delete_resume", changes_state=True),
    _tool("set_primary_resume", changes_state=True),
    _tool("promote_version", changes_state=True),
    _tool("set_export_options", changes_state=True),
)

# Views of the table, for the layers above and the security matrices.
TOOL_NAMES: list[str] = [c.tool for c in CAPABILITIES if c.tool]
ADMIN_TOOL_NAMES: frozenset[str] = frozenset(
    c.tool for c in CAPABILITIES if c.tool and c.role == ADMIN
)
STATE_CHANGING_ADMIN_TOOLS: frozenset[str] = frozenset(
    c.tool for c in CAPABILITIES if c.tool and c.role == ADMIN and c.changes_state
)
COMMAND_ROLES: dict[str, str] = {s.name: c.role for c in CAPABILITIES for s in c.commands}
COMMAND_SPECS: list[CommandSpec] = [s for c in CAPABILITIES for s in c.commands]
ADMIN_COMMANDS: dict[str, CommandSpec] = {
    s.name: s for c in CAPABILITIES if c.role == ADMIN for s in c.commands
}
STATE_CHANGING_ADMIN_COMMANDS: frozenset[str] = frozenset(
    s.name for c in CAPABILITIES if c.role == ADMIN and c.changes_state for s in c.commands
)
