"""The schema sent with a structured call is smaller but accepts and refuses what the model's
answer type does: a definition used once is written in place, a shared one stays shared."""

from __future__ import annotations

import json

import jsonschema
import pytest
from pydantic import BaseModel

from documents.markdown import load_resume
from documents.model import Resume
from llm.structured import wire_schema
from workflows.generation.tailoring import TailoredBullets, TailoredRole


class Point(BaseModel):
    x: int


class Path(BaseModel):
    start: Point
    end: Point
    label: Label


class Label(BaseModel):
    text: str


Path.model_rebuild()


def test_a_definition_used_once_is_written_in_place_and_a_shared_one_is_kept() -> None:
    schema = wire_schema(Path)
    assert set(schema["$defs"]) == {"Point"}
    assert schema["properties"]["label"]["properties"]["text"] == {"type": "string"}
    assert schema["properties"]["start"] == {"$ref": "#/$defs/Point"}
    assert "Label" not in json.dumps(schema)


def test_the_role_schemas_are_flat_and_still_check_answers() -> None:
    for model in (TailoredRole, TailoredBullets):
        schema = wire_schema(model)
        text = json.dumps(schema)
        assert "$defs" not in text and "$ref" not in text and "description" not in text
        jsonschema.validate({"bullets": ["[2] Ran Kafka"]}, schema)
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({"summary": ["Ran Kafka"]}, schema)  # no bullets
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({"bullets": [{"text": "Ran Kafka", "sources": [2]}]}, schema)
    assert "summary" in wire_schema(TailoredRole)["properties"]
    assert "summary" not in wire_schema(TailoredBullets)["properties"]


def test_a_real_resume_fits_the_resume_schema_and_a_broken_one_does_not() -> None:
    schema = wire_schema(Resume)
    with open("evals/cases/platform/resume.md") as source:
        resume = json.loads(load_resume(source.read()).model_dump_json())
    jsonschema.validate(resume, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**resume, "roles": [{"company": 5}]}, schema)


class Settings(BaseModel):
    default: str | None = None  # a field may be called "default": only the keyword goes
    title: str = "untitled"


def test_defaults_are_not_sent_but_fields_named_default_are() -> None:
    schema = wire_schema(Settings)
    assert set(schema["properties"]) == {"default", "title"}
    assert "default" not in schema["properties"]["default"]
    assert "default" not in schema["properties"]["title"]
    jsonschema.validate({"default": None}, schema)
