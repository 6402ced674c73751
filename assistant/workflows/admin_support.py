"""Support view, the instance default model and the audit log, for administrators.

The support view reads another person's resumes and documents through sessions whose
transactions PostgreSQL itself runs READ ONLY: whatever code is reached through that scope
(including any write tool), the database refuses to change a row.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.secrets import encrypt
from assistant.settings import Settings
from assistant.workflows.admin_guard import AdminScope, admin_work
from assistant.workflows.library_common import Mistake, Scope
from assistant.workflows.model_settings import check_base_url
from db.audit import recent
from db.llm_settings import KEEP, upsert_settings
from db.resumes import list_resumes
from db.versions import list_versions
from documents.markdown_text import md_code_block, md_text

SUPPORT_THREAD = "support-view"  # a thread id nobody chats in: the view never writes state
PREVIEW_CHARS = 1500


def read_only_sessions(
    sessions: async_sessionmaker[AsyncSession],
) -> async_sessionmaker[AsyncSession]:
    engine = sessions.kw["bind"]
    return async_sessionmaker(
        engine.execution_options(postgresql_readonly=True), expire_on_commit=False
    )


async def support_scope(scope: AdminScope, username: str) -> Scope:
    """A library scope over the person's data that cannot change anything (audited)."""
    async with admin_work(scope, "support_view", username) as work:
        target = await work.account(username)
        await work.done(target=target.username)
    return Scope(read_only_sessions(scope.sessions), target.id, SUPPORT_THREAD)


async def support_view(scope: AdminScope, username: str) -> str:
    """The person's resumes and generated documents, as text, for support."""
    view = await support_scope(scope, username)
    async with view.sessions.begin() as session:
        resumes = await list_resumes(session, view.owner_id)
        documents = await list_versions(session, view.owner_id)
    lines = [f"Read-only view of **{md_text(username.strip())}** (logged in the audit log)."]
    lines.append(f"\n{len(resumes)} resumes:")
    for resume in resumes:
        preview = resume.markdown[:PREVIEW_CHARS]
        more = " …(shortened)" if len(resume.markdown) > PREVIEW_CHARS else ""
        lines.append(f"\n#### {md_text(resume.name)} (updated {resume.updated_at:%Y-%m-%d})\n")
        lines.append(md_code_block(f"{preview}{more}", "markdown"))
    lines.append(f"\n{len(documents)} generated documents:")
    lines.extend(
        f"- v{d.version_number} {d.kind.replace('_', ' ')}, {d.created_at:%Y-%m-%d %H:%M}"
        + (f": “{md_text(d.instruction)}”" if d.instruction else "")
        for d in documents
    )
    return "\n".join(lines)


async def set_default_model(
    scope: AdminScope,
    settings: Settings,
    *,
    base_url: str | None,
    model: str,
    api_key: str | None,
) -> str:
    """The instance default; unlike personal settings it may point at a private address."""
    base_url = (base_url or "").strip() or None
    if not model.strip():
        raise Mistake("Name the model, e.g. `/defaultmodel http://localhost:11434/v1 llama3.1`.")
    async with admin_work(scope, "set_default_model", model.strip()) as work:
        if base_url is not None:
            await check_base_url(base_url, allow_private=True)
        # None keeps the stored key (commands never take a key in chat); "" removes it.
        key: bytes | None | object = KEEP
        if api_key is not None:
            key = encrypt(api_key.strip(), settings) if api_key.strip() else None
        await upsert_settings(
            work.session, None, base_url=base_url, model=model.strip(), encrypted_key=key
        )
        await work.done({"base_url": base_url, "key_changed": key is not KEEP})
    where = base_url or "the default OpenAI address"
    return (f"The instance default model is now **{md_text(model.strip())}** at "
            f"{md_text(where)}.")


async def audit_log(scope: AdminScope, limit: int = 20) -> str:
    async with admin_work(scope, "view_audit") as work:
        entries = await recent(work.session, limit)
        await work.done({"shown": len(entries)})
    if not entries:
        return "The audit log is empty."
    lines = [
        f"- {e.at:%Y-%m-%d %H:%M:%S} **{md_text(e.actor_name or '(deleted account)')}** "
        f"{md_text(e.action)}"
        + (f" → {md_text(e.target)}" if e.target else "")
        + f": {md_text(e.outcome)}"
        for e in entries
    ]
    return f"Latest {len(entries)} audit entries (newest first):\n" + "\n".join(lines)
