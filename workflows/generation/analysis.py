"""Job analysis: the model reads the posting into a validated structure; code flags injections.

The posting is untrusted. It reaches the model only inside a data block, the call offers no tools
(so nothing in the text can trigger one), and lines that look like attempts to steer the model
are listed for the person by `find_injections`, whatever the model makes of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from langchain_core.messages import HumanMessage, SystemMessage

from engine.job_analysis import JobAnalysis
from llm.structured import ModelConnection, as_data, structured_call
from prompts import load_prompt

MAX_FLAG_CHARS = 120

_INJECTION_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "asks the assistant to ignore its instructions",
        re.compile(
            r"\b(ignore|disregard|forget|override)\b.{0,40}\b(previous|prior|above|earlier|"
            r"all|your|system)\b.{0,30}\b(instructions?|prompts?|rules?|directions?)",
            re.I,
        ),
    ),
    ("pretends to be a system or assistant message",
     re.compile(r"^\s*[\[(<]?\s*(system|assistant|developer)\s*[\])>]?\s*:", re.I | re.M)),
    ("contains chat role tags",
     re.compile(r"<\|?\s*/?\s*(im_start|im_end|system|assistant|user)\s*\|?>", re.I)),
    ("tries to give the assistant a new role",
     re.compile(r"\b(you are now|act as|pretend to be|new instructions?)\b", re.I)),
    ("asks the assistant to call a tool or change settings",
     re.compile(r"\b(call|run|invoke|execute)\s+(the\s+)?(tool|function|command)\b|"
                r"\b(change|update|set)\s+(the\s+)?(api key|settings?|base url|password)\b",
                re.I)),
    ("asks for a particular score or verdict",
     re.compile(r"\b(rate|score|rank|mark)\b.{0,30}\b(100|perfect|top|highest|excellent)\b",
                re.I)),
)


def find_injections(text: str) -> list[str]:
    """One readable flag per suspicious line: what it tries, and the line itself (shortened)."""
    flags: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        for what, pattern in _INJECTION_PATTERNS:
            if pattern.search(line):
                shown = line.strip()
                if len(shown) > MAX_FLAG_CHARS:
                    shown = shown[: MAX_FLAG_CHARS - 1] + "…"
                flags.append(f"line {number} {what}: \"{shown}\"")
                break
    return flags


@dataclass(frozen=True)
class AnalysisResult:
    analysis: JobAnalysis
    injection_flags: list[str]
    prompt_version: str
    model: str
    dropped: tuple[str, ...] = ()  # skills the model named that the posting does not contain


def keep_quoted(analysis: JobAnalysis, posting_text: str) -> tuple[JobAnalysis, tuple[str, ...]]:
    """The analysis with only the required/preferred items the posting really contains."""
    from engine.requirements import read_analysis

    dropped = tuple(read_analysis(analysis, posting_text).dropped)
    gone = set(dropped)
    kept = analysis.model_copy(update={
        "required_skills": [s for s in analysis.required_skills if s.strip() not in gone],
        "preferred_skills": [s for s in analysis.preferred_skills if s.strip() not in gone],
    })
    return kept, dropped


def prompt_version(name: str) -> str:
    return f"{name}@{load_prompt(name).version}"


async def analyze_posting(conn: ModelConnection, posting_text: str) -> AnalysisResult:
    prompt = load_prompt("analyze_job")
    messages = [
        SystemMessage(prompt.render()),
        HumanMessage(as_data(posting_text, "JOB POSTING")),
    ]
    analysis = await structured_call(conn, JobAnalysis, messages, purpose="analyse the job posting")
    analysis, dropped = keep_quoted(analysis, posting_text)
    return AnalysisResult(
        analysis=analysis,
        dropped=dropped,
        injection_flags=find_injections(posting_text),
        prompt_version=prompt_version("analyze_job"),
        model=conn.label,
    )
