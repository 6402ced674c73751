"""Regression floors for PDF extraction, scored by the same code as bench/extraction.py."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from documents.importers import extract_text

ROOT = Path(__file__).resolve().parents[3]
# Measured 163/164 = 99.4% (the one miss is an en dash the truth file writes as a hyphen).
RECALL_FLOOR = 0.98


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_extraction", ROOT / "bench/extraction.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


def test_ground_truth_recall_stays_above_the_floor(bench: ModuleType, fixtures_dir: Path) -> None:
    found_all = total_all = 0
    for path, strings in bench.truth_cases():
        found, total, _missing = bench.recall(extract_text(path.name, path.read_bytes()).text,
                                              strings)
        found_all += found
        total_all += total
    assert total_all > 150
    assert found_all / total_all >= RECALL_FLOOR


@pytest.mark.parametrize("index", range(4))
def test_two_column_roles_do_not_interleave(bench: ModuleType, fixtures_dir: Path,
                                            index: int) -> None:
    layout = bench.TWO_COLUMN_FILES[index]
    data = (fixtures_dir / "resumes/pdf" / layout.name).read_bytes()
    assert bench.role_problems(extract_text(layout.name, data).text, layout) == []


def test_the_interleaving_check_catches_position_order(
    bench: ModuleType, fixtures_dir: Path
) -> None:
    """pypdf's layout mode reads straight across both columns; the check must notice."""
    layout = bench.TWO_COLUMN_FILES[0]
    naive = bench._pypdf_text((bench.PDFS / layout.name).read_bytes(), "layout")
    assert bench.role_problems(naive, layout)
