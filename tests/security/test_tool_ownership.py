"""A second person using the first person's ids, through every tool in the registry.

The cases come from `tools.ALL_TOOLS`: every argument that names an id is filled with the owner's
real id and with an unknown one. The answers must be the same text (ids blanked), so a tool that
forgets the owner check, or that answers "not yours" instead of "not found", fails here.
"""

from __future__ import annotations

import uuid
from typing import Any

import psycopg
import pytest
from langchain_core.tools import BaseTool
from test_tools_generation import POSTING, engine
from test_tools_library import RESUME_MD
from tool_harness import call, context, new_account

from db.engine import libpq_dsn
from db.files import store_file
from db.jobs import list_jobs
from db.resumes import list_resumes
from tools import ADMIN_TOOL_NAMES, ALL_TOOLS
from tools.export_document import export_document
from tools.import_resume import import_resume
from tools.save_job import save_job
from tools.set_job_status import set_job_status
from tools.tailor_resume import tailor_resume
from tools.write_cover_letter import write_cover_letter

pytestmark = pytest.mark.db

# What each id argument names; a new id argument must be added here (and so get attacked).
ID_KINDS = {
    "resume_id": "resume", "job_id": "job", "version_id": "version", "first_id": "version",
    "second_id": "version", "draft_id": "draft", "file_id": "file",
}
# Plausible values for the other required arguments, so the call reaches the id check.
OTHER_ARGUMENTS: dict[str, Any] = {
    "instruction": "make it shorter", "format": "pdf", "item": "role 1", "status": "omit",
    "changes": {"email": "someone@example.org"}, "action": "change", "kind": "role",
    "name": "Copy", "mode": "new", "fact": "I used Airflow", "new_status": "applied",
}
OWNER_SECRETS = ("Mara Quillon", "mara.quillon@example.org", "Riverbend")
OTHER_RESUME = (RESUME_MD.replace("Mara Quillon", "Tobias Wren")
                .replace("mara.quillon@example.org", "tobias@example.org")
                .replace("Riverbend Logistics", "Northwind Freight"))


def _id_arguments(tool: BaseTool) -> list[str]:
    properties = tool.tool_call_schema.model_json_schema().get("properties", {})
    return [name for name in properties if name.endswith("_id")]


def _required(tool: BaseTool) -> list[str]:
    return tool.tool_call_schema.model_json_schema().get("required", [])


PERSONAL_TOOLS_WITH_IDS = [
    tool for tool in ALL_TOOLS if tool.name not in ADMIN_TOOL_NAMES and _id_arguments(tool)
]


def test_every_id_argument_in_the_registry_is_attacked() -> None:
    unknown = {f"{tool.name}.{arg}" for tool in ALL_TOOLS for arg in _id_arguments(tool)
               if arg not in ID_KINDS}
    assert not unknown, f"add these id arguments to ID_KINDS so they are attacked: {unknown}"
    missing = {f"{tool.name}.{arg}" for tool in PERSONAL_TOOLS_WITH_IDS
               for arg in _required(tool) if arg not in ID_KINDS and arg not in OTHER_ARGUMENTS}
    assert not missing, f"add a plausible value to OTHER_ARGUMENTS for: {missing}"
    # The registry really has tools of each kind (a rename would otherwise empty the matrix).
    assert len(PERSONAL_TOOLS_WITH_IDS) >= 15


async def _owner_with_everything(sessions, base_url: str) -> tuple[uuid.UUID, dict[str, str]]:
    owner = await new_account(sessions, "ada")
    ctx = context(sessions, owner, model_url=base_url)
    draft = (await call(import_resume, ctx, text=RESUME_MD)).content.split()[1]
    await call(import_resume, ctx, draft_id=draft, name="Main")
    pending_draft = (await call(import_resume, ctx, text=RESUME_MD)).content.split()[1]
    await call(save_job, ctx, posting_text=POSTING, company="Riverbend Logistics",
               title="Data Engineer")
    version = (await call(tailor_resume, ctx)).artifact["version_id"]
    await call(write_cover_letter, ctx)
    # An application with its sent file, which sent_documents must not hand to anyone else.
    await call(export_document, ctx, format="markdown", version_id=version)
    await call(set_job_status, ctx, new_status="applied", note="Riverbend referral")
    async with sessions.begin() as session:
        [resume] = await list_resumes(session, owner)
        [job] = await list_jobs(session, owner)
        stored = await store_file(session, owner, name="resume.md", mime="text/markdown",
                                  content=RESUME_MD.encode())
    ids = {"resume": str(resume.id), "job": str(job.id), "version": version,
           "draft": pending_draft, "file": str(stored.id)}
    return owner, ids


def _rows_of(url: str, account_id: uuid.UUID) -> list[str]:
    """Every row in every table that mentions the account, as text."""
    with psycopg.connect(libpq_dsn(url)) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")]
        rows: list[str] = []
        for table in tables:
            rows += sorted(r[0] for r in conn.execute(
                f'SELECT t::text FROM "{table}" t WHERE t::text LIKE %s', (f"%{account_id}%",)))
        return rows


def _blank(text: str, *ids: str) -> str:
    for value in ids:
        text = text.replace(value, "<ID>")
    return text


async def test_another_persons_ids_are_refused_like_unknown_ones(
    session_factory, migrated_db_url: str, scripted_llm
) -> None:
    scripted_llm.add_rule(engine)
    owner, owned = await _owner_with_everything(session_factory, scripted_llm.base_url)
    intruder = await new_account(session_factory, "mallory")
    ctx = context(session_factory, intruder, model_url=scripted_llm.base_url,
                  thread_id="mallory-thread")
    # Mallory has her own resume and job, so no tool stops early for lack of material.
    draft = (await call(import_resume, ctx, text=OTHER_RESUME)).content.split()[1]
    await call(import_resume, ctx, draft_id=draft, name="Mine")
    await call(save_job, ctx, posting_text=POSTING.replace("Riverbend Logistics", "Northwind"),
               company="Northwind", title="Data Engineer")
    owners_rows = _rows_of(migrated_db_url, owner)

    differing: list[str] = []
    leaking: list[str] = []
    tried = 0
    for tool in PERSONAL_TOOLS_WITH_IDS:
        base_args = {arg: OTHER_ARGUMENTS[arg] for arg in _required(tool)
                     if arg in OTHER_ARGUMENTS}
        for arg in _id_arguments(tool):
            unknown, filler = str(uuid.uuid4()), str(uuid.uuid4())
            others = {a: filler for a in _id_arguments(tool) if a in _required(tool) and a != arg}
            stolen = owned[ID_KINDS[arg]]
            with_stolen = (await call(tool, ctx, **base_args, **others, **{arg: stolen})).content
            with_unknown = (await call(tool, ctx, **base_args, **others, **{arg: unknown})).content
            tried += 1
            if _blank(str(with_stolen), stolen) != _blank(str(with_unknown), unknown):
                differing.append(f"{tool.name}({arg}): {with_stolen!r} vs {with_unknown!r}")
            if any(secret in str(with_stolen) for secret in OWNER_SECRETS):
                leaking.append(f"{tool.name}({arg}): {with_stolen!r}")
    assert not leaking, "the owner's material reached the intruder:\n" + "\n".join(leaking)
    assert not differing, "answers reveal that the id exists:\n" + "\n".join(differing)
    assert tried >= 20
    # Nothing of the owner's changed, however the intruder's calls were worded.
    assert _rows_of(migrated_db_url, owner) == owners_rows
