"""Precision and recall of the deterministic requirement extractor on the self-labelled postings.

Tools only (the labels do not cover skill phrases); a tool counts as found when its canonical
form matches a label's (so "AWS" = "Amazon Web Services"). The required/preferred split is
scored separately, on the tools found correctly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from engine.requirements import extract_requirements
from engine.requirements_vocab import canonical

LABELS = Path(__file__).resolve().parent / "labelled" / "requirements_tools.json"


@dataclass(frozen=True)
class ExtractorScore:
    true_positives: int
    false_positives: int
    false_negatives: int
    split_correct: int  # found tools whose required/preferred flag matches the label

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 0.0

    @property
    def split_accuracy(self) -> float:
        return self.split_correct / self.true_positives if self.true_positives else 0.0


def measure(jobs_dir: Path) -> tuple[ExtractorScore, dict[str, dict[str, list[str]]]]:
    labels = json.loads(LABELS.read_text())["postings"]
    tp = fp = fn = split = 0
    misses: dict[str, dict[str, list[str]]] = {}
    for name, label in labels.items():
        wanted = {canonical(t): True for t in label["required"]}
        wanted.update({canonical(t): False for t in label["preferred"]})
        # The labels list tools one by one: a requirement "A or B" finds both A and B.
        found = {
            canonical(member): r.required
            for r in extract_requirements((jobs_dir / name).read_text())
            if r.kind == "tool"
            for member in r.members
        }
        tp += len(wanted.keys() & found.keys())
        fp += len(found.keys() - wanted.keys())
        fn += len(wanted.keys() - found.keys())
        split += sum(1 for k in wanted.keys() & found.keys() if wanted[k] == found[k])
        misses[name] = {"extra": sorted(found.keys() - wanted.keys()),
                        "missed": sorted(wanted.keys() - found.keys())}
    return ExtractorScore(tp, fp, fn, split), misses


def report(jobs_dir: Path) -> str:
    score, misses = measure(jobs_dir)
    lines = [
        "Requirement extractor on 5 self-labelled postings (tools only):",
        f"  precision {score.precision:.2f}  recall {score.recall:.2f}  "
        f"required/preferred correct {score.split_accuracy:.2f}  "
        f"(tp {score.true_positives}, fp {score.false_positives}, fn {score.false_negatives})",
    ]
    for name, miss in misses.items():
        lines.append(f"  {name}: missed {miss['missed'] or '-'}; extra {miss['extra'] or '-'}")
    return "\n".join(lines)
