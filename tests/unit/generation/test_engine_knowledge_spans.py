"""Knowledge (domain) requirements: what a person must know, not where the company sits.

Each test names a general rule measured on SkillSpan's dev splits (bench/requirements_quality.py)
and written on sentences of our own.
"""

from __future__ import annotations

from engine.requirements import extract_requirements


def _domains(posting: str) -> set[str]:
    return {r.text for r in extract_requirements(posting) if r.kind == "domain"}


def test_the_company_describing_itself_names_no_domain() -> None:
    assert _domains("We are a fintech company helping banks grow.") == set()
    assert _domains("Acme is a leading provider of healthcare software.") == set()


def test_a_benefit_line_names_no_domain() -> None:
    assert _domains("Private health insurance and a gym membership") == set()
    assert _domains("Education budget and language courses") == set()


def test_a_field_naming_a_team_or_role_is_not_asked_for() -> None:
    assert _domains("You will report to the Procurement team lead.") == set()
    assert _domains("Work closely with our Finance Partner on budgets.") == set()
    # The same field asked for as knowledge still counts.
    assert "procurement" in _domains("You have five years of experience in procurement.")


def test_the_mood_of_a_workplace_is_not_a_domain() -> None:
    assert _domains("You thrive in a fast-paced environment.") == set()
    assert "banking" in _domains("You have experience in the banking industry.")


def test_a_known_thing_loses_its_determiner_and_vague_lists_are_dropped() -> None:
    assert _domains("Experience with some or all of the following: cooking, baking") == set()
    assert "property law" in _domains("You must have experience within the area of property law.")


def test_more_knowledge_cues_are_read() -> None:
    assert "cyber security and cloud computing" in _domains(
        "Knowledge in cyber security and cloud computing")
    assert "global production" in _domains("Five years of experience from global production.")


def _tools(posting: str) -> set[str]:
    return {m for r in extract_requirements(posting) if r.kind == "tool" for m in r.members}


def test_a_tool_naming_a_role_or_team_is_not_asked_for() -> None:
    assert _tools("Reporting to our DevOps Manager, you will join the scrum team.") == set()
    assert _tools("You will mentor Java developers.") == set()
    assert _tools("You have used Java and Scrum daily.") == {"Java", "Scrum"}


def test_an_unknown_product_name_counts_in_a_posting_without_headings() -> None:
    # With no heading, the sentence is the requirements, not the company's blurb.
    assert "FreeRTOS" in _tools("You have shipped firmware on FreeRTOS.")


def test_an_unknown_name_in_the_company_voice_is_its_own_brand() -> None:
    assert _tools("We're proud to be ranked on LinkedIn Top Companies.") == set()


def test_a_list_written_without_commas_keeps_its_unknown_members() -> None:
    tools = _tools("Heavy experience with Docker Kubernetes Rancher")
    assert {"Docker", "Kubernetes", "Rancher"} <= tools
    # One known tool is not a list: the capitalised word next to it is left alone.
    assert _tools("Deploy Docker Images daily") == {"Docker"}


def test_a_line_of_lowercase_tags_is_all_tools() -> None:
    tools = {t.lower() for t in _tools("typescript javascript node.js react go sysadmin")}
    assert {"go", "sysadmin"} <= tools
    # Prose in lowercase is not a tag line.
    assert "go" not in {t.lower() for t in _tools("we go live with react and typescript")}


def _kinds(posting: str, kind: str) -> set[str]:
    return {r.text for r in extract_requirements(posting) if r.kind == kind}


def test_a_degree_is_a_degree_only_when_someone_must_hold_it() -> None:
    assert _kinds("You work with a high degree of accuracy.", "degree") == set()
    assert _kinds("We are looking for a motivated PhD student.", "degree") == set()
    assert _kinds("The faculty has 4,500 students including 750 Ph.D. fellows.", "degree") == set()
    assert _kinds("You hold a PhD in physics.", "degree") == {"PhD in physics"}


def test_certifications_on_offer_are_not_asked_for() -> None:
    assert _kinds("Paid certifications and study leave", "certification") == set()
    assert _kinds("Support with pursuing certifications", "certification") == set()
    assert _kinds("You hold the CISSP certification.", "certification")


def test_fields_named_after_area_and_background_cues_are_knowledge() -> None:
    assert "polymer chemistry" in _domains("You will work in the area of polymer chemistry.")
    assert "marine engineering" in _domains("You have a technical background within marine "
                                            "engineering.")
    assert "tax law" in _domains("An excellent command of tax law is a must.")


def test_fields_of_study_are_knowledge_without_a_cue() -> None:
    assert {d.lower() for d in _domains("Physics or chemistry graduates welcome.")} == {
        "physics", "chemistry"}
    assert "operating systems" in _domains("Linux internals and operating systems matter here.")


def test_a_field_in_the_plural_is_the_same_field() -> None:
    assert "governments" in _domains("You have worked with governments and NGOs.")


def test_a_bullet_naming_a_tool_after_a_heading_word_is_not_a_heading() -> None:
    posting = "Requirements\n- Experience with Linux servers\n- Experience in banking\n"
    found = {(r.text, r.kind) for r in extract_requirements(posting)}
    assert ("Linux", "tool") in found and ("banking", "domain") in found


def test_words_read_as_knowledge_are_not_also_a_skill() -> None:
    # Listed twice, one background would count twice in the score and show twice on the card.
    posting = "Data Analyst\n\nRequirements\n- Background in Accounting\n- SQL"
    accounting = [r.kind for r in extract_requirements(posting) if r.text == "Accounting"]
    assert accounting == ["domain"]
