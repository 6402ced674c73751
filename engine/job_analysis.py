"""What a job posting says, as the model's structured analysis returns it (pure data)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class JobAnalysis(BaseModel):
    """What the posting says. Every field may be empty: postings leave out a lot."""

    model_config = ConfigDict(extra="ignore")

    company: str | None = Field(None, description="Hiring company's name as written")
    title: str | None = Field(None, description="Job title as written")
    location: str | None = None
    seniority: str | None = Field(None, description="e.g. junior, mid, senior, staff, lead")
    language: str | None = Field(None, description="ISO 639-1 code of the posting's language")
    hiring_manager: str | None = Field(None, description="Name of the person to address, if given")
    required_skills: list[str] = Field(default_factory=list)
    preferred_skills: list[str] = Field(default_factory=list)
    responsibilities: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    special_instructions: list[str] = Field(
        default_factory=list, description="How to apply, what to include, what to mention"
    )
