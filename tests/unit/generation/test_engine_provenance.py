"""Provenance: tailoring keeps the lines each bullet cited; the canvas's decisions are computed
from it (accept records, revert puts the source lines back), and word differences are data."""

from __future__ import annotations

from support.llm_script import structured

from engine.diff_words import changed_lines, word_pieces
from engine.provenance import (
    ACCEPTED,
    REVERTED,
    BulletOrigin,
    decide,
    resume_origins,
    role_lines,
    with_tasks,
)
from workflows.generation.tailoring import InMemoryRoleStore, tailor_role_by_role
from workflows.progress import RecordingProgress

from .scripts import faithful_role, faithful_rule


async def test_tailoring_stores_every_line_a_bullet_cites(scripted_llm, conn, resume, analysis):
    role = resume.roles[0]
    first, second = role_lines(role)[:2]
    merged = " ".join(first.split()[:-1])  # a shortened first line that also cites the second
    reply = faithful_role(role)
    reply["bullets"] = [f"[1,2] {merged}", *reply["bullets"][2:]]
    scripted_llm.add_rule(faithful_rule(resume.roles, {role.company: structured(reply)}))
    outcome = await tailor_role_by_role(conn, resume=resume, analysis=analysis, facts=[],
                                        progress=RecordingProgress(), store=InMemoryRoleStore())
    stored = outcome.provenance["roles"][0]
    assert (stored["company"], stored["title"]) == (role.company, role.title)
    assert stored["bullets"][0] == {"text": merged, "sources": [first, second], "decision": None}
    # Aligning by words alone would have found only the first line.
    aligned = resume_origins(outcome.resume, None, resume)[0][0]
    assert aligned.sources == (first,)
    kept = resume_origins(outcome.resume, outcome.provenance, resume)[0][0]
    assert kept.sources == (first, second) and kept.status == "changed"


def test_a_bullet_is_changed_until_accepted_or_back_at_its_source():
    assert BulletOrigin("new", ("old",)).status == "changed"
    assert BulletOrigin("new", ("old",), ACCEPTED).status == ACCEPTED
    assert BulletOrigin("old", ("old",)).status == "unchanged"
    assert BulletOrigin("old", ("old",), REVERTED).status == REVERTED
    assert BulletOrigin("new", ()).status == "changed"


def test_revert_of_a_merged_bullet_restores_each_source_line_once(resume):
    role = resume.roles[0]
    first, second = role.tasks[:2]
    origins = [[BulletOrigin("merged", (first, second)), BulletOrigin(second, (second,))]]
    reverted = decide(origins, 0, 0, REVERTED)
    assert [o.text for o in reverted[0]] == [first, second]
    assert origins[0][0].text == "merged"  # the decided version's origins are untouched
    single = resume.model_copy(update={"roles": (role,)})
    assert with_tasks(single, reverted).roles[0].tasks == (first, second)
    accepted = decide(origins, 0, 0, ACCEPTED)
    assert accepted[0][0] == BulletOrigin("merged", (first, second), ACCEPTED)


def test_word_differences_are_pieces_a_canvas_can_mark():
    assert word_pieces("Built the nightly pipelines", "Built the nightly Airflow pipelines") == [
        {"op": "same", "text": "Built the nightly"}, {"op": "added", "text": "Airflow"},
        {"op": "same", "text": "pipelines"}]
    rows = changed_lines("a\nkept line\nold words here", "kept line\nnew words here\nplus")
    assert rows == [
        {"change": "removed", "pieces": [{"op": "removed", "text": "a"}]},
        {"change": "reworded", "pieces": [{"op": "removed", "text": "old"},
                                          {"op": "added", "text": "new"},
                                          {"op": "same", "text": "words here"}]},
        {"change": "added", "pieces": [{"op": "added", "text": "plus"}]}]
