"""`tailor parse-resume FILE [--json]`: the deterministic read of a resume file, no database."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from documents.importers import ImportRefused
from documents.structure.read import FileRead, read_file

REFUSED = 2


def parse_resume_file(path: Path, *, as_json: bool) -> int:
    try:
        data = path.read_bytes()
    except OSError as error:
        print(f"tailor: cannot read {path}: {error.strerror or error}", file=sys.stderr)
        return REFUSED
    try:
        read = read_file(path.name, data)
    except ImportRefused as refused:
        print(refused.message, file=sys.stderr)
        return REFUSED
    if as_json:
        print(json.dumps(read.to_json(), ensure_ascii=False, indent=2))
    else:
        print(describe(read))
    return 0


def describe(read: FileRead) -> str:
    data = read.to_json()
    lines = ["Resume (Tailor's model, as JSON):"]
    lines.append(json.dumps(data["resume"], ensure_ascii=False, indent=2))
    lines += [f"Read as: {data['kind']}"] + [f"Note: {warning}" for warning in data["warnings"]]
    lines.append(f"Lines not placed ({len(data['unplaced'])}):")
    lines += [f"  - {line}" for line in data["unplaced"]]
    lines += [f"  ({note})" for note in data["notes"]]
    report = read.fidelity
    if report is None:
        lines.append("Fidelity: nothing could be structured.")
    else:
        lines.append(f"Fidelity: {report.checked} fields checked, "
                     f"{len(report.unsupported)} not supported by the file, "
                     f"{report.word_share:.0%} of the file's words carried.")
        lines += [f"  - {finding.sentence()}" for finding in report.unsupported]
        lines += [f"  - not imported: {line}" for line in report.not_imported]
    return "\n".join(lines)
