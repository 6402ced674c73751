"""Tailoring through the scripted server: concurrent roles, caught inventions, resumable runs."""

from __future__ import annotations

import pytest
from support.llm_script import server_error, structured

from core.errors import UserFacingError
from documents.model import Resume
from workflows.generation.tailoring import InMemoryRoleStore, tailor_role_by_role
from workflows.progress import RecordingProgress

from .scripts import ROLE_SCHEMAS, faithful_role, faithful_rule, role_block, schema_name


async def run(conn, resume, analysis, store=None, facts=(), concurrency=4):
    progress = RecordingProgress()
    outcome = await tailor_role_by_role(conn, resume=resume, analysis=analysis, facts=list(facts),
                                  progress=progress, store=store or InMemoryRoleStore(),
                                  concurrency=concurrency)
    return outcome, progress


async def test_each_role_is_its_own_visible_concurrent_call(scripted_llm, conn, resume,
                                                            analysis) -> None:
    slow = {r.company: structured(faithful_role(r), delay_s=0.3) for r in resume.roles}
    scripted_llm.add_rule(faithful_rule(resume.roles, slow))
    outcome, progress = await run(conn, resume, analysis)

    assert sorted(progress.titles[:6]) == sorted(
        f"Tailoring: {r.title} at {r.company}" for r in resume.roles)
    assert progress.titles[6:] == ["Writing the summary", "Fact check"]
    assert progress.steps[-1].outputs == [outcome.report.summary()]
    role_requests = [r for r in scripted_llm.requests if schema_name(r) in ROLE_SCHEMAS]
    assert len(role_requests) == 6
    # Four start together (the default bound), the other two as soon as slots free up.
    starts = sorted(r.received_at for r in role_requests)
    assert starts[3] - starts[0] < 0.15 and starts[4] - starts[0] >= 0.25
    # Each call carries one role only, never the whole resume.
    for request in role_requests:
        block = role_block(request)
        assert sum(r.company in block for r in resume.roles
                   if r.company != "Allegheny State University") <= 1
        assert "dana.okafor@example.org" not in block
    # Skills the job asks for lead (ordered by code); the rest keep the person's order.
    assert resume.roles[0].skills == ("Python", "Kubernetes", "Helm", "Kafka")
    assert outcome.resume.roles[0].skills == ("Python", "Kubernetes", "Kafka", "Helm")
    assert outcome.resume.personal.banner == ("Platform engineer.",)
    assert outcome.report.repaired == []
    assert outcome.score_before.score == outcome.score_after.score
    assert outcome.prompt_version == "tailor_role@4+banner@4"


async def test_inventions_in_model_output_are_caught(scripted_llm, conn, resume, analysis):
    riverbend, lakeshore, northgate = resume.roles[:3]
    liar = {
        # adds a metric, invents a skill, and tries to add one to the role's skills
        riverbend.company: structured({
            "summary": ["Leads the platform team behind routing and billing services."],
            "bullets": [
                "[2] Moved 14 Python services to Kubernetes, cutting cloud costs by 45%",
                "[3] Introduced Kafka for shipment events at Amazon scale",
            ],
            "skills": ["Kafka", "Terraform", "Python", "Kubernetes", "Helm"],
        }),
        # cites a line that does not exist, cites none, and claims a tool from another role
        lakeshore.company: structured({
            "bullets": ["[1] Built FastAPI services for card settlement on PostgreSQL",
                        "[42] Led the Snowflake migration",
                        "Led the Airflow rollout"],
            "skills": ["FastAPI", "Airflow"],
        }),
        northgate.company: structured({
            "bullets": ["[1] Maintained Django REST APIs serving 3000 newsroom users"],
            "skills": ["Django"],
        }),
    }
    banner = structured({"lines": ["[1] Platform engineer with 12 years at Google.",
                                   "[1] Python services, Kubernetes and Kafka."]})
    scripted_llm.add_rule(faithful_rule(resume.roles, liar, banner))
    outcome, _ = await run(conn, resume, analysis)
    tailored = outcome.resume
    # Airflow is real elsewhere (Brightwater): only the three lying roles and the banner count.
    text = str([r.model_dump() for r in tailored.roles[:3]]) + str(tailored.personal.banner)
    for invented in ("45%", "Amazon", "Terraform", "Snowflake", "Airflow", "3000", "Google",
                     "12 years"):
        assert invented not in text, invented
    # A role's skills are its own, whatever the model answers: the job's first.
    assert tailored.roles[0].skills == ("Python", "Kubernetes", "Kafka", "Helm")
    assert tailored.roles[1].tasks == (
        "Built FastAPI services for card settlement on PostgreSQL",)
    assert tailored.roles[2].tasks == ("Maintained Django REST APIs serving 300 newsroom users",)
    # The invented banner line gives way to the closest line of the person's own banner.
    assert tailored.personal.banner == (resume.personal.banner[0],
                                        "Python services, Kubernetes and Kafka.")
    assert [r.company for r in tailored.roles] == [r.company for r in resume.roles]
    # 45%, Amazon, the line 42 that does not exist, the uncited bullet, 3000, the banner line.
    assert len(outcome.report.repaired) >= 6
    assert any("citing no real source line" in r and "Airflow" in r
               for r in outcome.report.repaired)
    assert "Fact check:" in outcome.report.summary()


async def test_a_role_failing_three_times_is_resumed_alone(scripted_llm, conn, resume,
                                                           analysis) -> None:
    store = InMemoryRoleStore()
    failing = resume.roles[2]
    scripted_llm.add_rule(faithful_rule(resume.roles, {failing.company: server_error}))
    progress = RecordingProgress()
    with pytest.raises(UserFacingError) as caught:
        await tailor_role_by_role(conn, resume=resume, analysis=analysis, facts=[],
                                  progress=progress,
                            store=store)
    message = caught.value.message
    assert message.startswith("Tailored 5 of 6 roles; Software Engineer at Northgate Media "
                              "failed.")
    assert "HTTP 500" in message and "finished roles are kept" in message
    failed = [r for r in scripted_llm.requests if failing.company in role_block(r)]
    assert len(failed) == 3  # the first try and two retries
    step = next(s for s in progress.steps if failing.company in s.title)
    assert step.failed and step.outputs == [
        "The model server failed (HTTP 500); retry 1 of 2 in 0 s",
        "The model server failed (HTTP 500); retry 2 of 2 in 0 s",
    ]

    scripted_llm.reset()
    scripted_llm.add_rule(faithful_rule(resume.roles))
    outcome, progress = await run(conn, resume, analysis, store=store)
    asked = [role_block(r) for r in scripted_llm.requests if schema_name(r) in ROLE_SCHEMAS]
    assert len(asked) == 1 and failing.company in asked[0]
    assert outcome.reused_roles == 5
    assert progress.titles[0] == "Tailoring: Software Engineer at Northgate Media"
    assert outcome.resume.roles[2].company == failing.company


async def test_confirmed_facts_reach_the_role_calls_and_the_score(scripted_llm, conn,
                                                                  resume: Resume, analysis):
    fact = "Used Terraform at Riverbend Logistics to manage the Kubernetes clusters"
    scripted_llm.add_rule(faithful_rule(resume.roles))
    outcome, _ = await run(conn, resume, analysis, facts=[fact])
    assert all(fact in r.messages[0]["content"] for r in scripted_llm.requests
               if schema_name(r) in ROLE_SCHEMAS)
    assert not any(m.requirement.text == "Terraform" for m in outcome.score_after.missing)


async def test_a_failed_summary_keeps_the_roles(scripted_llm, conn, resume, analysis) -> None:
    store = InMemoryRoleStore()
    scripted_llm.add_rule(faithful_rule(resume.roles, banner=server_error()))
    with pytest.raises(UserFacingError) as caught:
        await run(conn, resume, analysis, store=store)
    assert caught.value.message.startswith("Could not write the resume summary: ")
    assert caught.value.message.endswith("All 6 roles are tailored and kept; ask me to try "
                                         "again to finish.")
    scripted_llm.reset()
    scripted_llm.add_rule(faithful_rule(resume.roles))
    outcome, _ = await run(conn, resume, analysis, store=store)
    assert outcome.reused_roles == 6
    assert [schema_name(r) for r in scripted_llm.requests] == ["TailoredBanner"]
