"""The fact check over the whole planted-fault set (evals/factcheck): every planted fault is
caught under its rule, every clean tailoring passes untouched, and the set stays well formed."""

from __future__ import annotations

import pytest

from evals import factcheck_eval
from evals.factcheck import validate

RESULTS = factcheck_eval.run()


def test_the_set_is_well_formed() -> None:
    assert validate.main() == 0


def test_every_planted_fault_is_caught_under_its_rule() -> None:
    faults = [r for r in RESULTS if not r.clean]
    assert len(faults) == 82
    missed = [p for p in factcheck_eval.problems(faults) if "false alarm" not in p]
    assert missed == []


def test_every_clean_tailoring_passes() -> None:
    clean = [r for r in RESULTS if r.clean]
    assert len(clean) == 21
    assert [(r.case["id"], [f.generated_line for f in r.findings]) for r in clean
            if r.findings] == []


def test_no_false_alarm_beside_a_planted_fault() -> None:
    assert [p for p in factcheck_eval.problems(RESULTS) if "false alarm" in p] == []


@pytest.mark.parametrize("rule", factcheck_eval.RULES)
def test_each_rule_fires_on_its_planted_faults(rule: str) -> None:
    fired = [ok for r in RESULTS for item, ok in zip(r.case["planted"], r.right_rule,
                                                     strict=True) if item["rule"] == rule]
    assert fired and all(fired)


def test_the_table_is_what_make_eval_prints(capsys) -> None:
    assert factcheck_eval.main() is True
    out = capsys.readouterr().out
    assert "all faults                    82      82         82" in out
    assert "clean passed: 21 / 21" in out
