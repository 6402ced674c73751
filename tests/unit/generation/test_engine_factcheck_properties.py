"""Inventions inserted anywhere are caught every time, not just in the hand-picked examples."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from documents.markdown import load_resume
from engine.factcheck.check import fact_check_resume
from engine.factcheck.claims import amount_keys, numbers_in, role_support
from engine.requirements_vocab import TOOLS, canonical

from .paths import PLATFORM_RESUME

RESUME = load_resume(PLATFORM_RESUME.read_text())
PROPERTY = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])
EMPLOYERS = ("Initech", "Globex", "Umbrella Corporation", "Hooli", "Vandelay Industries")

roles = st.integers(min_value=0, max_value=len(RESUME.roles) - 1)


def _with_task(index: int, position: int, text: str):
    role = RESUME.roles[index]
    tasks = list(role.tasks)
    tasks.insert(position % (len(tasks) + 1), text)
    updated = list(RESUME.roles)
    updated[index] = role.model_copy(update={"tasks": tuple(tasks)})
    return RESUME.model_copy(update={"roles": tuple(updated)})


@PROPERTY
@given(roles, st.integers(0, 5), st.integers(min_value=100, max_value=10**7),
       st.sampled_from(["", "%", " users", " ms"]))
def test_an_added_number_never_survives(index, position, number, unit) -> None:
    allowed = role_support(RESUME.roles[index]).numbers
    claim = f"Grew adoption to {number:,}{unit} across teams"
    # The same amount in another notation (2,000,000 for the role's "2M") is not an invention.
    assume(not amount_keys(claim) <= allowed)
    checked, report = fact_check_resume(RESUME, _with_task(index, position, claim), [])
    for task in checked.roles[index].tasks:
        assert numbers_in(task) <= allowed
    assert report.repaired


@PROPERTY
@given(roles, st.integers(0, 5), st.sampled_from(EMPLOYERS))
def test_an_invented_employer_never_survives(index, position, employer) -> None:
    claim = f"Partnered with {employer} on the rollout"
    checked, _ = fact_check_resume(RESUME, _with_task(index, position, claim), [])
    assert all(employer not in task for role in checked.roles for task in role.tasks)


@PROPERTY
@given(roles, st.sampled_from(TOOLS), st.permutations(range(4)))
def test_a_skill_smuggled_into_a_reordered_list_is_dropped(index, tool, order) -> None:
    role = RESUME.roles[index]
    if role_support(role).supports_skill(tool):
        return  # not an invention for this role
    listed = [*role.skills, tool]
    shuffled = tuple(listed[i % len(listed)] for i in order) + (tool,)
    updated = list(RESUME.roles)
    updated[index] = role.model_copy(update={"skills": shuffled})
    checked, _ = fact_check_resume(RESUME, RESUME.model_copy(update={"roles": tuple(updated)}),
                                   [])
    assert canonical(tool) not in {canonical(s) for s in checked.roles[index].skills}
