"""Control characters in any text field: dropped where text enters the resume model (typed,
imported from Markdown or JSON Resume), and no export raises on text that reached a model some
other way (the renderers clean it again)."""

from __future__ import annotations

import io
import json

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from documents.jsonresume.reader import from_json_resume
from documents.markdown import load_resume, write_resume
from documents.model import Contact, CoverLetter, Resume
from documents.render import (
    ExportOptions,
    render_cover_letter_docx,
    render_cover_letter_pdf,
    render_docx,
    render_pdf,
)
from documents.render.samples import sample_cover_letter, sample_resume
from documents.text import has_unwanted

CONTROLS = [chr(c) for c in range(32) if chr(c) not in "\n\r"] + [
    "\x7f", "\x85", "\x9b", "\u2028", "\ufffe", "\uffff"]
HOSTILE_NAME = "Ada\x00 Love\x1b[31mlace\x0c\x08"
# Any unicode except surrogates (which no UTF-8 input can carry), with control characters
# drawn far more often than their share of the code space.
_ANY = st.characters(blacklist_categories=("Cs",))
hostile_text = st.text(_ANY | st.sampled_from(CONTROLS), max_size=40)
PROPERTY = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def test_the_model_drops_control_characters_from_every_line():
    contact = Contact(name=HOSTILE_NAME, location="Berlin\x00", email="ada@example.org\x1b")
    assert (contact.name, contact.location, contact.email) == (
        "Ada Love[31mlace", "Berlin", "ada@example.org")


@given(hostile_text)
@PROPERTY
def test_any_text_that_the_model_accepts_is_free_of_control_characters(text: str):
    try:
        contact = Contact(name=text)
    except ValueError:
        return  # empty or several lines once cleaned: refused with the model's own message
    assert not has_unwanted(contact.name)


def test_markdown_import_drops_control_characters():
    markdown = write_resume(sample_resume()).replace("Priya Natarajan", HOSTILE_NAME)
    assert load_resume(markdown).name == "Ada Love[31mlace"


def test_json_resume_import_drops_control_characters():
    document = {"basics": {"name": HOSTILE_NAME, "label": "Engineer\x07"},
                "work": [{"name": "Acme\x00", "position": "SRE\x1b", "startDate": "2020-01",
                          "highlights": ["Ran\x0c things"]}]}
    resume = from_json_resume(json.dumps(document)).resume
    assert resume.name == "Ada Love[31mlace"
    (role,) = resume.roles
    assert (role.company, role.title, role.tasks) == ("Acme", "SRE", ("Ran  things",))
    render_docx(resume)  # the export that used to fail with a raw ValueError


def _with_text(text: str) -> Resume:
    """The sample resume with ``text`` in many fields, bypassing validation (``model_copy``):
    text that reached a stored model before it was cleaned, or by a path not yet thought of."""
    resume = sample_resume()
    contact = resume.personal.contact.model_copy(update={"name": text, "location": text})
    personal = resume.personal.model_copy(update={"contact": contact, "banner": (text,)})
    role = resume.roles[0].model_copy(update={
        "title": text, "company": text, "summary": (text,), "tasks": (text, *resume.roles[0].tasks),
        "skills": (text,)})
    project = resume.projects[0].model_copy(update={
        "title": text, "url": f"https://example.org/{text}", "url_description": text,
        "description": (text,)})
    degree = resume.degrees[0].model_copy(update={"school": text, "major": text})
    return resume.model_copy(update={
        "personal": personal, "roles": (role, *resume.roles[1:]),
        "projects": (project, *resume.projects[1:]), "degrees": (degree, *resume.degrees[1:])})


@pytest.mark.parametrize("control", CONTROLS)
def test_word_export_never_raises_on_a_control_character(control: str):
    resume = _with_text(f"Ada{control}Lovelace")
    for layout in ("ats", "plain"):
        document = docx.Document(io.BytesIO(render_docx(resume, ExportOptions(word_layout=layout))))
        written = "".join("".join(p.text for p in document.paragraphs).split())
        assert "AdaLovelace" in written


@given(hostile_text)
@PROPERTY
def test_no_export_raises_on_any_text(text: str):
    resume = _with_text(text)
    for layout in ("ats", "plain"):
        assert render_docx(resume, ExportOptions(word_layout=layout)).startswith(b"PK")
    assert render_pdf(resume).startswith(b"%PDF")
    write_resume(resume)


@given(hostile_text)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_no_cover_letter_export_raises_on_any_text(text: str):
    letter: CoverLetter = sample_cover_letter().model_copy(update={
        "sender_name": text, "company": text, "paragraphs": (text, "Thank you.")})
    assert render_cover_letter_docx(letter).startswith(b"PK")
    assert render_cover_letter_pdf(letter).startswith(b"%PDF")
