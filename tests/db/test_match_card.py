"""The match card's data and its buttons' check, on real PostgreSQL.

The card carries the engine's own report (score, parts, proof lines with the item around them,
the posting's words for every requirement); a button is honoured only for the person's own job
and resume and a requirement that job asks for.
"""

from __future__ import annotations

import uuid

import pytest
from test_tools_generation import POSTING
from test_tools_library import RESUME_MD
from tool_harness import call, context, new_account

from documents import load_resume
from engine.requirements import extract_requirements
from engine.scoring import score_match
from tools.import_resume import import_resume
from tools.match_report import match_report
from tools.save_job import save_job
from workflows.generation.match_card import card_requirement

pytestmark = pytest.mark.db


async def _ready(sessions, name: str):
    owner = await new_account(sessions, name)
    ctx = context(sessions, owner, thread_id=f"thread-{name}")
    draft = (await call(import_resume, ctx, text=RESUME_MD)).content
    await call(import_resume, ctx, draft_id=draft.split()[1], name="Main")
    await call(save_job, ctx, posting_text=POSTING, company="Riverbend", title="Data Engineer")
    return ctx


async def test_the_card_carries_the_engines_report_and_the_postings_words(
    session_factory,
) -> None:
    ctx = await _ready(session_factory, "ada")
    result = await call(match_report, ctx)
    card = result.artifact["match_card"]
    engine = score_match(load_resume(RESUME_MD), extract_requirements(POSTING))

    assert card["score"] == engine.score
    assert card["application"] == "saved"  # the tracker's status of this job
    assert [(p["part"], p["earned"], p["possible"]) for p in card["parts"]] == list(engine.parts)
    assert str(engine.score) not in result.content  # the model points at the card instead
    airflow = next(m for m in card["matched"] if m["text"] == "Apache Airflow")
    proof = airflow["evidence"][0]
    assert proof["line"] == "Built the nightly Airflow pipelines that feed the billing warehouse"
    assert proof["item"] == "Data Engineer at Riverbend Logistics"
    assert "Cut dashboard load time by 40% with dbt incremental models" in proof["context"]
    [span] = airflow["posting"]
    assert POSTING[span["start"]:span["end"]] == span["text"] == "Airflow"
    assert span["before"] == ""  # the list item's bullet is not the posting's words
    kubernetes = next(m for m in card["missing"] if m["text"] == "Kubernetes")
    assert kubernetes["askable"] and kubernetes["tag"] == "required"
    assert "the person" not in kubernetes["why"]  # the engine's note to the model is not shown


async def test_a_button_counts_only_for_the_persons_own_job_resume_and_requirement(
    session_factory,
) -> None:
    ada = await _ready(session_factory, "ada")
    bob = await _ready(session_factory, "bob")
    card = (await call(match_report, ada)).artifact["match_card"]
    own = {"job_id": card["job_id"], "resume_id": card["resume_id"],
           "requirement": "tool:kubernetes"}

    found = await card_requirement(ada.scope, own)
    assert found is not None and found.requirement.text == "Kubernetes"
    assert found.label == "Data Engineer at Riverbend"
    refused = [
        (bob.scope, own),  # someone else's job and resume
        (ada.scope, {**own, "requirement": "tool:cobol"}),  # not a requirement of this job
        (ada.scope, {**own, "job_id": str(uuid.uuid4())}),
        (ada.scope, {**own, "resume_id": "not-an-id"}),
        (ada.scope, {**own, "requirement": ["tool:kubernetes"]}),
        (ada.scope, "tool:kubernetes"),
    ]
    for scope, payload in refused:
        assert await card_requirement(scope, payload) is None, payload


def test_every_part_of_the_score_has_a_label_on_the_card() -> None:
    # A part without one showed its engine key ("role title") among capitalised labels.
    from engine.scoring import WEIGHTS
    from workflows.generation.match_card import PART_LABELS

    assert set(WEIGHTS) <= set(PART_LABELS)
    assert all(label[0].isupper() for label in PART_LABELS.values())
