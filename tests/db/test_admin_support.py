"""The support view reads a person's data and cannot change it; the instance default model."""

from __future__ import annotations

import dataclasses

import psycopg
import pytest
from admin_clicks import set_default_model
from cryptography.fernet import Fernet
from pydantic import SecretStr
from sqlalchemy.exc import DBAPIError
from support.markdown_shown import as_read
from test_admin_accounts import new_admin
from test_tools_generation import POSTING, _ready, engine
from test_tools_library import RESUME_MD
from tool_harness import call

from core.errors import UserFacingError
from core.settings import Settings
from db.engine import libpq_dsn
from tools.analyze_job import analyze_job
from tools.create_resume import create_resume
from tools.delete_resume import delete_resume
from tools.duplicate_resume import duplicate_resume
from tools.edit_personal import edit_personal
from tools.edit_resume_item import edit_resume_item
from tools.export_document import export_document
from tools.import_resume import import_resume
from tools.promote_version import promote_version
from tools.refine_document import refine_document
from tools.remember_fact import remember_fact
from tools.rename_resume import rename_resume
from tools.save_job import save_job
from tools.set_export_options import set_export_options
from tools.set_inclusion import set_inclusion
from tools.set_primary_resume import set_primary_resume
from tools.tailor_resume import tailor_resume
from tools.undo_edit import undo_edit
from tools.use_resume import use_resume
from tools.write_cover_letter import write_cover_letter
from workflows.accounts.model_settings import resolve_connection, save_personal
from workflows.admin.guard import AdminRefused, AdminScope
from workflows.admin.support import support_scope, support_view

pytestmark = pytest.mark.db

# Every tool that writes, with arguments that would change something for the person.
WRITE_CALLS = [
    (import_resume, {"text": RESUME_MD}),
    (create_resume, {"name": "Sneaky", "markdown": RESUME_MD}),
    (use_resume, {"resume_id": "RESUME"}),
    (save_job, {"posting_text": POSTING, "company": "Evil Corp"}),
    (remember_fact, {"fact": "I invented Kubernetes"}),
    (set_inclusion, {"item": "role 1", "status": "omit"}),
    (analyze_job, {}),
    (tailor_resume, {}),
    (write_cover_letter, {}),
    (refine_document, {"instruction": "make it shorter"}),
    (export_document, {"format": "pdf"}),
    (edit_personal, {"changes": {"phone": "+1 555 0199"}}),
    (edit_resume_item, {"action": "remove", "kind": "role", "item": "1"}),
    (undo_edit, {}),
    (rename_resume, {"name": "Renamed", "resume_id": "RESUME"}),
    (duplicate_resume, {"name": "Copy", "resume_id": "RESUME"}),
    (delete_resume, {"resume_id": "RESUME", "with_versions": True}),
    (set_primary_resume, {"resume_id": "RESUME"}),
    (promote_version, {"version_id": "VERSION", "mode": "new", "name": "Promoted"}),
    (promote_version, {"version_id": "VERSION", "mode": "overwrite"}),
    (set_export_options, {"include_projects": False, "pdf_look": "modern"}),
]


def _snapshot(url: str) -> dict[str, list[str]]:
    """Every row of every table, as text."""
    with psycopg.connect(libpq_dsn(url)) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")]
        return {
            table: sorted(r[0] for r in conn.execute(f'SELECT t::text FROM "{table}" t'))
            for table in tables
        }


async def test_no_write_tool_changes_anything_through_the_support_view(
    session_factory, migrated_db_url: str, scripted_llm
) -> None:
    scripted_llm.add_rule(engine)
    owner, own_ctx = await _ready(session_factory, scripted_llm.base_url)
    await call(tailor_resume, own_ctx)  # a version to refine, export and promote
    await call(edit_personal, own_ctx, changes={"phone": "+1 555 0100"})  # an edit to undo
    admin = AdminScope(session_factory, await new_admin(session_factory))
    view = await support_scope(admin, "ada")
    # The admin's tools, pointed at ada's data and her conversation, through the view.
    ctx = dataclasses.replace(own_ctx, session_factory=view.sessions)
    async with session_factory() as session:
        from db.resumes import list_resumes
        from db.versions import list_versions

        [resume] = await list_resumes(session, owner)
        version = (await list_versions(session, owner))[0]
    stand_ins = {"RESUME": str(resume.id), "VERSION": str(version.id)}
    before = _snapshot(migrated_db_url)

    refused_by_database = []
    for tool, args in WRITE_CALLS:
        args = {k: stand_ins.get(v, v) if isinstance(v, str) else v for k, v in args.items()}
        try:
            await call(tool, ctx, **args)
        except DBAPIError as error:
            assert "read-only transaction" in str(error.orig)
            refused_by_database.append(tool.name)
        except UserFacingError:
            pass  # refused before any write; the snapshot below shows nothing changed
        assert _snapshot(migrated_db_url) == before, f"{tool.name} changed the database"
    # The database itself stopped the writes (not merely odd arguments).
    assert {"import_resume", "create_resume", "save_job", "remember_fact", "use_resume",
            "export_document", "edit_personal", "edit_resume_item", "undo_edit",
            "rename_resume", "duplicate_resume", "set_primary_resume", "promote_version",
            "set_export_options"} <= set(refused_by_database)
    # Ada's own connections (same pool) are not left read-only.
    await call(remember_fact, own_ctx, fact="I used Airflow at Riverbend")
    assert _snapshot(migrated_db_url)["confirmed_facts"] != before["confirmed_facts"]


async def test_support_view_shows_the_persons_material_and_is_audited(
    session_factory, scripted_llm
) -> None:
    scripted_llm.add_rule(engine)
    await _ready(session_factory, scripted_llm.base_url)
    admin = AdminScope(session_factory, await new_admin(session_factory))
    shown = await support_view(admin, "ada")
    assert "1 resumes:" in shown and "#### Main" in shown and "Mara Quillon" in shown
    from workflows.admin.support import audit_log

    assert "**root** support_view → ada: ok" in as_read(await audit_log(admin))
    with pytest.raises(AdminRefused):
        owner_scope = AdminScope(session_factory, (await _owner_id(session_factory, "ada")))
        await support_view(owner_scope, "root")


async def _owner_id(sessions, username: str):
    from db.accounts import get_account_by_username

    async with sessions() as session:
        return (await get_account_by_username(session, username)).id


async def test_only_the_instance_default_may_point_at_a_private_address(session_factory) -> None:
    settings = Settings(encryption_keys=SecretStr(Fernet.generate_key().decode()),
                        allow_private_model_urls=False, host="0.0.0.0")  # others reach it
    admin_id = await new_admin(session_factory)
    admin = AdminScope(session_factory, admin_id)
    async with session_factory.begin() as session:
        with pytest.raises(UserFacingError, match="points into a private network"):
            await save_personal(session, admin_id, "http://127.0.0.1:11434/v1", "llama3.1",
                                None, settings=settings)
    text = await set_default_model(admin, base_url="http://127.0.0.1:11434/v1",
                                   model="llama3.1")
    assert "**llama3.1** at `http://127.0.0.1:11434/v1`" in as_read(text)
    async with session_factory() as session:
        connection = await resolve_connection(session, admin_id, settings)
    assert connection is not None and connection.base_url == "http://127.0.0.1:11434/v1"
