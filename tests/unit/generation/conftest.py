"""The scripted model server, a connection to it, and the engine's test resume and job."""

from __future__ import annotations

import pytest
from pydantic import SecretStr
from support.fixtures import scripted_llm, scripted_llm_server
from support.scripted_llm import ScriptedLLM

from documents.markdown import load_resume
from documents.model import Resume
from engine.job_analysis import JobAnalysis
from llm.structured import ModelConnection

from .paths import PLATFORM_RESUME

__all__ = ["scripted_llm", "scripted_llm_server"]



@pytest.fixture
def conn(scripted_llm: ScriptedLLM) -> ModelConnection:
    # Short waits: the retry tests exercise the backoff without making the suite slow.
    return ModelConnection(
        base_url=scripted_llm.base_url, api_key=SecretStr("test-key"), model="scripted",
        timeout_s=5, max_retries=2, backoff_s=0.01,
    )


@pytest.fixture(scope="session")
def resume() -> Resume:
    return load_resume(PLATFORM_RESUME.read_text())


@pytest.fixture(scope="session")
def analysis() -> JobAnalysis:
    return JobAnalysis(
        company="Harborline", title="Senior Backend Engineer", location="Remote",
        seniority="senior", language="en",
        required_skills=["Python", "PostgreSQL", "Kubernetes", "Kafka", "Terraform"],
        preferred_skills=["Redis", "GitHub Actions"],
        responsibilities=["Build Python services", "Run Kubernetes workloads"],
        keywords=["platform", "on-call"],
    )
