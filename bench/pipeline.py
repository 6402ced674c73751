"""A six-role resume through job analysis, tailoring and a cover letter, against the scripted
model server with a latency model: 300 ms to the first token, then 40 tokens/s of output.

Token counts are the scripted server's deterministic estimate (words and punctuation marks), not
tiktoken: tiktoken downloads its BPE files on first use and this machine has no internet. The
same estimate counts the resume and the posting, so the ratios compare like with like.

Printed per mode (median of the runs): wall time, the critical path of model calls (analysis,
then the slowest role, then the banner, then the letter), their ratio, calls, prompt and
completion tokens. Prompt tokens include the JSON schema sent as response_format: servers that
constrain the answer read it and OpenAI bills it. Modes: roles all at once (concurrency 6), the
default bound (4), and one role at a time (the sequential approach), all in the same run.

    .venv/bin/python bench/pipeline.py [runs]
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from pydantic import SecretStr

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from support.llm_script import RecordedRequest, Reply, structured  # noqa: E402
from support.openai_wire import estimate_tokens  # noqa: E402
from support.scripted_llm import ScriptedLLM  # noqa: E402
from unit.generation.scripts import faithful_role, role_block, schema_name  # noqa: E402

from documents.markdown import load_resume, write_resume  # noqa: E402
from llm.structured import ModelConnection, UsageMeter, metering, wire_schema  # noqa: E402
from workflows.generation.analysis import analyze_posting  # noqa: E402
from workflows.generation.cover_letter import draft_cover_letter  # noqa: E402
from workflows.generation.tailoring import (  # noqa: E402
    InMemoryRoleStore,
    TailoredBanner,
    TailoredBullets,
    TailoredRole,
    tailor_role_by_role,
)
from workflows.progress import RecordingProgress  # noqa: E402

FIRST_TOKEN_S = 0.3
TOKENS_PER_S = 40.0
CASE = ROOT / "evals" / "cases" / "platform"
POSTING = ROOT.parent / "shared" / "fixtures" / "jobs" / "resumematcher__e2e_backend-eng.txt"
RESUME = load_resume((CASE / "resume.md").read_text())
ANALYSIS = {
    "company": "Harborline", "title": "Senior Backend Engineer", "location": "Remote",
    "seniority": "senior", "language": "en",
    "required_skills": ["Python", "FastAPI", "PostgreSQL", "Kafka", "Docker", "Kubernetes",
                        "AWS", "Redis", "CI/CD"],
    "preferred_skills": ["Datadog", "OpenTelemetry"],
    "responsibilities": ["Design and build high-throughput Python services",
                         "Own reliability: on-call, runbooks, postmortems"],
    "keywords": ["microservices", "event-driven", "observability"],
    "special_instructions": [],
}


def timed(data: dict) -> Reply:
    """The reply, delayed as a model generating its tokens at the modelled speed would be."""
    completion = estimate_tokens(str(data))
    return structured(data, delay_s=FIRST_TOKEN_S + completion / TOKENS_PER_S)


def answer(request: RecordedRequest) -> Reply | None:
    name = schema_name(request)
    if name == "JobAnalysis":
        return timed(ANALYSIS)
    if name in ("TailoredRole", "TailoredBullets"):
        role = next(r for r in RESUME.roles if f" at {r.company}," in role_block(request))
        return timed(faithful_role(role))
    if name == "TailoredBanner":
        return timed({"lines": ["[1] Platform engineer running Python services on Kubernetes, "
                                "with Kafka and PostgreSQL."]})
    if name == "LetterBody":
        return timed({"paragraphs": [
            "I am applying for the Senior Backend Engineer role at Harborline.",
            "At Riverbend Logistics I moved 14 Python services from VMs to Kubernetes with "
            "Helm and introduced Kafka for shipment events.",
            "At Lakeshore Payments I built FastAPI services on PostgreSQL and cut p95 API "
            "latency by 35% with query indexing and Redis caching.",
        ]})
    return None


@dataclass(frozen=True)
class Run:
    wall_s: float
    critical_s: float
    calls: int
    prompt_tokens: int
    completion_tokens: int
    tailoring_prompt_tokens: int


async def pipeline(conn: ModelConnection, posting: str, concurrency: int) -> Run:
    meter = UsageMeter()
    token = metering(meter)
    started = time.monotonic()
    try:
        analysis = (await analyze_posting(conn, posting)).analysis
        outcome = await tailor_role_by_role(conn, resume=RESUME, analysis=analysis, facts=[],
                                      progress=RecordingProgress(), store=InMemoryRoleStore(),
                                      concurrency=concurrency)
        await draft_cover_letter(
            conn, resume=outcome.resume, analysis=analysis, company="Harborline",
            job_title="Senior Backend Engineer", location="Remote", hiring_manager=None,
            facts=[], today=dt.date(2026, 11, 21), progress=RecordingProgress())
    finally:
        token.var.reset(token)
    wall = time.monotonic() - started

    def spent(prefix: str) -> list[float]:
        return [c.ended - c.started for c in meter.calls if c.purpose.startswith(prefix)]

    critical = (sum(spent("analyse")) + max(spent("tailor the role")) + sum(spent("write the "
                                                                                  "resume"))
                + sum(spent("write the cover")))
    tailoring = [c for c in meter.calls
                 if c.purpose.startswith(("tailor the role", "write the resume"))]
    return Run(wall, critical, len(meter.calls), meter.prompt_tokens, meter.completion_tokens,
               sum(c.prompt_tokens for c in tailoring))


def median_run(runs: list[Run]) -> Run:
    return Run(*(statistics.median(getattr(r, f) for r in runs) for f in Run.__dataclass_fields__))


async def main(repeats: int) -> None:
    posting = POSTING.read_text() if POSTING.is_file() else (CASE / "posting.txt").read_text()
    resume_tokens = estimate_tokens(write_resume(RESUME))
    posting_tokens = estimate_tokens(posting)
    with ScriptedLLM() as llm:
        llm.add_rule(answer)
        conn = ModelConnection(llm.base_url, SecretStr("bench"), "scripted", timeout_s=60)
        results = {}
        for label, concurrency in (("all roles at once (6)", 6), ("default bound (4)", 4),
                                   ("sequential (1)", 1)):
            results[label] = median_run([await pipeline(conn, posting, concurrency)
                                         for _ in range(repeats)])
    print(f"Pipeline bench: 6 roles, {FIRST_TOKEN_S * 1000:.0f} ms to first token, "
          f"{TOKENS_PER_S:.0f} tokens/s; median of {repeats} runs; tokens = scripted server's "
          "estimate (no tiktoken offline)")
    print(f"resume {resume_tokens} tokens + posting {posting_tokens} tokens = "
          f"{resume_tokens + posting_tokens}; prompt tokens count the JSON schemas sent")
    print(f"{'mode':<24}{'wall s':>8}{'critical s':>12}{'ratio':>7}{'calls':>7}"
          f"{'prompt tok':>12}{'compl tok':>11}{'tailoring prompt/(resume+posting)':>36}")
    for label, run in results.items():
        share = run.tailoring_prompt_tokens / (resume_tokens + posting_tokens)
        print(f"{label:<24}{run.wall_s:>8.2f}{run.critical_s:>12.2f}"
              f"{run.wall_s / run.critical_s:>7.2f}{run.calls:>7}{run.prompt_tokens:>12.0f}"
              f"{run.completion_tokens:>11.0f}{share:>36.2f}")
    # The scripted server counts the response_format schema as prompt tokens, as OpenAI bills it,
    # so the ratio above includes it; shown apart so a change to the schemas is visible alone.
    schema = sum(estimate_tokens(json.dumps(wire_schema(model))) for model in (
        *(TailoredRole if role.summary else TailoredBullets for role in RESUME.roles),
        TailoredBanner))
    bare = results["default bound (4)"].tailoring_prompt_tokens - schema
    print(f"of which the JSON schemas sent with the tailoring calls: {schema} tokens "
          f"(the ratio without them: {bare / (resume_tokens + posting_tokens):.2f})")
    sequential = results["sequential (1)"].wall_s
    print(f"sequential / all-at-once wall time: "
          f"{sequential / results['all roles at once (6)'].wall_s:.2f}x; "
          f"sequential / default bound: {sequential / results['default bound (4)'].wall_s:.2f}x")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 3))
