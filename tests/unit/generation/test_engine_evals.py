"""The eval harness: each scorer passes the known-good tailorings and fires on its bad case."""

from __future__ import annotations

import pytest
from support.llm_script import RecordedRequest, structured

from evals.run import live, load_cases, offline
from evals.scorers import SCORER_NAMES, score_text

from .scripts import faithful_rule, schema_name

CASES = load_cases()


@pytest.mark.parametrize("golden", CASES, ids=[g.case.name for g in CASES])
def test_good_passes_and_bad_fires(golden) -> None:
    good = score_text(golden.case, (golden.folder / "good.md").read_text())
    assert [v.scorer for v in good if not v.passed] == []
    bad = {v.scorer: v for v in score_text(golden.case, (golden.folder / "bad.md").read_text())}
    for name in golden.bad_must_fail:
        assert not bad[name].passed, name


def test_every_scorer_fires_on_some_bad_case() -> None:
    fired = set()
    for golden in CASES:
        bad = score_text(golden.case, (golden.folder / "bad.md").read_text())
        fired |= {v.scorer for v in bad if not v.passed and v.detail != "not parseable"}
    assert fired == set(SCORER_NAMES)


def test_the_bad_cases_name_what_is_wrong() -> None:
    platform = next(g for g in CASES if g.case.name == "platform")
    bad = {v.scorer: v.detail
           for v in score_text(platform.case, (platform.folder / "bad.md").read_text())}
    assert bad["identity_unchanged"] == "roles (company, title or dates) differ"
    assert "the name “Netflix”" in bad["no_fabricated_employers"]
    assert "Terraform at Riverbend Logistics" in bad["no_fabricated_skills"]
    assert "60 at Riverbend Logistics" in bad["no_fabricated_numbers"]


def test_offline_run_succeeds_on_the_committed_cases(capsys) -> None:
    assert offline() is True
    assert "platform/bad" in capsys.readouterr().out


async def test_live_run_tailors_and_scores_each_case(scripted_llm, capsys) -> None:
    rules = [faithful_rule(g.case.source.roles) for g in CASES]

    def answer(request: RecordedRequest):
        if schema_name(request) == "JobAnalysis":
            return structured({"title": "Analyst", "required_skills": ["SQL"]})
        return next((r for r in (rule(request) for rule in rules) if r is not None), None)

    scripted_llm.add_rule(answer)
    await live(scripted_llm.base_url, "test-key", "scripted")
    out = capsys.readouterr().out
    assert "Live run with scripted @" in out
    for golden in CASES:
        assert f"{golden.case.name}/live" in out
    assert "FAIL" not in out
