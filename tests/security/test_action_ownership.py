"""Every Chainlit action callback, pressed by someone else with the owner's ids.

In Chainlit 2.x the browser posts an action's payload itself (POST /project/action), so a
payload is a claim. The names come from `assistant.chat_actions.action_callbacks()`; each needs a
payload builder below, or the suite fails. Two intruders (an ordinary user and another
administrator) press every action with the victim's ids and with unknown ones: the answers must
be the same, show none of the victim's material, and change none of the victim's rows. Then the
owners press the same payloads with their own ids and get through, which proves the payloads
have the real shape (a misspelt key would be refused either way and prove nothing).
"""

from __future__ import annotations

import json
import secrets
import uuid
from collections.abc import Callable, Mapping
from typing import Any

import psycopg
import pytest
from e2e.client import ChatClient, create_first_admin, login_token
from e2e.fixtures import ADMIN, USER
from test_tools_library import RESUME_MD

from assistant.chat_actions import action_callbacks
from assistant.chat_artifacts import FORGED_ACTION
from assistant.chat_match_card import CARD_ACTIONS, FORGED_CARD
from db.accounts import create_account, get_account_by_username
from db.admin import new_confirmation
from db.engine import libpq_dsn
from db.jobs import create_job
from db.resumes import create_resume
from db.versions import create_version
from workflows.admin.confirm import CONFIRM_BUTTON
from workflows.admin.delete import DELETE_ACTION

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(180)]

Ids = Mapping[str, Any]
ATTACKER_MD = (RESUME_MD.replace("Mara Quillon", "Tobias Wren")
               .replace("mara.quillon@example.org", "tobias@example.org")
               .replace("Riverbend Logistics", "Northwind Freight"))
VICTIM_VERSION_MD = RESUME_MD.replace("Built the nightly", "Designed the nightly")
# Strings only the victim's rows hold; none may reach an intruder in any event.
MARKERS = ("Mara Quillon", "mara.quillon", "Riverbend", "Quillon Private CV", "Halvorsen")
# The canvas's decisions each get a newest version of their own (a decision makes the next
# version, which leaves the one it decided on stale); compare reads a second version.
CANVAS_KINDS = ("accept_version", "revert_version", "all_version", "other_version")
# The id kinds a payload can carry; other keys (resume_version) are plain values.
ID_KINDS = ("version", "resume", "nonce", "target", "job", *CANVAS_KINDS)
# The victim's changed bullet ("Built" became "Designed"), as the canvas names it.
CHANGED_BULLET = {"role": 0, "bullet": 0,
                  "text": "Designed the nightly Airflow pipelines that feed the billing warehouse"}
# A requirement both postings below ask for (the match card names requirements by this key).
AIRFLOW = "tool:apache airflow"


def _version(i: Ids) -> dict[str, Any]:
    return {"version_id": i["version"]}


# Action name -> the payload its button carries, built from the given ids. A new action must be
# added here (see chat_artifacts.action_buttons, chat_editor, resume_edit_confirm, admin_delete).
PAYLOADS: dict[str, Callable[[Ids], dict[str, Any]]] = {
    "download_pdf": _version,
    "download_docx": _version,
    "download_md": _version,
    "cover_letter": _version,
    "refine": _version,
    "edit_markdown": _version,
    "save_markdown": lambda i: {"version_id": i["version"], "markdown": ATTACKER_MD},
    # The document canvas (assistant/chat_canvas.py).
    "open_canvas": _version,
    "canvas_show": _version,
    "canvas_accept": lambda i: {"version_id": i["accept_version"], **CHANGED_BULLET},
    "canvas_revert": lambda i: {"version_id": i["revert_version"], **CHANGED_BULLET},
    "canvas_accept_all": lambda i: {"version_id": i["all_version"]},
    "canvas_compare": lambda i: {"version_id": i["version"], "other_id": i["other_version"]},
    # The match card's buttons: a job, a resume and one of that job's requirements.
    "match_have": lambda i: {"job_id": i["job"], "resume_id": i["resume"],
                             "requirement": AIRFLOW},
    "match_lack": lambda i: {"job_id": i["job"], "resume_id": i["resume"],
                             "requirement": AIRFLOW},
    "confirm_overwrite_resume": lambda i: {"version_id": i["version"], "resume_id": i["resume"],
                                           "resume_version": i["resume_version"]},
    # After the overwrite: the owners press these in this order, and this one deletes.
    "confirm_delete_resume": lambda i: {"resume_id": i["resume"], "with_versions": True},
    # Every admin change's button (roles, accounts, passwords, default model, approvals,
    # deletion): the victim's nonce here is another admin's deletion of carol.
    CONFIRM_BUTTON: lambda i: {"nonce": i["nonce"], "target_id": i["target"]},
}


def test_every_action_callback_has_a_forged_payload() -> None:
    names = set(action_callbacks())
    assert {"download_pdf", "save_markdown", CONFIRM_BUTTON} <= names
    missing = names - set(PAYLOADS)
    assert not missing, f"add a forged-payload builder to PAYLOADS for: {sorted(missing)}"
    assert not set(PAYLOADS) - names, "PAYLOADS names an action that no longer exists"


def _kinds(build: Callable[[Ids], dict[str, Any]]) -> list[str]:
    """The id kinds a builder reads (it is run once on a dict that records the lookups)."""
    read: list[str] = []

    class Recorder(dict):
        def __getitem__(self, key: str) -> str:
            read.append(key)
            return key

    build(Recorder())
    return [kind for kind in read if kind in ID_KINDS]


def _cases(build, victim: Ids, own: Ids, unknown: Ids) -> list[tuple[str, Ids, Ids]]:
    """(label, ids with the victim's, the same with unknown ones): all the victim's, and when
    the payload has several ids, each one alone among the intruder's own."""
    kinds = _kinds(build)
    cases = [("all the victim's", victim, unknown)]
    if len(kinds) > 1:
        for kind in kinds:
            cases.append((f"the victim's {kind}", {**own, kind: victim[kind]},
                          {**own, kind: unknown[kind]}))
    return cases


def _rows_of(url: str, *ids: uuid.UUID) -> list[str]:
    """Every row of every table that mentions one of these accounts, as text."""
    with psycopg.connect(libpq_dsn(url)) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")]
        return [row for table in tables for account in ids for row in sorted(
            r[0] for r in conn.execute(f'SELECT t::text FROM "{table}" t WHERE t::text LIKE %s',
                                       (f"%{account}%",)))]


def _blank(value: Any, *id_sets: Ids) -> str:
    text = json.dumps(value, sort_keys=True, default=str)
    for ids in id_sets:
        for kind in ID_KINDS:
            text = text.replace(str(ids[kind]), "<ID>")
    return text


async def _library(session, owner: uuid.UUID, markdown: str, tailored: str, name: str,
                   posting: str) -> dict[str, Any]:
    resume = await create_resume(session, owner, name=name, markdown=markdown,
                                 source_kind="paste")
    job = await create_job(session, owner, posting_text=posting, company=posting.split()[0])
    version = await create_version(session, owner, kind="resume", job_id=job.id,
                                   markdown=tailored,
                                   source_resume_id=resume.id)
    ids = {"resume": str(resume.id), "version": str(version.id),
           "resume_version": resume.version, "job": str(job.id)}
    for kind in CANVAS_KINDS:
        own_job = await create_job(session, owner, posting_text=posting,
                                   company=posting.split()[0])
        ids[kind] = str((await create_version(session, owner, kind="resume", job_id=own_job.id,
                                              markdown=tailored,
                                              source_resume_id=resume.id)).id)
    return ids


async def test_forged_actions_with_someone_elses_ids_are_refused_like_unknown_ones(
    start_server, in_database, migrated_db_url: str
) -> None:
    base = start_server().base_url
    create_first_admin(base, *ADMIN)
    password = "tangerine kettle marathon"

    async def setup(session) -> dict[str, Any]:
        alice = (await get_account_by_username(session, ADMIN[0])).id
        bob = (await create_account(session, *USER)).id
        carol = (await create_account(session, "carol", password)).id
        erin = (await create_account(session, "erin", password, roles=("user", "admin"))).id
        victim = await _library(session, carol, RESUME_MD, VICTIM_VERSION_MD, "Quillon Private CV",
                                "Halvorsen Maritime: Data Engineer, Airflow and dbt.")
        victim.update(nonce=await new_confirmation(session, erin, carol, DELETE_ACTION),
                      target=str(carol))
        owns = {}
        for who in (alice, bob):
            owns[who] = await _library(session, who, ATTACKER_MD, ATTACKER_MD, "Mine",
                                       "Northwind: Data Engineer, Airflow.")
        # Alice may delete bob; bob, not an admin, has no confirmation of his own.
        owns[alice].update(nonce=await new_confirmation(session, alice, bob, DELETE_ACTION),
                           target=str(bob))
        owns[bob].update(nonce=secrets.token_urlsafe(24), target=str(bob))
        return {"alice": alice, "bob": bob, "carol": carol, "erin": erin, "victim": victim,
                "owns": owns}

    made = await in_database(setup)
    victim = made["victim"]
    before = _rows_of(migrated_db_url, made["carol"], made["erin"])

    differing: list[str] = []
    leaking: list[str] = []
    tried = 0
    for who, credentials in (("bob", USER), ("alice", ADMIN)):
        intruder = ChatClient(base, login_token(base, *credentials))
        await intruder.connect()
        own = made["owns"][made[who]]
        for name, build in PAYLOADS.items():
            for label, stolen_ids, unknown_ids in _cases(build, victim, own, _unknown(victim)):
                answers = []
                for ids in (stolen_ids, unknown_ids):
                    since = len(intruder.events)
                    texts, response = await intruder.click(
                        {"name": name, "payload": build(ids), "label": name,
                         "id": str(uuid.uuid4())})
                    answers.append((texts, response, intruder.events[since:]))
                tried += 1
                (texts, response, events), (other_texts, other_response, _) = answers
                where = f"{who} presses {name} with {label}"
                if _blank([texts, response], stolen_ids, unknown_ids) != _blank(
                        [other_texts, other_response], stolen_ids, unknown_ids):
                    differing.append(f"{where}: {texts} {response} vs {other_texts} "
                                     f"{other_response}")
                if not (texts or response):
                    differing.append(f"{where}: no answer at all")
                shown = json.dumps(events, default=str)
                leaking += [f"{where}: {marker!r}" for marker in MARKERS if marker in shown]
        await intruder.close()
    assert not leaking, "the victim's material reached an intruder:\n" + "\n".join(leaking)
    assert not differing, "answers tell the victim's ids from unknown ones:\n" + "\n".join(
        differing)
    assert tried >= 2 * (len(PAYLOADS) + 4)
    assert _rows_of(migrated_db_url, made["carol"], made["erin"]) == before

    await _owners_get_through(base, password, victim)


def _unknown(victim: Ids) -> dict[str, Any]:
    return {**victim, "version": str(uuid.uuid4()), "resume": str(uuid.uuid4()),
            "nonce": secrets.token_urlsafe(24), "target": str(uuid.uuid4()),
            "job": str(uuid.uuid4()), **{kind: str(uuid.uuid4()) for kind in CANVAS_KINDS}}


async def _owners_get_through(base: str, password: str, victim: Ids) -> None:
    """The same builders with the owners' own sessions are not refused (the payloads are real).
    Destructive ones last: the overwrite, the resume's deletion, then carol's account's."""
    carol = ChatClient(base, login_token(base, "carol", password))
    await carol.connect()
    # Her own job and resume, but a requirement her job does not ask for: refused all the same.
    for name in CARD_ACTIONS:
        texts, response = await carol.click(
            {"name": name, "label": name, "id": str(uuid.uuid4()),
             "payload": {**PAYLOADS[name](victim), "requirement": "tool:kubernetes"}})
        assert (texts, response) == ([], {"ok": False, "message": FORGED_CARD}), (name, texts)
    order = [n for n in PAYLOADS if n != CONFIRM_BUTTON]
    refusals = {"That button does not match", "This editor does not belong", "out of date",
                FORGED_ACTION, "This canvas does not show", "not a change waiting",
                "no longer the newest", "already decided"}
    for name in order:
        texts, response = await carol.click(
            {"name": name, "payload": PAYLOADS[name](victim), "label": name,
             "id": str(uuid.uuid4())})
        answer = json.dumps([texts, response])
        assert (texts or response) and not any(r in answer for r in refusals), (name, answer)
    await carol.close()
    erin = ChatClient(base, login_token(base, "erin", password))
    await erin.connect()
    texts, _ = await erin.click({"name": CONFIRM_BUTTON, "label": "Delete carol",
                                 "payload": PAYLOADS[CONFIRM_BUTTON](victim),
                                 "id": str(uuid.uuid4())})
    assert texts and texts[-1].startswith("**carol** is deleted"), texts
    await erin.close()
