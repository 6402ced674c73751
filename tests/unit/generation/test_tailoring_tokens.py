"""What a tailoring sends: prompt tokens within 2.5x of the resume and posting, JSON schemas
counted (the scripted server counts the response_format schema as OpenAI bills it), and
citations written in the bullet text still reach the provenance."""

from __future__ import annotations

from support.llm_script import structured
from support.openai_wire import estimate_prompt_tokens, estimate_tokens

from documents.markdown import write_resume
from engine.cited_lines import split_cited
from workflows.generation.tailoring import InMemoryRoleStore, TailoredRole, tailor_role_by_role
from workflows.progress import RecordingProgress

from .paths import CASES
from .scripts import ROLE_SCHEMAS, faithful_role, faithful_rule, schema_name


async def tailor(conn, resume, analysis, store=None):
    return await tailor_role_by_role(conn, resume=resume, analysis=analysis, facts=[],
                                     progress=RecordingProgress(),
                                     store=store or InMemoryRoleStore())


async def test_prompt_tokens_with_schemas_are_within_two_and_a_half_times_the_inputs(
        scripted_llm, conn, resume, analysis) -> None:
    scripted_llm.add_rule(faithful_rule(resume.roles))
    await tailor(conn, resume, analysis)
    sent = [r for r in scripted_llm.requests
            if schema_name(r) in (*ROLE_SCHEMAS, "TailoredBanner")]
    assert len(sent) == len(resume.roles) + 1
    inputs = estimate_tokens(write_resume(resume)) + estimate_tokens(
        (CASES / "platform" / "posting.txt").read_text())
    spent = sum(estimate_prompt_tokens(dict(r.body)) for r in sent)
    assert spent <= 2.5 * inputs, f"{spent} prompt tokens for {inputs} of resume and posting"


async def test_only_a_role_with_a_summary_is_offered_one(scripted_llm, conn, resume,
                                                         analysis) -> None:
    scripted_llm.add_rule(faithful_rule(resume.roles))
    outcome = await tailor(conn, resume, analysis)
    offered = {r.messages[-1]["content"].splitlines()[1]: schema_name(r)
               for r in scripted_llm.requests if schema_name(r) in ROLE_SCHEMAS}
    for role in resume.roles:
        header = next(h for h in offered if f"{role.title} at {role.company}" in h)
        assert offered[header] == ("TailoredRole" if role.summary else "TailoredBullets")
    assert [r.summary for r in outcome.resume.roles] == [r.summary for r in resume.roles]


async def test_a_bullet_citing_two_lines_in_its_text_keeps_both_as_sources(
        scripted_llm, conn, resume, analysis) -> None:
    role = next(r for r in resume.roles if len(r.tasks) >= 3)
    first = len(role.summary) + len(role.situation) + 1
    merged = f"{role.tasks[0]}; {role.tasks[1].lower()}"
    reply = faithful_role(role)
    reply["bullets"] = [f"[{first}, {first + 1}] {merged}", *reply["bullets"][2:]]
    scripted_llm.add_rule(faithful_rule(resume.roles, {role.company: structured(reply)}))
    outcome = await tailor(conn, resume, analysis)
    stored = next(r for r in outcome.provenance["roles"] if r["company"] == role.company)
    assert stored["bullets"][0]["text"] == merged  # the citation is not part of the text
    assert stored["bullets"][0]["sources"] == [role.tasks[0], role.tasks[1]]


async def test_a_role_stored_before_in_text_citations_is_reused_with_its_sources(
        scripted_llm, conn, resume, analysis) -> None:
    store = InMemoryRoleStore()
    for index, role in enumerate(resume.roles):
        first = len(role.summary) + len(role.situation) + 1
        await store.put(f"role-{index}", {
            "summary": list(role.summary), "skills": list(role.skills),
            "bullets": [{"text": task, "sources": [first + i]}
                        for i, task in enumerate(role.tasks)]})
    scripted_llm.add_rule(faithful_rule(resume.roles))
    outcome = await tailor(conn, resume, analysis, store)
    assert outcome.reused_roles == len(resume.roles)
    assert not any(schema_name(r) in ROLE_SCHEMAS for r in scripted_llm.requests)
    assert [r.tasks for r in outcome.resume.roles] == [r.tasks for r in resume.roles]
    assert outcome.report.repaired == []


def test_citations_are_read_only_in_brackets() -> None:
    assert split_cited("[2,3] Cut p95 latency by 35%") == ((2, 3), "Cut p95 latency by 35%")
    assert split_cited(" [2 - 4]  Ran on-call") == ((2, 3, 4), "Ran on-call")
    assert split_cited("14 services moved to Kubernetes") == (
        (), "14 services moved to Kubernetes")
    assert split_cited("- [lines 2, 3]: Ran on-call") == ((2, 3), "Ran on-call")
    assert split_cited("Moved services to Kubernetes [2].") == (
        (2,), "Moved services to Kubernetes")
    assert split_cited("Doubled throughput [2x]") == ((), "Doubled throughput [2x]")
    assert TailoredRole.model_validate(
        {"bullets": [{"text": "Ran Kafka", "sources": [2, 3]}]}).bullets == ["[2,3] Ran Kafka"]
