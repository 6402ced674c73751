"""JSON Resume in and out, and Resume-Matcher's JSON in."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from resume_strategies import resumes

from documents.jsonresume import from_json_resume, to_json_resume
from documents.jsonresume.added import role_skills
from documents.model import Award, Language, Month, Resume, SkillGroup


def carried(resume: Resume) -> Resume | None:
    """The part of a resume JSON Resume can carry (the module docstring lists the rest)."""
    personal = resume.personal
    if personal and (personal.contact or personal.websites or personal.banner):
        personal = personal.model_copy(update={"visa": None, "note": ()})
    else:
        personal = None
    roles = tuple(role.model_copy(update={
        "agency": None, "job_category": None, "employment_type": None,
        "reason_for_change": None, "summary": role.summary + role.situation, "situation": (),
    }) for role in resume.roles)
    certifications = tuple(cert.model_copy(update={"expires": None, "certification_id": None})
                           for cert in resume.certifications)
    projects = tuple(project.model_copy(update={"url_description": None})
                     for project in resume.projects)
    skills = resume.skills
    if len(skills) == 1 and skills[0].name is None and list(skills[0].items) == role_skills(
            resume):
        skills = ()  # indistinguishable from the role skills an export lists for themes
    added = {"skills": skills, "languages": resume.languages, "awards": resume.awards,
             "volunteering": tuple(item.model_copy(update={"location": None})
                                   for item in resume.volunteering),
             "publications": resume.publications, "interests": resume.interests}
    if not (personal or roles or certifications or projects or resume.degrees
            or any(added.values())):
        return None
    return Resume(personal=personal, degrees=resume.degrees, certifications=certifications,
                  projects=projects, roles=roles, **added)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(resumes)
def test_what_json_resume_carries_survives_export_and_import(resume: Resume) -> None:
    expected = carried(resume)
    assume(expected is not None)
    text = json.dumps(to_json_resume(resume), ensure_ascii=False)
    result = from_json_resume(text)
    assert result.problems == ()
    assert result.resume == expected


def test_export_follows_the_schema_names_with_year_month_dates() -> None:
    resume = Resume.model_validate({
        "personal": {"contact": {"name": "Your Name", "location": "Springfield, IL"},
                     "websites": {"github": "https://github.com/example"}},
        "roles": [{"company": "Example Company", "title": "Analyst",
                   "start": {"year": 2019, "month": 4}, "tasks": ["Did a thing"],
                   "skills": ["SQL"]}],
        "certifications": [{"name": "Example Cert", "issued": {"year": 2021, "month": 6}}],
    })
    data = to_json_resume(resume)
    assert data["basics"]["name"] == "Your Name"
    assert data["basics"]["location"] == {"city": "Springfield", "region": "IL"}
    assert data["basics"]["profiles"] == [{"network": "GitHub",
                                           "url": "https://github.com/example"}]
    assert data["work"] == [{"name": "Example Company", "position": "Analyst",
                             "startDate": "2019-04", "highlights": ["Did a thing"],
                             "keywords": ["SQL"]}]
    assert data["certificates"] == [{"name": "Example Cert", "date": "2021-06"}]
    assert data["skills"] == [{"name": "SQL"}]


def test_import_takes_full_dates_and_keeps_a_year_alone_as_a_year() -> None:
    result = from_json_resume({
        "basics": {"name": "Your Name"},
        "work": [{"name": "Example Company", "position": "Analyst", "startDate": "2019-04-15",
                  "endDate": "2021"}],
    })
    (role,) = result.resume.roles
    assert (role.start, role.end) == (Month(year=2019, month=4), Month(year=2021))
    assert result.warnings == []


def test_broken_json_is_refused_with_where_and_what_to_do() -> None:
    result = from_json_resume('{"basics": {"name": "Your Name"},}')
    assert result.resume is None
    assert str(result.errors[0]).startswith("the file is not valid JSON (line 1, column 34")


def test_json_that_is_not_a_resume_is_refused_naming_what_it_found() -> None:
    assert "not a list" in str(from_json_resume("[1, 2]").errors[0])
    refused = from_json_resume({"name": "x", "price": 3})
    assert refused.resume is None
    assert str(refused.errors[0]) == ("this JSON is not a JSON Resume: expected top-level keys "
                                      "such as `basics` and `work`, found `name`, `price`")


def test_one_bad_item_refuses_the_whole_resume_and_names_its_path() -> None:
    result = from_json_resume({"basics": {"name": "Your Name"}, "work": [
        {"name": "Example Company", "position": "Analyst", "startDate": "2019-04"},
        {"name": "Other Company", "position": "Clerk", "startDate": "April the 4th"}]})
    assert result.resume is None
    assert [str(e) for e in result.errors] == [
        "work[1].startDate `April the 4th` is not a date; use YYYY-MM"]


def test_resume_matcher_master_arrives_with_its_obvious_fields(fixtures_dir: Path) -> None:
    text = (fixtures_dir / "resumes/truth/resumematcher__master.json").read_text("utf-8")
    result = from_json_resume(text)
    assert result.errors == []
    resume = result.resume
    contact = resume.personal.contact
    assert (contact.name, contact.email, contact.phone, contact.location) == (
        "Jane Doe", "jane@example.com", "+1-555-0100", "San Francisco, CA")
    assert resume.personal.websites.github == "github.com/janedoe"
    assert resume.personal.banner[0].startswith("Backend engineer with 6 years")
    acme, startup = resume.roles
    assert (acme.company, acme.title, acme.start, acme.end) == (
        "Acme Corp", "Senior Backend Engineer", Month(year=2021, month=1), None)
    assert startup.end == Month(year=2020, month=12)
    assert acme.tasks[1] == "Led migration from monolith to microservices architecture"
    (degree,) = resume.degrees
    assert (degree.school, degree.degree) == ("MIT", "B.S. Computer Science")
    assert resume.projects[0].title == "OpenAPI Generator"
    assert resume.certifications[0].name == "AWS Solutions Architect Associate"
    warnings = " | ".join(str(w) for w in result.warnings)
    assert "Resume-Matcher" in warnings
    assert "additional" not in warnings
    # Its skills, languages and awards have a place now (they were dropped before).
    assert resume.skills == (SkillGroup(items=("Python", "FastAPI", "Docker", "AWS", "PostgreSQL",
                                               "Redis")),)
    assert resume.languages == (Language(name="English", level="Native"),
                                Language(name="Spanish", level="Conversational"))
    assert resume.awards == (Award(title="Employee of the Year 2022"),)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["basics", "work", "name", "position", "startDate", "endDate",
                         "education", "institution", "profiles", "network", "url", "location",
                         "highlights", "keywords", "skills", "projects", "description",
                         "certificates", "personalInfo", "workExperience", "years"])
        | st.text(max_size=5), inner, max_size=5),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(json_values | st.text(max_size=30) | st.binary(max_size=30))
def test_import_never_raises_on_arbitrary_json(data: object) -> None:
    result = from_json_resume(data if isinstance(data, dict | str | bytes) else json.dumps(data))
    assert (result.resume is None) == bool(result.errors)


ADDED_SECTIONS = {
    "basics": {"name": "Your Name"},
    "skills": [{"name": "Git"}, {"name": "Cloud", "level": "Master", "keywords": ["AWS", "GCP"]}],
    "languages": [{"language": "English", "fluency": "Native"}, {"language": "Spanish"}],
    "awards": [{"title": "ICPC World Finalist", "awarder": "ICPC", "date": "2015",
                "summary": "14th of 128 teams"}],
    "volunteer": [{"organization": "Red Cross", "position": "Volunteer", "startDate": "2015-03",
                   "endDate": "2016", "summary": "First aid", "highlights": ["Trained 40"]}],
    "publications": [{"name": "Incremental Views", "publisher": "EDC", "releaseDate": "2019-06-01",
                      "url": "https://example.org/p"}],
    "interests": [{"name": "Chess"}, {"name": "Wildlife", "keywords": ["Ferrets", "Owls"]}],
}


def test_import_keeps_skills_languages_awards_volunteering_publications_interests() -> None:
    result = from_json_resume(ADDED_SECTIONS)
    resume = result.resume
    assert resume.skills == (SkillGroup(items=("Git",)),
                             SkillGroup(name="Cloud", items=("AWS", "GCP")))
    assert resume.languages == (Language(name="English", level="Native"), Language(name="Spanish"))
    assert resume.awards == (Award(title="ICPC World Finalist", issuer="ICPC",
                                   date=Month(year=2015), description=("14th of 128 teams",)),)
    (volunteering,) = resume.volunteering
    assert (volunteering.organization, volunteering.role, volunteering.start, volunteering.end,
            volunteering.summary, volunteering.tasks) == (
        "Red Cross", "Volunteer", Month(year=2015, month=3), Month(year=2016), ("First aid",),
        ("Trained 40",))
    (publication,) = resume.publications
    assert (publication.title, publication.publisher, publication.date, publication.url) == (
        "Incremental Views", "EDC", Month(year=2019, month=6), "https://example.org/p")
    assert resume.interests == ("Chess", "Wildlife (Ferrets, Owls)")
    # Nothing dropped silently: the one thing without a place is named.
    assert [str(w) for w in result.warnings] == [
        "skills[1].level has no place in a Tailor resume; not imported"]


def test_export_writes_the_added_sections_with_dates_at_their_precision() -> None:
    data = to_json_resume(from_json_resume(ADDED_SECTIONS).resume)
    assert data["skills"] == [{"name": "Git"}, {"name": "Cloud", "keywords": ["AWS", "GCP"]}]
    assert data["languages"] == [{"language": "English", "fluency": "Native"},
                                 {"language": "Spanish"}]
    assert data["awards"][0]["date"] == "2015"
    assert (data["volunteer"][0]["startDate"], data["volunteer"][0]["endDate"]) == ("2015-03",
                                                                                  "2016")
    assert data["publications"][0]["releaseDate"] == "2019-06"
    assert data["interests"] == [{"name": "Chess"}, {"name": "Wildlife (Ferrets, Owls)"}]


def test_role_skills_listed_for_themes_do_not_come_back_as_a_section() -> None:
    resume = Resume.model_validate({"roles": [{"company": "A", "title": "B",
                                               "start": {"year": 2019}, "skills": ["SQL"]}]})
    data = to_json_resume(resume)
    assert data["skills"] == [{"name": "SQL"}]
    assert data["work"][0]["startDate"] == "2019"
    assert from_json_resume(data).resume == resume
